import { initial } from './001-initial.js';
import { search } from './002-search.js';
import { questionMarks } from './003-question-marks.js';
import type { Migration } from './types.js';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [initial, search, questionMarks];

export type { Migration };
