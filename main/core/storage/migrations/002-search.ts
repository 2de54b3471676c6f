import type { Migration } from './types.js';

/**
 * History: full-text search over everything a candidate said or was asked, plus their notes;
 * indexes for the history filters; a cache of per-session figures.
 *
 * External-content FTS5 tables: the text stays in turns, segments and sessions only once, and
 * the index holds just the tokens (bytes per session matter at thousands of sessions);
 * snippet() reads the text back from the content table. Triggers keep the index in step with
 * every insert, update and delete, including the deletes that ON DELETE CASCADE performs.
 *
 * Tokenizer: unicode61 with remove_diacritics 2, not trigram. Transcripts are word-based
 * speech, so matching whole words (and word prefixes, see history/search.ts) is what people
 * expect; "resume" finds "résumé"; and the index is about a third of a trigram index's size.
 * The cost: scripts written without spaces (Chinese, Japanese, Thai) are indexed as runs, so
 * only a run's beginning can be found (by prefix), not a word in its middle.
 *
 * turns and sessions have TEXT primary keys, so their rows are keyed here by the implicit
 * rowid. VACUUM may renumber implicit rowids: whoever adds a VACUUM must follow it with
 * INSERT INTO <table>(<table>) VALUES ('rebuild') for turns_fts and notes_fts.
 */
export const search: Migration = {
  version: 2,
  name: 'search',
  up: `
    CREATE VIRTUAL TABLE turns_fts USING fts5(
      prompt_text, answer_text,
      content = 'turns', content_rowid = 'rowid',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE segments_fts USING fts5(
      text,
      content = 'segments', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE notes_fts USING fts5(
      notes,
      content = 'sessions', content_rowid = 'rowid',
      tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE TRIGGER turns_fts_insert AFTER INSERT ON turns BEGIN
      INSERT INTO turns_fts (rowid, prompt_text, answer_text) VALUES (new.rowid, new.prompt_text, new.answer_text);
    END;
    CREATE TRIGGER turns_fts_delete AFTER DELETE ON turns BEGIN
      INSERT INTO turns_fts (turns_fts, rowid, prompt_text, answer_text) VALUES ('delete', old.rowid, old.prompt_text, old.answer_text);
    END;
    -- Draft saves rewrite the turn every few seconds; only a changed text is re-indexed.
    CREATE TRIGGER turns_fts_update AFTER UPDATE OF prompt_text, answer_text ON turns
    WHEN old.prompt_text IS NOT new.prompt_text OR old.answer_text IS NOT new.answer_text BEGIN
      INSERT INTO turns_fts (turns_fts, rowid, prompt_text, answer_text) VALUES ('delete', old.rowid, old.prompt_text, old.answer_text);
      INSERT INTO turns_fts (rowid, prompt_text, answer_text) VALUES (new.rowid, new.prompt_text, new.answer_text);
    END;

    CREATE TRIGGER segments_fts_insert AFTER INSERT ON segments BEGIN
      INSERT INTO segments_fts (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER segments_fts_delete AFTER DELETE ON segments BEGIN
      INSERT INTO segments_fts (segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER segments_fts_update AFTER UPDATE OF text ON segments
    WHEN old.text IS NOT new.text BEGIN
      INSERT INTO segments_fts (segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
      INSERT INTO segments_fts (rowid, text) VALUES (new.id, new.text);
    END;

    CREATE TRIGGER notes_fts_insert AFTER INSERT ON sessions BEGIN
      INSERT INTO notes_fts (rowid, notes) VALUES (new.rowid, new.notes);
    END;
    CREATE TRIGGER notes_fts_delete AFTER DELETE ON sessions BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, notes) VALUES ('delete', old.rowid, old.notes);
    END;
    CREATE TRIGGER notes_fts_update AFTER UPDATE OF notes ON sessions
    WHEN old.notes IS NOT new.notes BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, notes) VALUES ('delete', old.rowid, old.notes);
      INSERT INTO notes_fts (rowid, notes) VALUES (new.rowid, new.notes);
    END;

    -- The indexed words, sorted: a prefix ("migrat") is expanded to the words it begins.
    CREATE VIRTUAL TABLE turns_fts_vocab USING fts5vocab (turns_fts, row);
    CREATE VIRTUAL TABLE segments_fts_vocab USING fts5vocab (segments_fts, row);
    CREATE VIRTUAL TABLE notes_fts_vocab USING fts5vocab (notes_fts, row);

    -- Rows written before this version.
    INSERT INTO turns_fts (turns_fts) VALUES ('rebuild');
    INSERT INTO segments_fts (segments_fts) VALUES ('rebuild');
    INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');

    -- History filters: the round kinds present, and sessions sorted by role.
    CREATE INDEX rounds_kind ON rounds (kind, session_id);
    CREATE INDEX sessions_role_title ON sessions (role_title, created_at DESC);

    -- Figures the history shows for each session (duration, coverage per question), computed
    -- from the stored interview state once and kept until the session changes (updated_at) or
    -- the scoring changes (version). Derived data: never exported, safe to delete.
    CREATE TABLE session_stats (
      session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
      updated_at INTEGER NOT NULL,
      version    INTEGER NOT NULL,
      stats_json TEXT NOT NULL
    );
  `,
};
