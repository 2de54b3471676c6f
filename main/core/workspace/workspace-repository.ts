/**
 * Workspace persistence: files (one row per question, language and file, overwritten on each
 * autosave), progress (JSON per question) and snapshots (append only). Every write is its own
 * small transaction, so a kill -9 loses at most the keystrokes after the last autosave.
 */
import type { Language } from '../../../content/schema.js';
import type { SnapshotView, WorkspaceFile } from '../../contract/services/workspace.js';
import type { Db } from '../storage/database.js';
import type { Progress } from './progress.js';

export interface SnapshotInput {
  sessionId: string;
  questionId: string;
  at: number;
  reason: SnapshotView['reason'];
  part: number;
  language: Language;
  files: Record<WorkspaceFile, string>;
  results: { passed: number; total: number; status: string } | null;
}

export function createWorkspaceRepository(db: Db) {
  const upsertFile = db.prepare(`
    INSERT INTO workspace_files (session_id, question_id, language, file, text, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (session_id, question_id, language, file) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`);
  const selectFiles = db.prepare(
    'SELECT language, file, text, updated_at FROM workspace_files WHERE session_id = ? AND question_id = ?',
  );
  const upsertProgress = db.prepare(`
    INSERT INTO workspace_progress (session_id, question_id, state_json, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (session_id, question_id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at`);
  const selectProgress = db.prepare(
    'SELECT state_json FROM workspace_progress WHERE session_id = ? AND question_id = ?',
  );
  const selectAllProgress = db.prepare(
    'SELECT question_id, state_json FROM workspace_progress WHERE session_id = ? ORDER BY rowid',
  );
  const insertSnapshot = db.prepare(`
    INSERT INTO workspace_snapshots (session_id, question_id, at, reason, part, language, files_json, results_json, code_text)
    VALUES (@sessionId, @questionId, @at, @reason, @part, @language, @files, @results, @code)`);
  const selectSnapshots = db.prepare(
    'SELECT id, question_id, at, reason, part, language, files_json, results_json FROM workspace_snapshots WHERE session_id = ? ORDER BY id',
  );
  const sessionExists = db.prepare('SELECT 1 FROM sessions WHERE id = ?');

  return {
    exists(sessionId: string): boolean {
      return sessionExists.get(sessionId) !== undefined;
    },

    saveFile(
      sessionId: string,
      questionId: string,
      language: Language,
      file: WorkspaceFile,
      text: string,
      at: number,
    ): void {
      upsertFile.run(sessionId, questionId, language, file, text, at);
    },

    /** Every language's files for the question, and when one was last saved. */
    files(sessionId: string, questionId: string): { files: Map<string, string>; savedAt: number | null } {
      const rows = selectFiles.all(sessionId, questionId) as {
        language: string;
        file: string;
        text: string;
        updated_at: number;
      }[];
      const files = new Map(rows.map((r) => [`${r.language}:${r.file}`, r.text]));
      const savedAt = rows.reduce<number | null>(
        (max, r) => (max === null || r.updated_at > max ? r.updated_at : max),
        null,
      );
      return { files, savedAt };
    },

    progress(sessionId: string, questionId: string): Progress | null {
      const row = selectProgress.get(sessionId, questionId) as { state_json: string } | undefined;
      return row ? (JSON.parse(row.state_json) as Progress) : null;
    },

    allProgress(sessionId: string): { questionId: string; progress: Progress }[] {
      const rows = selectAllProgress.all(sessionId) as { question_id: string; state_json: string }[];
      return rows.map((r) => ({ questionId: r.question_id, progress: JSON.parse(r.state_json) as Progress }));
    },

    saveProgress(sessionId: string, questionId: string, progress: Progress, at: number): void {
      upsertProgress.run(sessionId, questionId, JSON.stringify(progress), at);
    },

    snapshot(input: SnapshotInput): void {
      insertSnapshot.run({
        sessionId: input.sessionId,
        questionId: input.questionId,
        at: input.at,
        reason: input.reason,
        part: input.part,
        language: input.language,
        files: JSON.stringify(input.files),
        results: input.results ? JSON.stringify(input.results) : null,
        code: `${input.files.solution}\n${input.files.tests}`,
      });
    },

    snapshots(sessionId: string): SnapshotView[] {
      const rows = selectSnapshots.all(sessionId) as {
        id: number;
        question_id: string;
        at: number;
        reason: SnapshotView['reason'];
        part: number;
        language: Language;
        files_json: string;
        results_json: string | null;
      }[];
      return rows.map((r) => {
        const results = r.results_json
          ? (JSON.parse(r.results_json) as { passed: number; total: number; status: string })
          : null;
        return {
          id: r.id,
          questionId: r.question_id,
          at: r.at,
          reason: r.reason,
          part: r.part,
          language: r.language,
          files: JSON.parse(r.files_json) as Record<WorkspaceFile, string>,
          passed: results?.passed ?? null,
          total: results?.total ?? null,
          status: results?.status ?? null,
        };
      });
    },
  };
}

export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>;
