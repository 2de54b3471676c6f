/**
 * Checks one session's rows from an export as strictly as the app writes them: the row schemas
 * of the archive format, the interview state through the engine's own decoder, feedback bodies
 * as JSON, and that every row belongs to this session. A session that fails is refused by id.
 */
import { AppError } from '../../contract/result.js';
import { decodeEngineState } from '../interview/engine-state.js';
import { projectSnapshotFiles, type SessionBundle } from './archive-format.js';
import { safeSegment } from './session-files.js';

/** A relative path that stays inside its folder: no "..", no absolute parts, no empty segments. */
export function isSafeRelative(name: string): boolean {
  const parts = name.split('/');
  return (
    parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\\') && !p.includes('\0')) &&
    !/^[A-Za-z]:/.test(name)
  );
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object';
  } catch {
    return false;
  }
}

function isProjectFiles(text: string): boolean {
  try {
    return projectSnapshotFiles.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

/** Throws a clear IMPORT_FAILED naming the session (and file) when any row is not what the app writes. */
export function checkBundle(bundle: SessionBundle, name: string): void {
  const sessionId = bundle.session.id;
  const problem = (what: string) =>
    new AppError(
      'IMPORT_FAILED',
      `The export is damaged: session ${sessionId} (${name}) ${what}. Nothing was imported.`,
    );
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
  if (bundle.feedback.some((f) => !isJsonObject(f.body_json))) throw problem('has feedback that is not readable');
  const seqs = new Set(bundle.turns.map((t) => t.seq));
  if (bundle.boardSnapshots.some((b) => !seqs.has(b.turn_seq))) throw problem('has a board snapshot of another turn');
  if ([...bundle.boards, ...bundle.boardSnapshots].some((b) => !isJsonObject(b.notes_json)))
    throw problem('has whiteboard notes that are not readable');
  const workspaceJson = [
    ...bundle.workspaceProgress.map((w) => w.state_json),
    ...bundle.workspaceSnapshots.flatMap((w) => [w.files_json, ...(w.results_json === null ? [] : [w.results_json])]),
  ];
  if (workspaceJson.some((text) => !isJsonObject(text))) throw problem('has coding work that is not readable');
  const questions = new Set(bundle.turns.map((t) => t.question_id));
  const workspaceRows = [...bundle.workspaceFiles, ...bundle.workspaceProgress, ...bundle.workspaceSnapshots];
  if (workspaceRows.some((w) => !questions.has(w.question_id))) throw problem('has coding work of another question');
  const projectJson = [
    ...bundle.projectProgress.map((p) => p.state_json),
    ...bundle.projectSnapshots.flatMap((p) => (p.run_json === null ? [] : [p.run_json])),
  ];
  if (projectJson.some((text) => !isJsonObject(text)))
    throw problem('has bug-bash or integration work that is not readable');
  if (bundle.projectSnapshots.some((p) => !isProjectFiles(p.files_json)))
    throw problem('has a bug-bash or integration snapshot whose files are not readable');
  const projectRows = [...bundle.projectFiles, ...bundle.projectProgress, ...bundle.projectSnapshots];
  if (projectRows.some((p) => !questions.has(p.question_id)))
    throw problem('has bug-bash or integration work of another question');
  const folder = `${safeSegment(sessionId)}/`;
  if (bundle.recordings.some((r) => !r.path.startsWith(folder) || !isSafeRelative(r.path)))
    throw problem('points a recording outside its folder');
  for (const round of bundle.rounds) {
    const decoded = decodeEngineState(round.state_json);
    if (!decoded.ok) throw problem(`cannot be read: ${decoded.reason}`);
  }
}
