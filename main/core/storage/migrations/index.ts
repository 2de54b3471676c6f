import { initial } from './001-initial.js';
import { search } from './002-search.js';
import { board } from './003-board.js';
import { questionMarks } from './004-question-marks.js';
import type { Migration } from './types.js';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [initial, search, board, questionMarks];

export type { Migration };
