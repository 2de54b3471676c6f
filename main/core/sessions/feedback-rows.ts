/**
 * The feedback rows stored for sessions, read once for the list, the progress charts and the
 * model's overall score.
 */
import { type FeedbackSource } from '../feedback/stored-body.js';
import type { Db } from '../storage/database.js';

export interface StoredFeedbackRow {
  source: FeedbackSource;
  body: unknown;
}

/** Every feedback row of these sessions (question rows and round rows), by session. */
export function feedbackRows(db: Db, sessionIds: string[]): Map<string, StoredFeedbackRow[]> {
  const out = new Map<string, StoredFeedbackRow[]>();
  if (sessionIds.length === 0) return out;
  const ids = sessionIds.map(() => '?').join(',');
  // Two index paths (round rows, and question rows through their turns) rather than one join on
  // COALESCE, which would read every feedback row of the history for one page of the list.
  const rows = db
    .prepare(
      `SELECT r.session_id, f.source, f.body_json
       FROM rounds r JOIN feedback f ON f.round_id = r.id WHERE r.session_id IN (${ids})
       UNION ALL
       SELECT r.session_id, f.source, f.body_json
       FROM rounds r JOIN turns t ON t.round_id = r.id JOIN feedback f ON f.turn_id = t.id
       WHERE r.session_id IN (${ids}) AND f.round_id IS NULL`,
    )
    .all(...sessionIds, ...sessionIds) as { session_id: string; source: FeedbackSource; body_json: string }[];
  for (const row of rows) {
    let body: unknown;
    try {
      body = JSON.parse(row.body_json) as unknown;
    } catch {
      continue;
    }
    out.set(row.session_id, [...(out.get(row.session_id) ?? []), { source: row.source, body }]);
  }
  return out;
}
