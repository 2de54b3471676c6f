/**
 * Per-session figures for the history list and the progress charts, cached in session_stats.
 *
 * Decoding a session's stored engine state for its duration and record costs a parse of the
 * whole state: too slow to redo for each page of a long history. The figures are computed the
 * first time they are needed and kept until the session's updated_at moves (the interview saved
 * something) or STATS_VERSION changes.
 */
import type { RoundRecord } from '../../contract/format.js';
import type { DamagedSession } from '../../contract/services/sessions.js';
import { decodeEngineState } from '../interview/engine-state.js';
import type { EngineState } from '../interview/engine.js';
import { roundRecord } from '../interview/round-record.js';
import type { Db } from '../storage/database.js';
import { durationOf } from './scores.js';

/** Bump when a figure's definition changes, so cached figures are recomputed. (3: no rubric share.) */
export const STATS_VERSION = 3;

export interface SessionStats {
  durationMs: number;
  questionsAsked: number;
  questionsAnswered: number;
  record: RoundRecord;
  /** Answer time per turn (round clock), for pace when a recording has no duration. */
  turnElapsedMs: Record<number, number>;
}

export function computeStats(state: EngineState, updatedAt: number): SessionStats {
  return {
    durationMs: durationOf(state, updatedAt),
    questionsAsked: new Set(state.turns.map((t) => t.questionIndex)).size,
    questionsAnswered: new Set(state.turns.filter((t) => t.status === 'answered').map((t) => t.questionIndex)).size,
    record: roundRecord(state),
    turnElapsedMs: Object.fromEntries(state.turns.map((t) => [t.seq, t.elapsedMs])),
  };
}

/** The columns a query selects (LEFT JOIN session_stats st) to pass here. */
export const STATS_COLUMNS = 'st.updated_at AS st_updated_at, st.version AS st_version, st.stats_json AS st_json';

export interface StatsRow {
  id: string;
  updated_at: number;
  st_updated_at: number | null;
  st_version: number | null;
  st_json: string | null;
}

/**
 * Figures for each row: cached where still valid, else computed now and stored. A session whose
 * stored state cannot be read gets no figures; it is added to `damaged` (when given) instead.
 */
export function statsFor(db: Db, rows: readonly StatsRow[], damaged?: DamagedSession[]): Map<string, SessionStats> {
  const out = new Map<string, SessionStats>();
  const stale: StatsRow[] = [];
  for (const row of rows) {
    if (row.st_json !== null && row.st_updated_at === row.updated_at && row.st_version === STATS_VERSION) {
      out.set(row.id, JSON.parse(row.st_json) as SessionStats);
    } else {
      stale.push(row);
    }
  }
  if (stale.length === 0) return out;
  const loadState = db.prepare('SELECT state_json FROM rounds WHERE session_id = ?');
  const save = db.prepare(
    `INSERT INTO session_stats (session_id, updated_at, version, stats_json) VALUES (?, ?, ?, ?)
     ON CONFLICT (session_id) DO UPDATE SET updated_at = excluded.updated_at, version = excluded.version, stats_json = excluded.stats_json`,
  );
  db.transaction(() => {
    for (const row of stale) {
      const round = loadState.get(row.id) as { state_json: string } | undefined;
      if (!round) continue;
      const decoded = decodeEngineState(round.state_json);
      if (!decoded.ok) {
        damaged?.push({ sessionId: row.id, reason: decoded.reason });
        continue;
      }
      const stats = computeStats(decoded.state, row.updated_at);
      save.run(row.id, row.updated_at, STATS_VERSION, JSON.stringify(stats));
      out.set(row.id, stats);
    }
  })();
  return out;
}
