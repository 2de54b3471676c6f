/**
 * A line diff of two texts for review: the changed lines with a few lines of context around
 * them, as runs ("hunks"). Lines shared at the start and end are set aside first, so a small edit
 * in a long file compares only the few lines between; what is left is compared by longest
 * common subsequence when small enough, or else shown as removed-then-added (still correct, only
 * less tidy). Pure.
 */
import type { DiffLine, ProjectFileChange } from '../../contract/services/project.js';

/** Lines of unchanged context shown around a change. */
export const CONTEXT_LINES = 3;
/** Cells of the LCS table past which the middle is shown as removed-then-added. */
const MAX_LCS_CELLS = 400_000;
/** Lines of a change kept for review; the rest is counted, not shown. */
export const MAX_CHANGE_LINES = 1500;

const linesOf = (text: string | null): string[] => (text === null || text === '' ? [] : text.split('\n'));

type Op = 'same' | 'added' | 'removed';

/** The edit script from `a` to `b`, one op per line. */
function editScript(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  return [...Array<Op>(head).fill('same'), ...middle(midA, midB), ...Array<Op>(tail).fill('same')];
}

function middle(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_LCS_CELLS) {
    return [...Array<Op>(n).fill('removed'), ...Array<Op>(m).fill('added')];
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push('same');
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      ops.push('removed');
      i++;
    } else {
      ops.push('added');
      j++;
    }
  }
  while (i++ < n) ops.push('removed');
  while (j++ < m) ops.push('added');
  return ops;
}

/** Every line of the comparison, numbered on both sides. */
export function diffLines(before: string | null, after: string | null): DiffLine[] {
  const a = linesOf(before);
  const b = linesOf(after);
  let oldLine = 0;
  let newLine = 0;
  return editScript(a, b).map((op) => {
    if (op === 'same') return { kind: op, text: b[newLine]!, oldLine: ++oldLine, newLine: ++newLine };
    if (op === 'removed') return { kind: op, text: a[oldLine]!, oldLine: ++oldLine, newLine: null };
    return { kind: op, text: b[newLine]!, oldLine: null, newLine: ++newLine };
  });
}

/** The changed lines with `context` unchanged lines around each run of changes. */
export function hunksOf(lines: DiffLine[], context = CONTEXT_LINES): DiffLine[][] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) keep[k] = true;
  });
  const hunks: DiffLine[][] = [];
  let current: DiffLine[] | null = null;
  lines.forEach((line, index) => {
    if (!keep[index]) {
      current = null;
      return;
    }
    if (!current) hunks.push((current = []));
    current.push(line);
  });
  return hunks;
}

/** How one file changed between two moments; null when it did not. */
export function fileChange(path: string, before: string | null, after: string | null): ProjectFileChange | null {
  if (before === after) return null;
  const status = before === null ? 'added' : after === null ? 'deleted' : 'changed';
  const lines = diffLines(before, after);
  const added = lines.filter((l) => l.kind === 'added').length;
  const removed = lines.filter((l) => l.kind === 'removed').length;
  let budget = MAX_CHANGE_LINES;
  let truncated = false;
  const hunks: DiffLine[][] = [];
  for (const hunk of hunksOf(lines)) {
    if (budget <= 0) {
      truncated = true;
      break;
    }
    if (hunk.length > budget) truncated = true;
    hunks.push(hunk.slice(0, budget));
    budget -= hunk.length;
  }
  return { path, status, added, removed, hunks, truncated };
}

/** Every file that differs between two sets of files, sorted by path. */
export function filesChanges(before: Record<string, string>, after: Record<string, string>): ProjectFileChange[] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.flatMap((p) => fileChange(p, before[p] ?? null, after[p] ?? null) ?? []);
}
