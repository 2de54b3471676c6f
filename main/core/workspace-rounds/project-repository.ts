/**
 * Project workspace persistence (migration 005): the candidate's files as changes over the
 * starting files (one row per path; NULL text = a starting file deleted), the progress (JSON per
 * question) and snapshots (append only). Each write is its own small transaction, so a crash
 * loses at most the keystrokes after the last autosave.
 */
import type { WorkspaceFiles } from '../../../content/schema/workspace-exercise.js';
import type { ProjectSnapshotView } from '../../contract/services/project.js';
import type { SuiteRun } from '../../contract/suite-results.js';
import type { Db } from '../storage/database.js';
import { projectCodeText } from './project-code-text.js';
import type { ProjectProgress } from './project-progress.js';

export interface ProjectSnapshot extends ProjectSnapshotView {
  run: SuiteRun | null;
}

export function createProjectRepository(db: Db) {
  const upsertFile = db.prepare(`
    INSERT INTO project_files (session_id, question_id, path, text, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (session_id, question_id, path) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`);
  const selectFiles = db.prepare(
    'SELECT path, text, updated_at FROM project_files WHERE session_id = ? AND question_id = ?',
  );
  const deleteFiles = db.prepare('DELETE FROM project_files WHERE session_id = ? AND question_id = ?');
  const upsertProgress = db.prepare(`
    INSERT INTO project_progress (session_id, question_id, state_json, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (session_id, question_id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at`);
  const selectProgress = db.prepare('SELECT state_json FROM project_progress WHERE session_id = ? AND question_id = ?');
  const selectAllProgress = db.prepare(
    'SELECT question_id, state_json FROM project_progress WHERE session_id = ? ORDER BY rowid',
  );
  const insertSnapshot = db.prepare(`
    INSERT INTO project_snapshots (session_id, question_id, at, reason, files_json, run_json, code_text)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const selectSnapshots = db.prepare(
    'SELECT id, question_id, at, reason, files_json, run_json FROM project_snapshots WHERE session_id = ? ORDER BY id',
  );
  const sessionExists = db.prepare('SELECT 1 FROM sessions WHERE id = ?');

  return {
    exists(sessionId: string): boolean {
      return sessionExists.get(sessionId) !== undefined;
    },

    /** `text` null deletes the file from the workspace. */
    saveFile(sessionId: string, questionId: string, path: string, text: string | null, at: number): void {
      upsertFile.run(sessionId, questionId, path, text, at);
    },

    /** The starting files with the candidate's changes laid over them. */
    files(
      sessionId: string,
      questionId: string,
      start: WorkspaceFiles,
    ): { files: WorkspaceFiles; savedAt: number | null } {
      const rows = selectFiles.all(sessionId, questionId) as {
        path: string;
        text: string | null;
        updated_at: number;
      }[];
      const files: WorkspaceFiles = { ...start };
      let savedAt: number | null = null;
      for (const row of rows) {
        if (row.text === null) delete files[row.path];
        else files[row.path] = row.text;
        if (savedAt === null || row.updated_at > savedAt) savedAt = row.updated_at;
      }
      return { files, savedAt };
    },

    resetFiles(sessionId: string, questionId: string): void {
      deleteFiles.run(sessionId, questionId);
    },

    progress(sessionId: string, questionId: string): ProjectProgress | null {
      const row = selectProgress.get(sessionId, questionId) as { state_json: string } | undefined;
      return row ? (JSON.parse(row.state_json) as ProjectProgress) : null;
    },

    allProgress(sessionId: string): { questionId: string; progress: ProjectProgress }[] {
      const rows = selectAllProgress.all(sessionId) as { question_id: string; state_json: string }[];
      return rows.map((r) => ({ questionId: r.question_id, progress: JSON.parse(r.state_json) as ProjectProgress }));
    },

    saveProgress(sessionId: string, questionId: string, progress: ProjectProgress, at: number): void {
      upsertProgress.run(sessionId, questionId, JSON.stringify(progress), at);
    },

    snapshot(
      sessionId: string,
      questionId: string,
      at: number,
      reason: ProjectSnapshotView['reason'],
      files: WorkspaceFiles,
      run: SuiteRun | null,
    ): void {
      // Per-test records only: output and stacks are in the progress's last run, not needed here.
      const kept = run ? { ...run, stdout: '', stderr: '', tests: run.tests.map(({ stack: _, ...t }) => t) } : null;
      insertSnapshot.run(
        sessionId,
        questionId,
        at,
        reason,
        JSON.stringify(files),
        kept ? JSON.stringify(kept) : null,
        projectCodeText(files),
      );
    },

    snapshots(sessionId: string): ProjectSnapshot[] {
      const rows = selectSnapshots.all(sessionId) as {
        id: number;
        question_id: string;
        at: number;
        reason: ProjectSnapshotView['reason'];
        files_json: string;
        run_json: string | null;
      }[];
      return rows.map((r) => {
        const run = r.run_json ? (JSON.parse(r.run_json) as SuiteRun) : null;
        return {
          id: r.id,
          questionId: r.question_id,
          at: r.at,
          reason: r.reason,
          passed: run?.passed ?? null,
          failed: run?.failed ?? null,
          files: JSON.parse(r.files_json) as WorkspaceFiles,
          run,
        };
      });
    },
  };
}

export type ProjectRepository = ReturnType<typeof createProjectRepository>;
