/**
 * Imports an export (zip or folder) into this installation. Everything is read and checked
 * before anything is written; sessions already here (same id) are skipped; the rows of all
 * new sessions go in one transaction, and if it fails the files written for it are removed,
 * so an import either happens whole or leaves no trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { AppError } from '../../contract/result.js';
import type { ImportReport } from '../../contract/services/sessions.js';
import type { Db } from '../storage/database.js';
import {
  MANIFEST_FILE,
  manifestSchema,
  SESSION_FILE,
  ARCHIVE_FORMAT_VERSION,
  sessionBundleSchema,
  type SessionBundle,
} from './archive-format.js';
import { safeSegment } from './session-files.js';

/** Read access to an export, whether zip or folder. Names use "/" and are relative to its root. */
export interface ArchiveSource {
  names(): string[];
  read(name: string): Uint8Array;
}

/** Uncompressed size above which a zip is refused: a damaged or hostile archive must not fill the disk. */
const MAX_UNZIPPED_BYTES = 8 * 1024 * 1024 * 1024;

const fail = (message: string, cause?: unknown) =>
  new AppError('IMPORT_FAILED', message, cause === undefined ? undefined : { cause });

export function zipSource(bytes: Uint8Array): ArchiveSource {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new Error('the archive unpacks to more than 8 GB');
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    throw fail(
      `This file is not an Interview Rehearsal export: it could not be read as a zip archive (${(error as Error).message}). Choose a .zip file made with "Export all data".`,
      error,
    );
  }
  return {
    names: () => Object.keys(files),
    read: (name) => {
      const data = files[name];
      if (!data) throw new Error(`missing ${name}`);
      return data;
    },
  };
}

export function folderSource(folder: string): ArchiveSource {
  let root = path.resolve(folder);
  try {
    if (!fs.statSync(root).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (error) {
    throw fail(
      `Could not open ${root} (${(error as { code?: string }).code ?? (error as Error).message}). Choose the folder that "Export all to folder" created.`,
      error,
    );
  }
  // The folder the export was written into is accepted too, when it holds exactly one export.
  if (!fs.existsSync(path.join(root, MANIFEST_FILE))) {
    const inner = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, MANIFEST_FILE)));
    if (inner.length === 1 && inner[0]) root = path.join(root, inner[0].name);
  }
  const names: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const name = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), name);
      else if (entry.isFile()) names.push(name);
    }
  };
  walk(root, '');
  return { names: () => names, read: (name) => new Uint8Array(fs.readFileSync(path.join(root, ...name.split('/')))) };
}

function readJson(source: ArchiveSource, name: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(source.read(name))) as unknown;
  } catch (error) {
    throw fail(
      `The export is damaged: ${name} could not be read (${(error as Error).message}). Nothing was imported. Export the data again from the other installation.`,
      error,
    );
  }
}

/** A relative path that stays inside its folder: no "..", no absolute parts, no empty segments. */
function isSafeRelative(name: string): boolean {
  const parts = name.split('/');
  return (
    parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\\') && !p.includes('\0')) &&
    !/^[A-Za-z]:/.test(name)
  );
}

/** Checks that every row of a session belongs to it, the way the rest of the app expects. */
function checkBundle(bundle: SessionBundle, name: string): void {
  const sessionId = bundle.session.id;
  const problem = (what: string) => fail(`The export is damaged: ${name} ${what}. Nothing was imported.`);
  const roundIds = new Set(bundle.rounds.map((r) => r.id));
  const turnIds = new Set(bundle.turns.map((t) => t.id));
  if (bundle.rounds.some((r) => r.session_id !== sessionId || r.id !== `${sessionId}:r1`))
    throw problem('has a round of another session');
  if (bundle.turns.some((t) => !roundIds.has(t.round_id) || t.id !== `${sessionId}:t${t.seq}`))
    throw problem('has a turn of another session');
  if (turnIds.size !== bundle.turns.length) throw problem('lists a turn twice');
  if (bundle.segments.some((s) => !turnIds.has(s.turn_id)))
    throw problem('has a transcript segment of another session');
  if (bundle.recordings.some((r) => !turnIds.has(r.turn_id))) throw problem('has a recording of another session');
  if (
    bundle.feedback.some(
      (f) =>
        (f.turn_id !== null && !turnIds.has(f.turn_id)) ||
        (f.round_id !== null && !roundIds.has(f.round_id)) ||
        (f.turn_id === null && f.round_id === null),
    )
  ) {
    throw problem('has feedback of another session');
  }
  const folder = `${safeSegment(sessionId)}/`;
  if (bundle.recordings.some((r) => !r.path.startsWith(folder) || !isSafeRelative(r.path)))
    throw problem('points a recording outside its folder');
  for (const round of bundle.rounds) {
    let state: unknown;
    try {
      state = JSON.parse(round.state_json);
    } catch {
      throw problem('has an unreadable interview state');
    }
    const s = state as { turns?: unknown; questions?: unknown; messages?: unknown; round?: unknown };
    if (
      !s ||
      !Array.isArray(s.turns) ||
      !Array.isArray(s.questions) ||
      !Array.isArray(s.messages) ||
      typeof s.round !== 'object'
    ) {
      throw problem('has an interview state this app cannot read');
    }
  }
}

export interface ReadArchive {
  bundles: SessionBundle[];
  /** Files per session id, by archive name. */
  files: Map<string, string[]>;
}

