import type { Migration } from './types.js';

/**
 * Bug-bash and integration workspaces: the candidate's files (one row per path, rewritten as
 * they type; a NULL text is a starting file they deleted), the progress (runs, parts, the
 * interviewer's prompts asked), and a snapshot of every file at each test run, check, reset and
 * finish — the evidence the feedback is judged from after the round.
 */
export const project: Migration = {
  version: 5,
  name: 'project',
  up: `
    CREATE TABLE project_files (
      session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      question_id TEXT NOT NULL,
      path        TEXT NOT NULL,
      text        TEXT,
      updated_at  INTEGER NOT NULL,
      PRIMARY KEY (session_id, question_id, path)
    );

    CREATE TABLE project_progress (
      session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      question_id TEXT NOT NULL,
      state_json  TEXT NOT NULL,
      updated_at  INTEGER NOT NULL,
      PRIMARY KEY (session_id, question_id)
    );

    CREATE TABLE project_snapshots (
      id           INTEGER PRIMARY KEY,
      session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      question_id  TEXT NOT NULL,
      at           INTEGER NOT NULL,
      reason       TEXT NOT NULL,
      files_json   TEXT NOT NULL,
      run_json     TEXT
    );
    CREATE INDEX project_snapshots_session ON project_snapshots (session_id, id);
  `,
};
