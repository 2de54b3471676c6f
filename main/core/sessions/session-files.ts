/**
 * Where a session's files live: sessions/<sessionId>/ inside the data folder. Recording rows
 * store a path relative to the sessions folder, "<sessionId>/<seq>.wav" (or an absolute one).
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataPaths } from '../data-dir.js';

export function sessionFolder(dataDir: string, sessionId: string): string {
  return path.join(dataPaths(dataDir).sessions, safeSegment(sessionId));
}

/** A session id as one path segment: ids are UUIDs, but an imported id must not climb out. */
export function safeSegment(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9._-]/g, '_');
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? `_${cleaned}_` : cleaned;
}

export function resolveRecordingPath(dataDir: string, stored: string): string {
  return path.isAbsolute(stored) ? stored : path.join(dataPaths(dataDir).sessions, stored);
}

export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The file's real path when it is a regular file whose real location (links resolved) is inside
 * the real `folder`; null otherwise. A link planted in sessions/ (to a file, or as a session
 * folder) can point anywhere on this computer, so the lexical path alone proves nothing.
 */
export function realFileInside(folder: string, file: string): string | null {
  try {
    const realFolder = fs.realpathSync(folder);
    const real = fs.realpathSync(file);
    if (!isInside(realFolder, real)) return null;
    return fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

export function fileExists(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Total size of the files under a folder; a missing folder is 0. Links are not followed. */
export function folderSize(folder: string): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) total += folderSize(full);
    else if (entry.isFile()) {
      try {
        total += fs.statSync(full).size;
      } catch {
        // Removed while counting.
      }
    }
  }
  return total;
}
