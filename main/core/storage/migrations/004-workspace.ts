import type { Migration } from './types.js';

/**
 * Coding workspaces: the candidate's files (one row per question, language and file, rewritten
 * as they type, so a crash loses at most the last autosave), the progress through the parts,
 * and a snapshot of the files at every run, submit and turn, for review. Snapshots' code is
 * searchable with the rest of the history.
 */
export const workspace: Migration = {
  version: 4,
  name: 'workspace',
  up: `
    CREATE TABLE workspace_files (
      session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      question_id TEXT NOT NULL,
      language    TEXT NOT NULL,
      file        TEXT NOT NULL CHECK (file IN ('solution', 'tests')),
      text        TEXT NOT NULL,
      updated_at  INTEGER NOT NULL,
      PRIMARY KEY (session_id, question_id, language, file)
    );

    CREATE TABLE workspace_progress (
      session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      question_id TEXT NOT NULL,
      state_json  TEXT NOT NULL,
      updated_at  INTEGER NOT NULL,
      PRIMARY KEY (session_id, question_id)
    );

    CREATE TABLE workspace_snapshots (
      id           INTEGER PRIMARY KEY,
      session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      question_id  TEXT NOT NULL,
      at           INTEGER NOT NULL,
      reason       TEXT NOT NULL,
      part         INTEGER NOT NULL,
      language     TEXT NOT NULL,
      files_json   TEXT NOT NULL,
      results_json TEXT,
      code_text    TEXT NOT NULL
    );
    CREATE INDEX workspace_snapshots_session ON workspace_snapshots (session_id, id);

    CREATE VIRTUAL TABLE snapshots_fts USING fts5(
      code_text,
      content = 'workspace_snapshots', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER snapshots_fts_insert AFTER INSERT ON workspace_snapshots BEGIN
      INSERT INTO snapshots_fts (rowid, code_text) VALUES (new.id, new.code_text);
    END;
    CREATE TRIGGER snapshots_fts_delete AFTER DELETE ON workspace_snapshots BEGIN
      INSERT INTO snapshots_fts (snapshots_fts, rowid, code_text) VALUES ('delete', old.id, old.code_text);
    END;
    CREATE VIRTUAL TABLE snapshots_fts_vocab USING fts5vocab (snapshots_fts, row);
  `,
};
