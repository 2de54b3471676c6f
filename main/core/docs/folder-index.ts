/**
 * Reads a documentation folder into memory for search: its Markdown, text and HTML files, in
 * name order, within limits (files, bytes per file, bytes in all, depth). Read-only; symbolic
 * links are never followed (so nothing outside the folder is read), hidden folders and
 * node_modules are skipped, and binary files are left out.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DocsFolderState } from '../../contract/services/docs.js';
import { docKindOf, docText, looksBinary, type DocText } from './doc-text.js';

export interface DocsLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  maxDepth: number;
  /** Folder entries looked at in all (a huge tree is not walked to the end). */
  maxEntries: number;
}

export const DEFAULT_DOCS_LIMITS: DocsLimits = {
  maxFiles: 2000,
  maxFileBytes: 2 * 1024 * 1024,
  maxTotalBytes: 48 * 1024 * 1024,
  maxDepth: 12,
  maxEntries: 50_000,
};

export interface IndexedDoc extends DocText {
  /** Inside the folder, with forward slashes. */
  path: string;
  /** Lower-cased copies for matching. */
  lower: { title: string; path: string; text: string };
}

export type FolderIndex =
  | {
      ok: true;
      root: string;
      docs: IndexedDoc[];
      bytes: number;
      skipped: number;
      truncated: boolean;
      /** Which limit cut the walk short, in words. */
      limitNote: string | null;
    }
  | { ok: false; state: Exclude<DocsFolderState, 'none' | 'ready'>; message: string };

/** `~/docs` means the home folder's docs; anything else must be a full path. */
export function resolveDocsFolder(folder: string): string | null {
  const trimmed = folder.trim();
  if (trimmed === '~' || trimmed.startsWith('~/') || trimmed.startsWith('~\\'))
    return path.join(os.homedir(), trimmed.slice(1));
  return path.isAbsolute(trimmed) ? path.resolve(trimmed) : null;
}

const isInside = (root: string, file: string) => {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__']);

export function toIndexedDoc(relativePath: string, text: DocText): IndexedDoc {
  return {
    ...text,
    path: relativePath,
    lower: { title: text.title.toLowerCase(), path: relativePath.toLowerCase(), text: text.text.toLowerCase() },
  };
}

/** The folder as set in Settings, or why it cannot be read. */
export async function openDocsFolder(
  folder: string,
): Promise<{ ok: true; root: string } | Extract<FolderIndex, { ok: false }>> {
  const resolved = resolveDocsFolder(folder);
  if (!resolved)
    return {
      ok: false,
      state: 'missing',
      message: `“${folder}” is not a full path. Enter the folder's full path, e.g. /home/you/docs or C:\\docs.`,
    };
  let stat;
  try {
    stat = await fs.stat(resolved);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? {
          ok: false,
          state: 'missing',
          message: `The folder ${resolved} does not exist. Check the documentation folder’s path (Settings → Coding rounds).`,
        }
      : { ok: false, state: 'unreadable', message: `The folder ${resolved} cannot be read (${code ?? 'error'}).` };
  }
  if (!stat.isDirectory())
    return {
      ok: false,
      state: 'not_folder',
      message: `${resolved} is a file, not a folder. Choose the folder that holds your documentation.`,
    };
  return { ok: true, root: await fs.realpath(resolved) };
}

/** Reads one file if it is documentation that fits the limits; why not otherwise. */
export async function readDoc(
  root: string,
  relativePath: string,
  limits: Pick<DocsLimits, 'maxFileBytes'>,
): Promise<{ ok: true; doc: IndexedDoc; bytes: number } | { ok: false; reason: 'not_doc' | 'too_big' | 'binary' }> {
  const kind = docKindOf(relativePath);
  if (!kind) return { ok: false, reason: 'not_doc' };
  const file = path.join(root, ...relativePath.split('/'));
  try {
    // Never through a link: the file itself and its real location must both be inside the folder.
    const stat = await fs.lstat(file);
    if (!stat.isFile()) return { ok: false, reason: 'not_doc' };
    if (!isInside(root, await fs.realpath(file))) return { ok: false, reason: 'not_doc' };
    if (stat.size > limits.maxFileBytes) return { ok: false, reason: 'too_big' };
    const bytes = await fs.readFile(file);
    if (looksBinary(bytes)) return { ok: false, reason: 'binary' };
    const doc = toIndexedDoc(relativePath, docText(relativePath, kind, bytes.toString('utf8')));
    return { ok: true, doc, bytes: bytes.length };
  } catch {
    return { ok: false, reason: 'not_doc' };
  }
}

export async function indexDocsFolder(folder: string, limits: DocsLimits = DEFAULT_DOCS_LIMITS): Promise<FolderIndex> {
  const opened = await openDocsFolder(folder);
  if (!opened.ok) return opened;
  const { root } = opened;
  const docs: IndexedDoc[] = [];
  let bytes = 0;
  let skipped = 0;
  let entries = 0;
  let limitNote: string | null = null;

  const walk = async (relative: string, depth: number): Promise<void> => {
    let listing;
    try {
      listing = await fs.readdir(path.join(root, ...relative.split('/').filter(Boolean)), { withFileTypes: true });
    } catch {
      return; // an unreadable subfolder is passed over
    }
    listing.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of listing) {
      if (limitNote) return;
      if (++entries > limits.maxEntries) {
        limitNote = `the folder has more than ${limits.maxEntries} entries`;
        return;
      }
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name) || depth >= limits.maxDepth) continue;
        await walk(rel, depth + 1);
        continue;
      }
      if (!entry.isFile() || !docKindOf(entry.name)) continue;
      if (docs.length >= limits.maxFiles) {
        limitNote = `the limit is ${limits.maxFiles} files`;
        return;
      }
      const read = await readDoc(root, rel, limits);
      if (!read.ok) {
        if (read.reason !== 'not_doc') skipped++;
        continue;
      }
      if (bytes + read.bytes > limits.maxTotalBytes) {
        limitNote = `the limit is ${Math.round(limits.maxTotalBytes / (1024 * 1024))} MB of text`;
        return;
      }
      bytes += read.bytes;
      docs.push(read.doc);
    }
  };
  await walk('', 0);

  if (docs.length === 0)
    return {
      ok: false,
      state: 'empty',
      message:
        skipped > 0
          ? `No readable documentation in ${root}: ${skipped} file${skipped === 1 ? ' was' : 's were'} too large or not text.`
          : `No documentation files in ${root}. The Docs tab reads .md, .txt, .html and .htm files.`,
    };
  return { ok: true, root, docs, bytes, skipped, truncated: limitNote !== null, limitNote };
}
