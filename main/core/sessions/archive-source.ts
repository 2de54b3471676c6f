/**
 * Read access to an export, whether a zip archive (in memory) or a folder on disk. Names use "/"
 * and are relative to the export's root. Nothing is unpacked until the importer asks for one
 * entry: small JSON files are read in memory, recordings are streamed straight to disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../contract/result.js';
import { MANIFEST_FILE } from './archive-format.js';
import { extractEntry, readEntry, readZipDirectory, ZipError, type ZipEntry } from './archive-zip.js';

export interface ArchiveSource {
  /** Every file, with its (declared) size. */
  entries(): { name: string; size: number }[];
  /** A small file's bytes; refused above `maxBytes`. */
  read(name: string, maxBytes: number): Buffer;
  /** Copies a file into a new file at `target` (never overwriting). */
  copyTo(name: string, target: string): Promise<void>;
}

const fail = (message: string, cause?: unknown) =>
  new AppError('IMPORT_FAILED', message, cause === undefined ? undefined : { cause });

export function damaged(what: string, cause?: unknown): AppError {
  return fail(
    `The export is damaged: ${what}. Nothing was imported. Export the data again from the other installation.`,
    cause,
  );
}

export function zipSource(bytes: Uint8Array): ArchiveSource {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes).filter((e) => !e.name.endsWith('/'));
  } catch (error) {
    throw fail(
      `This file is not an Interview Rehearsal export: it could not be read as a zip archive (${(error as Error).message}). Choose a .zip file made with "Export all data".`,
      error,
    );
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const entry = (name: string) => {
    const found = byName.get(name);
    if (!found) throw damaged(`${name} is missing`);
    return found;
  };
  const asImportError = (error: unknown) => (error instanceof ZipError ? damaged(error.message, error) : error);
  return {
    entries: () => entries.map((e) => ({ name: e.name, size: e.size })),
    read(name, maxBytes) {
      try {
        return readEntry(bytes, entry(name), maxBytes);
      } catch (error) {
        throw asImportError(error);
      }
    },
    async copyTo(name, target) {
      try {
        await extractEntry(bytes, entry(name), target);
      } catch (error) {
        throw asImportError(error);
      }
    },
  };
}

function unreadable(folder: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'the app is not allowed to read it'
      : code === 'ENOENT'
        ? 'it does not exist'
        : code === 'ENOTDIR'
          ? 'it is not a folder'
          : code;
  return fail(
    `Could not read ${folder}: ${why}. Check that you may open that folder (and the folders inside it), or choose the folder that "Export all to folder" created.`,
    error,
  );
}

export function folderSource(folder: string): ArchiveSource {
  let root = path.resolve(folder);
  try {
    if (!fs.statSync(root).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    // The folder the export was written into is accepted too, when it holds exactly one export.
    if (!fs.existsSync(path.join(root, MANIFEST_FILE))) {
      const inner = fs
        .readdirSync(root, { withFileTypes: true })
        .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, MANIFEST_FILE)));
      if (inner.length === 1 && inner[0]) root = path.join(root, inner[0].name);
    }
  } catch (error) {
    throw unreadable(root, error);
  }
  const files = new Map<string, { file: string; size: number }>();
  // Regular files only: links (which could point anywhere on this computer) and devices are left out.
  const walk = (dir: string, prefix: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw unreadable(dir, error);
    }
    for (const entry of entries) {
      const name = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, name);
      else if (entry.isFile()) {
        try {
          files.set(name, { file: full, size: fs.lstatSync(full).size });
        } catch (error) {
          throw unreadable(full, error);
        }
      }
    }
  };
  walk(root, '');
  const file = (name: string) => {
    const found = files.get(name);
    if (!found) throw damaged(`${name} is missing`);
    return found;
  };
  return {
    entries: () => [...files].map(([name, f]) => ({ name, size: f.size })),
    read(name, maxBytes) {
      const found = file(name);
      if (found.size > maxBytes) throw damaged(`${name} is larger than the app reads`);
      try {
        return fs.readFileSync(found.file);
      } catch (error) {
        throw unreadable(found.file, error);
      }
    },
    async copyTo(name, target) {
      const found = file(name);
      try {
        await fs.promises.copyFile(found.file, target, fs.constants.COPYFILE_EXCL);
      } catch (error) {
        // Writing problems (disk full) are the importer's to explain.
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOSPC' || code === 'EEXIST' || code === 'EDQUOT') throw error;
        throw unreadable(found.file, error);
      }
    },
  };
}
