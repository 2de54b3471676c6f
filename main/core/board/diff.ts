/**
 * What changed on the board since the interviewer's last look, by element id: a shape renamed
 * in place is "renamed", not a removal and an addition.
 */
import type { BoardDescription } from '../../contract/services/board.js';
import {
  boardText,
  capped,
  componentName,
  DEFAULT_FORMAT,
  edgeText,
  fit,
  quoteText,
  type FormatOptions,
} from './format.js';

export interface BoardDiff {
  /** One line per change, e.g. 'added "Cache" (rectangle)'. */
  changes: string[];
}

export function diffBoards(
  before: BoardDescription,
  after: BoardDescription,
  max = DEFAULT_FORMAT.maxTextChars,
): BoardDiff {
  const changes: string[] = [];
  const oldC = new Map(before.components.map((c) => [c.id, c]));
  const newC = new Map(after.components.map((c) => [c.id, c]));
  for (const c of after.components) {
    const was = oldC.get(c.id);
    if (!was) changes.push(`added ${componentName(c, max)} (${c.shape})`);
    else if (was.label !== c.label) changes.push(`renamed ${componentName(was, max)} to ${componentName(c, max)}`);
  }
  for (const c of before.components) if (!newC.has(c.id)) changes.push(`removed ${componentName(c, max)}`);

  const oldE = new Map(before.edges.map((e) => [e.id, e]));
  const newE = new Map(after.edges.map((e) => [e.id, e]));
  for (const e of after.edges) {
    const was = oldE.get(e.id);
    const now = edgeText(e, newC, max);
    if (!was) changes.push(`added arrow ${now}`);
    else if (edgeText(was, oldC, max) !== now) changes.push(`changed arrow ${edgeText(was, oldC, max)} to ${now}`);
  }
  for (const e of before.edges) if (!newE.has(e.id)) changes.push(`removed arrow ${edgeText(e, oldC, max)}`);

  const oldN = new Map(before.notes.map((n) => [n.id, n]));
  const newN = new Map(after.notes.map((n) => [n.id, n]));
  for (const n of after.notes) {
    const was = oldN.get(n.id);
    if (!was) changes.push(`added note ${quoteText(n.text, max)}`);
    else if (was.text !== n.text) changes.push(`changed note ${quoteText(was.text, max)} to ${quoteText(n.text, max)}`);
  }
  for (const n of before.notes) if (!newN.has(n.id)) changes.push(`removed note ${quoteText(n.text, max)}`);

  const oldF = new Map(before.frames.map((f) => [f.id, f]));
  for (const f of after.frames) {
    const was = oldF.get(f.id);
    if (!was) changes.push(`added frame ${quoteText(f.name, max)}`);
    else if (was.name !== f.name)
      changes.push(`renamed frame ${quoteText(was.name, max)} to ${quoteText(f.name, max)}`);
  }
  const newF = new Set(after.frames.map((f) => f.id));
  for (const f of before.frames) if (!newF.has(f.id)) changes.push(`removed frame ${quoteText(f.name, max)}`);

  const groupKey = (d: BoardDescription) => new Set(d.groups.map((g) => `${g.id}:${g.members.join(',')}`));
  const oldG = groupKey(before);
  for (const g of after.groups) {
    if (!oldG.has(`${g.id}:${g.members.join(',')}`)) {
      changes.push(`grouped ${g.members.map((m) => componentName(newC.get(m), max)).join(', ')}`);
    }
  }
  return { changes };
}

/**
 * What the interviewer is told about the board: everything on the first look, then only what
 * changed (the earlier looks are already in its conversation).
 */
export function boardUpdateText(
  before: BoardDescription | null,
  after: BoardDescription,
  options: FormatOptions = {},
): string {
  if (!before) return boardText(after, options);
  const { maxItems, maxChars } = { ...DEFAULT_FORMAT, ...options };
  const { changes } = diffBoards(before, after, options.maxTextChars);
  if (changes.length === 0) return 'No change on the board since your last look.';
  const lines = [
    'Changes on the board since your last look:',
    ...capped(
      changes.map((c) => `- ${c}`),
      maxItems,
      'changes',
    ),
  ];
  return fit(lines, maxChars);
}