export function readArchive(source: ArchiveSource): ReadArchive {
  const names = source.names();
  if (!names.includes(MANIFEST_FILE)) {
    throw fail(
      'This is not an Interview Rehearsal export: it has no manifest.json. Choose a .zip file or folder made with "Export all data".',
    );
  }
  const manifest = manifestSchema.safeParse(readJson(source, MANIFEST_FILE));
  if (!manifest.success) {
    throw fail(
      'This is not an Interview Rehearsal export: its manifest.json is not one the app wrote. Choose a .zip file or folder made with "Export all data".',
    );
  }
  if (manifest.data.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw fail('This export was made by a newer version of Interview Rehearsal. Update the app, then import it again.');
  }
  const seen = new Set<string>();
  const bundles: SessionBundle[] = [];
  const files = new Map<string, string[]>();
  for (const sessionId of manifest.data.sessionIds) {
    if (seen.has(sessionId))
      throw fail(`The export is damaged: it lists session ${sessionId} twice. Nothing was imported.`);
    seen.add(sessionId);
    const folder = `sessions/${safeSegment(sessionId)}/`;
    const name = `${folder}${SESSION_FILE}`;
    if (!names.includes(name))
      throw fail(
        `The export is damaged: ${name} is missing. Nothing was imported. Export the data again from the other installation.`,
      );
    const parsed = sessionBundleSchema.safeParse(readJson(source, name));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw fail(
        `The export is damaged: ${name} is not valid (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'bad value'}). Nothing was imported.`,
      );
    }
    if (parsed.data.session.id !== sessionId)
      throw fail(`The export is damaged: ${name} holds another session. Nothing was imported.`);
    checkBundle(parsed.data, name);
    bundles.push(parsed.data);
    files.set(
      sessionId,
      names.filter((n) => n.startsWith(folder) && n !== name && isSafeRelative(n)),
    );
  }
  return { bundles, files };
}

const insert = (db: Db, table: string, row: Record<string, unknown>) => {
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(
    row,
  );
};

export function importArchive(db: Db, dataDir: string, source: ArchiveSource): ImportReport {
  const archive = readArchive(source);
  const exists = db.prepare('SELECT 1 FROM sessions WHERE id = ?');
  const fresh = archive.bundles.filter((b) => exists.get(b.session.id) === undefined);

  const written: string[] = [];
  const createdFolders: string[] = [];
  const undoFiles = () => {
    for (const file of written) fs.rmSync(file, { force: true });
    for (const folder of createdFolders.reverse()) fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    for (const bundle of fresh) {
      const folder = path.join(dataDir, 'sessions', safeSegment(bundle.session.id));
      if (!fs.existsSync(folder)) {
        fs.mkdirSync(folder, { recursive: true });
        createdFolders.push(folder);
      }
      for (const name of archive.files.get(bundle.session.id) ?? []) {
        const target = path.join(dataDir, ...name.split('/'));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, source.read(name));
        written.push(target);
      }
    }
    db.transaction(() => {
      for (const b of fresh) {
        insert(db, 'sessions', sessionRowOf(b));
        for (const r of b.rounds)
          insert(
            db,
            'rounds',
            pick(r, [
              'id',
              'session_id',
              'round_id',
              'kind',
              'title',
              'budget_ms',
              'state_json',
              'started_at',
              'ended_at',
            ]),
          );
        for (const t of b.turns) {
          insert(
            db,
            'turns',
            pick(t, [
              'id',
              'round_id',
              'seq',
              'kind',
              'question_id',
              'prompt_text',
              'answer_text',
              'raw_transcript',
              'draft_text',
              'status',
              'budget_ms',
              'asked_at',
              'answer_started_at',
              'answer_ended_at',
            ]),
          );
        }
        for (const s of b.segments)
          insert(db, 'segments', pick(s, ['turn_id', 'start_ms', 'end_ms', 'text', 'status', 'created_at']));
        for (const r of b.recordings)
          insert(
            db,
            'recordings',
            pick(r, ['id', 'turn_id', 'path', 'sample_rate', 'duration_ms', 'status', 'created_at']),
          );
        for (const f of b.feedback)
          insert(db, 'feedback', pick(f, ['turn_id', 'round_id', 'source', 'body_json', 'created_at']));
        const sessionId = b.session.id;
        for (const w of b.workspaceFiles)
          insert(db, 'workspace_files', {
            session_id: sessionId,
            ...pick(w, ['question_id', 'language', 'file', 'text', 'updated_at']),
          });
        for (const w of b.workspaceProgress)
          insert(db, 'workspace_progress', {
            session_id: sessionId,
            ...pick(w, ['question_id', 'state_json', 'updated_at']),
          });
        for (const w of b.workspaceSnapshots)
          insert(db, 'workspace_snapshots', {
            session_id: sessionId,
            ...pick(w, ['question_id', 'at', 'reason', 'part', 'language', 'files_json', 'results_json', 'code_text']),
          });
      }
    })();
  } catch (error) {
    undoFiles();
    if (error instanceof AppError) throw error;
    throw fail(
      `The import stopped and was undone: ${(error as Error).message}. Nothing was imported. Check that the data folder has free space and try again.`,
      error,
    );
  }
  return {
    imported: fresh.length,
    skipped: archive.bundles.length - fresh.length,
    sessionIds: fresh.map((b) => b.session.id),
  };
}

function sessionRowOf(b: SessionBundle): Record<string, unknown> {
  return pick(b.session, [
    'id',
    'role_id',
    'role_title',
    'company',
    'status',
    'interviewer',
    'notes',
    'created_at',
    'updated_at',
    'ended_at',
  ]);
}

function pick<T extends object>(row: T, keys: (keyof T & string)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}
