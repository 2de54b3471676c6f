import type { Migration } from './types.js';

/**
 * Questions the candidate marked to revisit, per role. Not session data: deleting sessions
 * keeps them, like settings. No foreign key: role packs live in files, not in the database.
 */
export const questionMarks: Migration = {
  version: 6,
  name: 'question-marks',
  up: `
    CREATE TABLE question_marks (
      role_id     TEXT NOT NULL,
      question_id TEXT NOT NULL,
      marked_at   INTEGER NOT NULL,
      PRIMARY KEY (role_id, question_id)
    );
  `,
};
