import type { Migration } from './types.js';

/**
 * The whiteboard of design rounds: the live board and notes of a session (saved as the
 * candidate draws, so a crash or reload loses at most a second), and a snapshot at each
 * answered turn with the text the interviewer read and the renderer's SVG/PNG drawing of it.
 * Board text (labels, notes pane) joins full-text search through board_fts.
 */
export const board: Migration = {
  version: 3,
  name: 'board',
  up: `
    CREATE TABLE boards (
      session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
      scene      TEXT,
      notes_json TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE board_snapshots (
      session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      turn_seq    INTEGER NOT NULL,
      created_at  INTEGER NOT NULL,
      scene       TEXT NOT NULL,
      notes_json  TEXT NOT NULL,
      description TEXT NOT NULL,
      update_text TEXT NOT NULL,
      -- The words on the board and in the notes, for search.
      board_text  TEXT NOT NULL,
      svg         TEXT,
      png         BLOB,
      PRIMARY KEY (session_id, turn_seq)
    );
    CREATE VIRTUAL TABLE board_fts USING fts5(
      board_text,
      content = 'board_snapshots', content_rowid = 'rowid',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER board_fts_insert AFTER INSERT ON board_snapshots BEGIN
      INSERT INTO board_fts (rowid, board_text) VALUES (new.rowid, new.board_text);
    END;
    CREATE TRIGGER board_fts_delete AFTER DELETE ON board_snapshots BEGIN
      INSERT INTO board_fts (board_fts, rowid, board_text) VALUES ('delete', old.rowid, old.board_text);
    END;
    CREATE TRIGGER board_fts_update AFTER UPDATE OF board_text ON board_snapshots
    WHEN old.board_text IS NOT new.board_text BEGIN
      INSERT INTO board_fts (board_fts, rowid, board_text) VALUES ('delete', old.rowid, old.board_text);
      INSERT INTO board_fts (rowid, board_text) VALUES (new.rowid, new.board_text);
    END;
    CREATE VIRTUAL TABLE board_fts_vocab USING fts5vocab (board_fts, row);
  `,
};
