import { initial } from './001-initial.js';
import type { Migration } from './types.js';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [initial];

export type { Migration };
