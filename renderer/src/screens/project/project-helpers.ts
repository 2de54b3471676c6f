/**
 * Pure helpers of the project workspace: which editor language a file gets, the file tree's
 * folders, search across files, and the file:line places in a stack trace that can be opened.
 */
import type { EditorLanguage } from '../workspace/CodeEditor.js';

export function editorLanguage(path: string): EditorLanguage {
  if (/\.py$/.test(path)) return 'python';
  if (/\.(m|c)?ts$/.test(path)) return 'typescript';
  if (/\.(m|c)?js$/.test(path)) return 'javascript';
  return 'plain';
}

export interface TreeEntry {
  path: string;
  name: string;
  /** Folders above it, for indentation. */
  depth: number;
  folder: boolean;
}

/** Paths as a tree: folders first at each level, then files, each alphabetically. */
export function fileTree(paths: readonly string[]): TreeEntry[] {
  interface Node {
    folders: Map<string, Node>;
    files: string[];
  }
  const root: Node = { folders: new Map(), files: [] };
  for (const path of paths) {
    const parts = path.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let next = node.folders.get(part);
      if (!next) node.folders.set(part, (next = { folders: new Map(), files: [] }));
      node = next;
    }
    node.files.push(path);
  }
  const out: TreeEntry[] = [];
  const walk = (node: Node, prefix: string, depth: number) => {
    for (const name of [...node.folders.keys()].sort()) {
      const path = `${prefix}${name}`;
      out.push({ path, name, depth, folder: true });
      walk(node.folders.get(name)!, `${path}/`, depth + 1);
    }
    for (const path of [...node.files].sort()) out.push({ path, name: path.split('/').at(-1)!, depth, folder: false });
  };
  walk(root, '', 0);
  return out;
}

export interface SearchHit {
  path: string;
  line: number;
  text: string;
}

export const MAX_SEARCH_HITS = 200;

/** Lines containing `query` (case-insensitive), file by file in path order; capped. */
export function searchFiles(files: Record<string, string>, query: string, max = MAX_SEARCH_HITS): SearchHit[] {
  const needle = query.trim().toLowerCase();
  if (needle.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const path of Object.keys(files).sort()) {
    const lines = files[path]!.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.toLowerCase().includes(needle)) continue;
      hits.push({ path, line: i + 1, text: lines[i]!.trim().slice(0, 200) });
      if (hits.length >= max) return hits;
    }
  }
  return hits;
}

export type StackPiece = string | { file: string; line: number; text: string };

/**
 * A stack or traceback split into text and the places in the workspace it names
 * ("src/parse.js:24:11", 'File "src/money.py", line 12'), so each place can be a link.
 */
export function linkStack(stack: string, files: ReadonlySet<string>): StackPiece[] {
  const pattern = /([A-Za-z0-9_./-]+\.[A-Za-z]+):(\d+)(?::\d+)?|File "([^"]+)", line (\d+)/g;
  const out: StackPiece[] = [];
  let last = 0;
  for (const m of stack.matchAll(pattern)) {
    const file = (m[1] ?? m[3] ?? '').replace(/^\.\//, '');
    if (!files.has(file)) continue;
    if (m.index > last) out.push(stack.slice(last, m.index));
    out.push({ file, line: Number(m[2] ?? m[4]), text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < stack.length) out.push(stack.slice(last));
  return out;
}

/** A new file's path as typed: trimmed, forward slashes, no leading "./" or "/". */
export function cleanNewPath(typed: string): string {
  return typed
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/|\/)+/, '');
}
