import type Database from 'better-sqlite3';
import type { Migration } from './migrations/types.js';

export function currentVersion(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies the migrations above the database's version, each in its own transaction and
 * recorded in schema_migrations, so a crash between two leaves a consistent, resumable state.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], target?: number): number {
  let version = currentVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (version > newest) {
    throw new Error(
      `The database was written by a newer version of the app (schema ${version}, this app knows ${newest}). Update the app, or choose another data folder.`,
    );
  }
  for (const m of migrations) {
    if (m.version <= version || (target !== undefined && m.version > target)) continue;
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        Date.now(),
      );
    })();
    version = m.version;
  }
  return version;
}
