/**
 * Applies a unified diff (as `diff -u` or `git diff` writes it) to a files map: how a pack
 * states a bug bash's reference fix so that a person reads exactly what changed. Strict on
 * purpose: every context and removed line must match, so a patch that has drifted from the
 * files it fixes is an error, never a silent half-applied fix.
 */
import type { WorkspaceFiles } from '../../../../content/schema/workspace-exercise.js';

export class PatchError extends Error {}

interface Hunk {
  oldStart: number;
  lines: string[];
  /** 1-based line of the "@@" header in the patch text, for messages. */
  at: number;
}

interface FilePatch {
  oldPath: string | null;
  newPath: string | null;
  hunks: Hunk[];
}

function stripPrefix(path: string): string | null {
  const clean = path.split('\t')[0]!.trim();
  if (clean === '/dev/null') return null;
  return clean.replace(/^[ab]\//, '');
}

export function parsePatch(text: string): FilePatch[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const files: FilePatch[] = [];
  let current: FilePatch | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      current = { oldPath: stripPrefix(line.slice(4)), newPath: stripPrefix(lines[i + 1]!.slice(4)), hunks: [] };
      files.push(current);
      i++;
      continue;
    }
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (header) {
      if (!current) throw new PatchError(`line ${i + 1}: a hunk before any "--- a/file" / "+++ b/file" header`);
      const hunk: Hunk = { oldStart: Number(header[1]), lines: [], at: i + 1 };
      // The header's counts say where the hunk ends. An empty line inside it is a context line
      // whose single space an editor trimmed (YAML block literals invite that).
      let oldLeft = header[2] === undefined ? 1 : Number(header[2]);
      let newLeft = header[3] === undefined ? 1 : Number(header[3]);
      while ((oldLeft > 0 || newLeft > 0 || lines[i + 1]?.startsWith('\\')) && i + 1 < lines.length) {
        const next = lines[++i]!;
        const kind = next === '' ? ' ' : next[0];
        if (kind === '\\') {
          hunk.lines.push(next);
          continue;
        }
        if (kind !== ' ' && kind !== '+' && kind !== '-') {
          throw new PatchError(`line ${i + 1}: the hunk at line ${hunk.at} ends before its header's line counts`);
        }
        hunk.lines.push(next === '' ? ' ' : next);
        if (kind !== '+') oldLeft--;
        if (kind !== '-') newLeft--;
      }
      if (oldLeft > 0 || newLeft > 0) throw new PatchError(`the hunk at line ${hunk.at} is cut off`);
      current.hunks.push(hunk);
    }
  }
  if (files.length === 0) throw new PatchError('no "--- a/file" / "+++ b/file" headers found: is this a unified diff?');
  return files;
}

export function applyPatch(files: WorkspaceFiles, text: string): WorkspaceFiles {
  const out: WorkspaceFiles = { ...files };
  for (const file of parsePatch(text)) {
    const target = file.newPath ?? file.oldPath;
    if (target === null) throw new PatchError('a file patch with neither an old nor a new path');
    if (file.newPath === null) {
      if (file.oldPath === null || out[file.oldPath] === undefined)
        throw new PatchError(`cannot delete ${file.oldPath}: no such file`);
      delete out[file.oldPath];
      continue;
    }
    const original = file.oldPath === null ? '' : out[file.oldPath];
    if (original === undefined) throw new PatchError(`${file.oldPath}: no such file to patch`);
    out[target] = applyHunks(original, file.hunks, target);
    if (file.oldPath !== null && file.oldPath !== target) delete out[file.oldPath];
  }
  return out;
}

function applyHunks(original: string, hunks: Hunk[], path: string): string {
  const endsWithNewline = original === '' || original.endsWith('\n');
  const source = original === '' ? [] : (endsWithNewline ? original.slice(0, -1) : original).split('\n');
  const result: string[] = [];
  let cursor = 0;
  let noNewlineAtEnd = !endsWithNewline;
  for (const hunk of hunks) {
    const start = Math.max(0, hunk.oldStart - 1);
    if (start < cursor) throw new PatchError(`${path}: hunk at patch line ${hunk.at} overlaps the one before it`);
    result.push(...source.slice(cursor, start));
    cursor = start;
    for (let k = 0; k < hunk.lines.length; k++) {
      const line = hunk.lines[k]!;
      const kind = line[0];
      const body = line.slice(1);
      if (kind === '\\') {
        // "\ No newline at end of file" after an added line means the new file ends without one.
        noNewlineAtEnd = hunk.lines[k - 1]?.[0] !== '-';
        continue;
      }
      if (kind === '+') {
        result.push(body);
        continue;
      }
      if (source[cursor] !== body) {
        const found = source[cursor] === undefined ? 'the end of the file' : JSON.stringify(source[cursor]);
        throw new PatchError(
          `${path}: hunk at patch line ${hunk.at} expects ${JSON.stringify(body)} at line ${cursor + 1}, found ${found}`,
        );
      }
      if (kind === ' ') result.push(body);
      cursor++;
    }
  }
  result.push(...source.slice(cursor));
  const joined = result.join('\n');
  return result.length === 0 ? '' : noNewlineAtEnd ? joined : `${joined}\n`;
}

/** The reference's files: the starting files with the reference's files laid over, or patched. */
export function referenceFiles(
  start: WorkspaceFiles,
  reference: { files?: WorkspaceFiles; patch?: string },
): WorkspaceFiles {
  if (reference.files) return { ...start, ...reference.files };
  if (reference.patch !== undefined) return applyPatch(start, reference.patch);
  return { ...start };
}
