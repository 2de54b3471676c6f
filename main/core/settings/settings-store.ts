import { settingsSchema, type Settings } from '../../contract/services/settings.js';
import type { Db } from '../storage/database.js';

export function readSettings(db: Db | null): Settings {
  const stored: Record<string, unknown> = {};
  if (db) {
    for (const row of db.prepare('SELECT key, value_json FROM settings').all() as {
      key: string;
      value_json: string;
    }[]) {
      try {
        stored[row.key] = JSON.parse(row.value_json);
      } catch {
        // A hand-edited or damaged value falls back to its default below.
      }
    }
  }
  // Parse key by key so one bad stored value resets only itself, not every setting.
  const defaults = settingsSchema.parse({});
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in defaults)) continue;
    const parsed = settingsSchema.partial().safeParse({ [key]: value });
    if (parsed.success) result[key] = (parsed.data as Record<string, unknown>)[key];
  }
  return result as Settings;
}

export function writeSettings(db: Db, patch: Partial<Settings>): void {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value));
    }
  })();
}
