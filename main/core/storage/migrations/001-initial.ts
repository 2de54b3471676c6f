import type { Migration } from './types.js';

/** The first schema: everything a practice session writes as it happens. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE settings (
      key        TEXT PRIMARY KEY,
      value_json TEXT NOT NULL
    );

    CREATE TABLE sessions (
      id          TEXT PRIMARY KEY,
      role_id     TEXT NOT NULL,
      role_title  TEXT NOT NULL,
      company     TEXT,
      status      TEXT NOT NULL CHECK (status IN ('in_progress', 'completed', 'abandoned')),
      interviewer TEXT NOT NULL DEFAULT 'scripted',
      notes       TEXT NOT NULL DEFAULT '',
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL,
      ended_at    INTEGER
    );
    CREATE INDEX sessions_created ON sessions (created_at DESC);
    CREATE INDEX sessions_role ON sessions (role_id, created_at DESC);

    CREATE TABLE rounds (
      id          TEXT PRIMARY KEY,
      session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      round_id    TEXT NOT NULL,
      kind        TEXT NOT NULL,
      title       TEXT NOT NULL,
      budget_ms   INTEGER NOT NULL,
      state_json  TEXT NOT NULL,
      started_at  INTEGER NOT NULL,
      ended_at    INTEGER
    );
    CREATE INDEX rounds_session ON rounds (session_id);

    CREATE TABLE turns (
      id                TEXT PRIMARY KEY,
      round_id          TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
      seq               INTEGER NOT NULL,
      kind              TEXT NOT NULL,
      question_id       TEXT,
      prompt_text       TEXT NOT NULL,
      answer_text       TEXT,
      raw_transcript    TEXT,
      draft_text        TEXT NOT NULL DEFAULT '',
      status            TEXT NOT NULL,
      budget_ms         INTEGER,
      asked_at          INTEGER NOT NULL,
      answer_started_at INTEGER,
      answer_ended_at   INTEGER,
      UNIQUE (round_id, seq)
    );
    CREATE INDEX turns_question ON turns (question_id);

    CREATE TABLE segments (
      id         INTEGER PRIMARY KEY,
      turn_id    TEXT NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
      start_ms   INTEGER NOT NULL,
      end_ms     INTEGER NOT NULL,
      text       TEXT NOT NULL DEFAULT '',
      status     TEXT NOT NULL DEFAULT 'done',
      created_at INTEGER NOT NULL
    );
    CREATE INDEX segments_turn ON segments (turn_id, start_ms);

    CREATE TABLE recordings (
      id          TEXT PRIMARY KEY,
      turn_id     TEXT NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
      path        TEXT NOT NULL,
      sample_rate INTEGER NOT NULL,
      duration_ms INTEGER,
      status      TEXT NOT NULL,
      created_at  INTEGER NOT NULL
    );
    CREATE INDEX recordings_turn ON recordings (turn_id);

    CREATE TABLE feedback (
      id         INTEGER PRIMARY KEY,
      turn_id    TEXT REFERENCES turns (id) ON DELETE CASCADE,
      round_id   TEXT REFERENCES rounds (id) ON DELETE CASCADE,
      source     TEXT NOT NULL CHECK (source IN ('rules', 'llm')),
      body_json  TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      CHECK (turn_id IS NOT NULL OR round_id IS NOT NULL)
    );
    CREATE INDEX feedback_turn ON feedback (turn_id);
    CREATE INDEX feedback_round ON feedback (round_id);
  `,
};
