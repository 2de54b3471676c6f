/**
 * Settings in SQLite, one row per key. Reads fall back to the default per key (a damaged value
 * resets only itself); writes touch only the keys in the patch.
 */
import {
  isSettingKey,
  parseSetting,
  SETTINGS_DEFAULTS,
  type Settings,
  type SettingsPatch,
} from '../../contract/services/settings.js';
import type { Db } from '../storage/database.js';

export function readSettings(db: Db | null): Settings {
  const result: Record<string, unknown> = { ...SETTINGS_DEFAULTS };
  if (!db) return result as Settings;
  const rows = db.prepare('SELECT key, value_json FROM settings').all() as { key: string; value_json: string }[];
  for (const row of rows) {
    if (!isSettingKey(row.key)) continue;
    let value: unknown;
    try {
      value = JSON.parse(row.value_json);
    } catch {
      continue; // A hand-edited or damaged value keeps its default.
    }
    const parsed = parseSetting(row.key, value);
    if (parsed !== undefined) result[row.key] = parsed;
  }
  return result as Settings;
}

export function writeSettings(db: Db, patch: SettingsPatch): void {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value));
    }
  })();
}
