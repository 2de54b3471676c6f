/**
 * Deleting sessions: the rows (turns, segments, recordings and feedback go with the session by
 * ON DELETE CASCADE; the search index follows by trigger) and the session's files.
 */
import fs from 'node:fs';
import { AppError } from '../../contract/result.js';
import { dataPaths } from '../data-dir.js';
import type { Db } from '../storage/database.js';
import { NOT_FOUND_MESSAGE } from './detail.js';
import { isInside, resolveRecordingPath, sessionFolder } from './session-files.js';

/** Recording files of a session that live outside its own folder (older or foreign layouts). */
function strayRecordingFiles(db: Db, dataDir: string, sessionId: string): string[] {
  const rows = db
    .prepare(
      'SELECT rec.path FROM recordings rec JOIN turns t ON t.id = rec.turn_id JOIN rounds r ON r.id = t.round_id WHERE r.session_id = ?',
    )
    .all(sessionId) as { path: string }[];
  const folder = sessionFolder(dataDir, sessionId);
  return (
    rows
      .map((r) => resolveRecordingPath(dataDir, r.path))
      // Only files inside the data folder are ours to delete.
      .filter((file) => isInside(dataDir, file) && !isInside(folder, file))
  );
}

/** Removes a file or folder; one that is already gone is fine. */
function removeQuietly(target: string): void {
  try {
    fs.rmSync(target, { recursive: true, force: true });
  } catch (error) {
    throw new AppError(
      'INTERNAL',
      `The session was deleted, but its file ${target} could not be removed (${(error as Error).message}). Delete it by hand, or try again after restarting the app.`,
    );
  }
}

/** Deleted rows are overwritten on disk, not only unlinked: the candidate asked for them to be gone. */
function withSecureDelete<T>(db: Db, run: () => T): T {
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    return run();
  } finally {
    db.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
}

export function deleteSession(db: Db, dataDir: string, sessionId: string): { sessionId: string } {
  const stray = strayRecordingFiles(db, dataDir, sessionId);
  const changes = withSecureDelete(db, () => db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId).changes);
  if (changes === 0) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  // Rows first: if removing a file fails, the session is already gone from the app and the
  // message names the file; the other order could leave a session whose audio is missing.
  removeQuietly(sessionFolder(dataDir, sessionId));
  for (const file of stray) removeQuietly(file);
  return { sessionId };
}

export function deleteAllSessions(db: Db, dataDir: string): { deleted: number } {
  const ids = (db.prepare('SELECT id FROM sessions').all() as { id: string }[]).map((r) => r.id);
  const stray = ids.flatMap((id) => strayRecordingFiles(db, dataDir, id));
  withSecureDelete(db, () => db.prepare('DELETE FROM sessions').run());
  removeQuietly(dataPaths(dataDir).sessions);
  for (const file of stray) removeQuietly(file);
  // Give the freed pages back to the disk. The tables are empty, so VACUUM cannot renumber
  // any row the search index points to; rebuilding afterwards keeps the index exact anyway.
  db.exec('VACUUM');
  for (const table of ['turns_fts', 'segments_fts', 'notes_fts'])
    db.exec(`INSERT INTO ${table} (${table}) VALUES ('rebuild')`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { deleted: ids.length };
}
