import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DatabaseStatus } from '../../contract/services/app.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

export type Db = Database.Database;

export type OpenResult = { ok: true; db: Db; status: DatabaseStatus } | { ok: false; status: DatabaseStatus };

export const DATABASE_FILE = 'rehearsal.sqlite';

/**
 * Opens (or creates) the app database and brings it to the newest schema. Never throws:
 * an unwritable or corrupt file becomes a status the UI can explain.
 */
export function openDatabase(dataDir: string): OpenResult {
  const file = path.join(dataDir, DATABASE_FILE);
  let db: Db | undefined;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 3000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
    migrate(db, MIGRATIONS);
    return { ok: true, db, status: { ok: true, path: file } };
  } catch (error) {
    db?.close();
    return { ok: false, status: { ok: false, path: file, message: explainOpenError(file, error) } };
  }
}

function explainOpenError(file: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code ?? '';
  if (/newer version of the app/.test(detail)) {
    // Restarting or moving the file aside would not help: only a newer app can read it.
    return `The database at ${file} cannot be opened: ${detail}`;
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed|integrity/i.test(detail)) {
    return `The practice database at ${file} is damaged (${detail}). Move the file somewhere safe (it may be recoverable) and restart the app to begin with a fresh one.`;
  }
  if (
    code === 'SQLITE_READONLY' ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'ENOTDIR' ||
    code === 'EROFS' ||
    /readonly|permission|unable to open/i.test(detail)
  ) {
    return `The app cannot write its database at ${file} (${detail}). Check that the folder exists and that you have permission to write to it, then restart the app.`;
  }
  return `The database at ${file} could not be opened: ${detail}. Restart the app; if this keeps happening, move the file aside to start fresh.`;
}
