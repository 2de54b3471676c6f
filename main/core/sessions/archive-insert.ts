/**
 * Writes one imported session's rows, column by column as the archive format names them (never
 * a column the export could invent). Runs inside the importer's transaction.
 */
import type { Db } from '../storage/database.js';
import { projectCodeText } from '../workspace-rounds/project-code-text.js';
import { projectSnapshotFiles, type SessionBundle } from './archive-format.js';

const insert = (db: Db, table: string, row: Record<string, unknown>) => {
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(
    row,
  );
};

function pick<T extends object>(row: T, keys: (keyof T & string)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

export function insertBundle(db: Db, b: SessionBundle): void {
  const s = b.session;
  insert(
    db,
    'sessions',
    pick(s, [
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
    ]),
  );
  for (const r of b.rounds) {
    const columns = [
      'id',
      'session_id',
      'round_id',
      'kind',
      'title',
      'budget_ms',
      'state_json',
      'started_at',
      'ended_at',
    ] as const;
    insert(db, 'rounds', pick(r, [...columns]));
  }
  for (const t of b.turns) {
    const columns = [
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
    ] as const;
    insert(db, 'turns', pick(t, [...columns]));
  }
  for (const seg of b.segments)
    insert(db, 'segments', pick(seg, ['turn_id', 'start_ms', 'end_ms', 'text', 'status', 'created_at']));
  for (const r of b.recordings) {
    insert(db, 'recordings', pick(r, ['id', 'turn_id', 'path', 'sample_rate', 'duration_ms', 'status', 'created_at']));
  }
  for (const f of b.feedback)
    insert(db, 'feedback', pick(f, ['turn_id', 'round_id', 'source', 'body_json', 'created_at']));
  // The whiteboard of a design session and its snapshots (PNG carried as base64 in the archive).
  for (const board of b.boards)
    insert(db, 'boards', { session_id: b.session.id, ...pick(board, ['scene', 'notes_json', 'updated_at']) });
  for (const { png_base64, ...snapshot } of b.boardSnapshots)
    insert(db, 'board_snapshots', {
      session_id: b.session.id,
      ...pick(snapshot, [
        'turn_seq',
        'created_at',
        'scene',
        'notes_json',
        'description',
        'update_text',
        'board_text',
        'svg',
      ]),
      png: png_base64 === null ? null : Buffer.from(png_base64, 'base64'),
    });
  // Coding workspaces: the files, each question's progress, and the snapshots in their order.
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
  // Projects: the files, each question's progress, and the snapshots in their order (their
  // search text rebuilt from the files, as the app writes it).
  for (const p of b.projectFiles)
    insert(db, 'project_files', { session_id: sessionId, ...pick(p, ['question_id', 'path', 'text', 'updated_at']) });
  for (const p of b.projectProgress)
    insert(db, 'project_progress', { session_id: sessionId, ...pick(p, ['question_id', 'state_json', 'updated_at']) });
  for (const p of b.projectSnapshots)
    insert(db, 'project_snapshots', {
      session_id: sessionId,
      ...pick(p, ['question_id', 'at', 'reason', 'files_json', 'run_json']),
      code_text: projectCodeText(projectSnapshotFiles.parse(JSON.parse(p.files_json))),
    });
}
