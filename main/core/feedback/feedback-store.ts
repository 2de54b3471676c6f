/**
 * Feedback persistence: the feedback table (one row per question and source on the question's
 * first turn, one per round and source) and the transcript segments the metrics read.
 */
import type { Db } from '../storage/database.js';
import type { TimedSegment } from './metrics/transcript.js';

export interface StoredRow {
  turnId: string | null;
  source: 'rules' | 'llm';
  body: unknown;
}

export interface SegmentRow {
  seq: number;
  startMs: number;
  endMs: number;
  text: string;
}

export function createFeedbackStore(db: Db) {
  const selectRows = db.prepare(`SELECT turn_id, source, body_json FROM feedback WHERE round_id = ? ORDER BY id`);
  const deleteTurnRow = db.prepare(`DELETE FROM feedback WHERE turn_id = ? AND source = ?`);
  const deleteRoundRow = db.prepare(`DELETE FROM feedback WHERE round_id = ? AND turn_id IS NULL AND source = ?`);
  const insert = db.prepare(
    `INSERT INTO feedback (turn_id, round_id, source, body_json, created_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const selectSegments = db.prepare(
    `SELECT t.seq AS seq, s.start_ms AS start_ms, s.end_ms AS end_ms, s.text AS text
     FROM segments s JOIN turns t ON t.id = s.turn_id
     WHERE t.round_id = ? AND s.status = 'done' ORDER BY t.seq, s.start_ms, s.id`,
  );
  const turnExists = db.prepare(`SELECT 1 FROM turns WHERE id = ?`);

  const replace = db.transaction(
    (roundId: string, turnId: string | null, source: 'rules' | 'llm', body: unknown, now: number) => {
      if (turnId) deleteTurnRow.run(turnId, source);
      else deleteRoundRow.run(roundId, source);
      insert.run(turnId, roundId, source, JSON.stringify(body), now);
    },
  );

  return {
    /** Every stored row of a round; a row whose JSON does not parse is skipped. */
    rows(roundId: string): StoredRow[] {
      const raw = selectRows.all(roundId) as { turn_id: string | null; source: 'rules' | 'llm'; body_json: string }[];
      return raw.flatMap((r) => {
        try {
          return [{ turnId: r.turn_id, source: r.source, body: JSON.parse(r.body_json) as unknown }];
        } catch {
          return [];
        }
      });
    },

    /** Replaces the row for this turn (or, with turnId null, the round) and source. */
    save(roundId: string, turnId: string | null, source: 'rules' | 'llm', body: unknown, now: number): void {
      // The turn row is written by the interview service in the same process; a turn that is
      // not there (a session deleted meanwhile) has nothing to hang feedback on.
      if (turnId && !turnExists.get(turnId)) return;
      replace(roundId, turnId, source, body, now);
    },

    /** Transcribed segments by turn seq (pending and failed ones have no words to measure). */
    segments(roundId: string): Map<number, TimedSegment[]> {
      const bySeq = new Map<number, TimedSegment[]>();
      for (const row of selectSegments.all(roundId) as {
        seq: number;
        start_ms: number;
        end_ms: number;
        text: string;
      }[]) {
        const list = bySeq.get(row.seq) ?? [];
        list.push({ startMs: row.start_ms, endMs: row.end_ms, text: row.text });
        bySeq.set(row.seq, list);
      }
      return bySeq;
    },
  };
}

export type FeedbackStore = ReturnType<typeof createFeedbackStore>;
