/**
 * Exports every session (rows as JSON, plus its files) as a zip archive or into a folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { AppError } from '../../contract/result.js';
import type { DamagedSession } from '../../contract/services/sessions.js';
import { decodeEngineState } from '../interview/engine-state.js';
import type { Db } from '../storage/database.js';
import { currentVersion } from '../storage/migrate.js';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  MANIFEST_FILE,
  SESSION_FILE,
  type Manifest,
  type SessionBundle,
} from './archive-format.js';
import { isInside, resolveRecordingPath, safeSegment, sessionFolder } from './session-files.js';

/** An archive entry: a path inside the export, and either bytes or a file to copy. */
export type ExportEntry = { name: string; bytes: Uint8Array } | { name: string; file: string };

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 1)}\n`);

function listFiles(folder: string, prefix: string): { name: string; file: string }[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry.name);
    const name = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return listFiles(full, name);
    return entry.isFile() ? [{ name, file: full }] : [];
  });
}

function rowsOf(db: Db, sql: string, ...params: string[]): Record<string, unknown>[] {
  return db.prepare(sql).all(...params) as Record<string, unknown>[];
}

/** The rows and files of one session, with recording paths as they will be inside the export. */
function sessionEntries(db: Db, dataDir: string, sessionId: string): ExportEntry[] {
  const folderName = `sessions/${safeSegment(sessionId)}`;
  const [session] = rowsOf(db, 'SELECT * FROM sessions WHERE id = ?', sessionId);
  const rounds = rowsOf(db, 'SELECT * FROM rounds WHERE session_id = ? ORDER BY id', sessionId);
  const turns = rowsOf(
    db,
    'SELECT t.* FROM turns t JOIN rounds r ON r.id = t.round_id WHERE r.session_id = ? ORDER BY t.round_id, t.seq',
    sessionId,
  );
  // Segment and feedback ids are local row numbers: they are left out and renumbered on import.
  const segments = rowsOf(
    db,
    `SELECT sg.turn_id, sg.start_ms, sg.end_ms, sg.text, sg.status, sg.created_at FROM segments sg
     JOIN turns t ON t.id = sg.turn_id JOIN rounds r ON r.id = t.round_id WHERE r.session_id = ? ORDER BY sg.id`,
    sessionId,
  );
  const feedback = rowsOf(
    db,
    `SELECT f.turn_id, f.round_id, f.source, f.body_json, f.created_at FROM feedback f
     LEFT JOIN turns t ON t.id = f.turn_id
     WHERE f.round_id IN (SELECT id FROM rounds WHERE session_id = ?) OR t.round_id IN (SELECT id FROM rounds WHERE session_id = ?) ORDER BY f.id`,
    sessionId,
    sessionId,
  );
  const recordings = rowsOf(
    db,
    'SELECT rec.* FROM recordings rec JOIN turns t ON t.id = rec.turn_id JOIN rounds r ON r.id = t.round_id WHERE r.session_id = ?',
    sessionId,
  );

  const own = sessionFolder(dataDir, sessionId);
  const files = listFiles(own, folderName);
  const extra: { name: string; file: string }[] = [];
  for (const rec of recordings) {
    const file = resolveRecordingPath(dataDir, String(rec.path));
    // In the export as in the data folder, a recording's path is relative to the sessions folder.
    if (isInside(own, file)) {
      rec.path = `${safeSegment(sessionId)}/${path.relative(own, file).split(path.sep).join('/')}`;
    } else {
      // A recording kept elsewhere travels inside the session's folder.
      const relative = `${safeSegment(sessionId)}/audio/${String(rec.id).replace(/[^A-Za-z0-9._-]/g, '_')}-${path.basename(file)}`;
      rec.path = relative;
      if (fs.existsSync(file)) extra.push({ name: `sessions/${relative}`, file });
    }
  }
  const boards = rowsOf(db, 'SELECT scene, notes_json, updated_at FROM boards WHERE session_id = ?', sessionId);
  const boardSnapshots = rowsOf(
    db,
    `SELECT turn_seq, created_at, scene, notes_json, description, update_text, board_text, svg, png
     FROM board_snapshots WHERE session_id = ? ORDER BY turn_seq`,
    sessionId,
  ).map(({ png, ...row }) => ({ ...row, png_base64: Buffer.isBuffer(png) ? png.toString('base64') : null }));
  // Snapshot ids are local row numbers too: renumbered on import, in the same order.
  const workspaceFiles = rowsOf(
    db,
    'SELECT question_id, language, file, text, updated_at FROM workspace_files WHERE session_id = ? ORDER BY rowid',
    sessionId,
  );
  const workspaceProgress = rowsOf(
    db,
    'SELECT question_id, state_json, updated_at FROM workspace_progress WHERE session_id = ? ORDER BY rowid',
    sessionId,
  );
  const workspaceSnapshots = rowsOf(
    db,
    `SELECT question_id, at, reason, part, language, files_json, results_json, code_text FROM workspace_snapshots
     WHERE session_id = ? ORDER BY id`,
    sessionId,
  );
  // Projects: code_text is derived from files_json and rebuilt on import, never carried.
  const projectFiles = rowsOf(
    db,
    'SELECT question_id, path, text, updated_at FROM project_files WHERE session_id = ? ORDER BY rowid',
    sessionId,
  );
  const projectProgress = rowsOf(
    db,
    'SELECT question_id, state_json, updated_at FROM project_progress WHERE session_id = ? ORDER BY rowid',
    sessionId,
  );
  const projectSnapshots = rowsOf(
    db,
    'SELECT question_id, at, reason, files_json, run_json FROM project_snapshots WHERE session_id = ? ORDER BY id',
    sessionId,
  );
  const bundle = {
    session,
    rounds,
    turns,
    segments,
    recordings,
    feedback,
    boards,
    boardSnapshots,
    workspaceFiles,
    workspaceProgress,
    workspaceSnapshots,
    projectFiles,
    projectProgress,
    projectSnapshots,
  } as unknown as SessionBundle;
  return [{ name: `${folderName}/${SESSION_FILE}`, bytes: json(bundle) }, ...files, ...extra];
}

/**
 * Sessions whose stored interview state cannot be read: an import would refuse the whole
 * archive because of them, so they stay out of it, and the export says which.
 */
function damagedSessions(db: Db): DamagedSession[] {
  const rounds = db.prepare('SELECT session_id, state_json FROM rounds ORDER BY session_id').all() as {
    session_id: string;
    state_json: string;
  }[];
  return rounds.flatMap((r) => {
    const decoded = decodeEngineState(r.state_json);
    return decoded.ok ? [] : [{ sessionId: r.session_id, reason: decoded.reason }];
  });
}

export function exportEntries(
  db: Db,
  dataDir: string,
  now: number,
): { entries: ExportEntry[]; sessions: number; damaged: DamagedSession[] } {
  const damaged = damagedSessions(db);
  const skip = new Set(damaged.map((d) => d.sessionId));
  const ids = (db.prepare('SELECT id FROM sessions ORDER BY created_at').all() as { id: string }[])
    .map((r) => r.id)
    .filter((id) => !skip.has(id));
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    exportedAt: now,
    schemaVersion: currentVersion(db),
    sessionIds: ids,
  };
  // Read in one transaction, so a session finishing meanwhile is exported whole or not at all.
  const sessions = db.transaction(() => ids.flatMap((id) => sessionEntries(db, dataDir, id)))();
  return { entries: [{ name: MANIFEST_FILE, bytes: json(manifest) }, ...sessions], sessions: ids.length, damaged };
}

export function exportBaseName(now: number): string {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  return `interview-rehearsal-export-${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

const AUDIO = /\.(wav|pcm|raw|webm|ogg|opus|mp3|m4a|flac)$/i;

export function zipEntries(entries: ExportEntry[]): Uint8Array {
  const tree: Zippable = {};
  for (const entry of entries) {
    const bytes = 'bytes' in entry ? entry.bytes : new Uint8Array(fs.readFileSync(entry.file));
    // Recordings hardly compress; storing them keeps exports fast.
    tree[entry.name] = [bytes, { level: AUDIO.test(entry.name) ? 0 : 6 }];
  }
  return zipSync(tree);
}

export function exportFailure(target: string, error: unknown): AppError {
  const code = (error as { code?: string } | null)?.code ?? '';
  const reason =
    code === 'ENOENT'
      ? 'that folder does not exist'
      : code === 'ENOTDIR'
        ? 'part of that path is a file, not a folder'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'the app may not write there'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : (error as Error).message;
  return new AppError(
    'EXPORT_FAILED',
    `Could not export to ${target}: ${reason}. Choose a folder you can write to (for example your Documents folder) and try again.`,
    { cause: error },
  );
}

/** Writes the export into a new folder inside `parent`; a failure leaves nothing behind. */
export function exportToFolder(
  db: Db,
  dataDir: string,
  parent: string,
  now: number,
): { path: string; sessions: number; files: number; damaged?: DamagedSession[] } {
  const resolved = path.resolve(parent);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch (error) {
    throw exportFailure(resolved, error);
  }
  if (!stat.isDirectory()) throw exportFailure(resolved, Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }));
  if (isInside(dataDir, resolved) || path.resolve(dataDir) === resolved) {
    throw new AppError(
      'EXPORT_FAILED',
      `Could not export to ${resolved}: that is inside the app's own data folder. Choose a folder elsewhere, for example your Documents folder.`,
    );
  }
  const { entries, sessions, damaged } = exportEntries(db, dataDir, now);
  let target = path.join(resolved, exportBaseName(now));
  for (let n = 2; fs.existsSync(target); n++) target = path.join(resolved, `${exportBaseName(now)}-${n}`);
  try {
    fs.mkdirSync(target);
  } catch (error) {
    throw exportFailure(resolved, error);
  }
  try {
    for (const entry of entries) {
      const file = path.join(target, ...entry.name.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if ('bytes' in entry) fs.writeFileSync(file, entry.bytes);
      else fs.copyFileSync(entry.file, file);
    }
  } catch (error) {
    fs.rmSync(target, { recursive: true, force: true });
    throw exportFailure(resolved, error);
  }
  return { path: target, sessions, files: entries.length, ...(damaged.length > 0 ? { damaged } : {}) };
}
