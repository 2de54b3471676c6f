import { initial } from './001-initial.js';
import { search } from './002-search.js';
import { board } from './003-board.js';
import { workspace } from './004-workspace.js';
import { project } from './005-project.js';
import { questionMarks } from './006-question-marks.js';
import { projectSearch } from './007-project-search.js';
import type { Migration } from './types.js';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  search,
  board,
  workspace,
  project,
  questionMarks,
  projectSearch,
];

export type { Migration };
