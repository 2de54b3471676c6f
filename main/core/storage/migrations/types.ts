import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** SQL run in one transaction, or a function for changes SQL alone cannot express. */
  up: string | ((db: Database.Database) => void);
}
