/**
 * The history list: one page of sessions, newest first by default, with filters. Each page
 * costs the same at 100 or 100,000 sessions: the order and the role/date filters come from
 * indexes, only the page's rows are read, and "is there more" is one extra row, not a count.
 */
import type { RoundKind } from '../../../content/schema.js';
import type { HistoryFilters, SessionListItem, SessionPage, SessionStatus } from '../../contract/services/sessions.js';
import type { EngineState } from '../interview/engine.js';
import type { Db } from '../storage/database.js';
import { durationOf, sessionCoveragePct } from './scores.js';

export interface ListQuery {
  roleId?: string | undefined;
  roundKind?: string | undefined;
  status?: SessionStatus | undefined;
  from?: number | undefined;
  to?: number | undefined;
  sort: 'newest' | 'oldest' | 'role';
  limit: number;
  offset: number;
}

const ORDER: Record<ListQuery['sort'], string> = {
  newest: 's.created_at DESC, s.id DESC',
  oldest: 's.created_at ASC, s.id ASC',
  role: 's.role_title ASC, s.created_at DESC, s.id DESC',
};

interface ListRow {
  id: string;
  role_id: string;
  role_title: string;
  company: string | null;
  status: SessionStatus;
  created_at: number;
  updated_at: number;
  ended_at: number | null;
  kind: string;
  title: string;
  state_json: string;
  has_audio: number;
}

export function listSessions(db: Db, query: ListQuery): SessionPage {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.roleId !== undefined) {
    where.push('s.role_id = ?');
    params.push(query.roleId);
  }
  if (query.roundKind !== undefined) {
    where.push('r.kind = ?');
    params.push(query.roundKind);
  }
  if (query.status !== undefined) {
    where.push('s.status = ?');
    params.push(query.status);
  }
  if (query.from !== undefined) {
    where.push('s.created_at >= ?');
    params.push(query.from);
  }
  if (query.to !== undefined) {
    where.push('s.created_at < ?');
    params.push(query.to);
  }
  const rows = db
    .prepare(
      `SELECT s.id, s.role_id, s.role_title, s.company, s.status, s.created_at, s.updated_at, s.ended_at,
              r.kind, r.title, r.state_json,
              EXISTS (SELECT 1 FROM turns t JOIN recordings rec ON rec.turn_id = t.id WHERE t.round_id = r.id) AS has_audio
       FROM sessions s JOIN rounds r ON r.session_id = s.id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${ORDER[query.sort]}
       LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit + 1, query.offset) as ListRow[];
  return { items: rows.slice(0, query.limit).map(toListItem), hasMore: rows.length > query.limit };
}

function toListItem(row: ListRow): SessionListItem {
  const state = JSON.parse(row.state_json) as EngineState;
  const asked = new Set(state.turns.map((t) => t.questionIndex));
  const answered = new Set(state.turns.filter((t) => t.status === 'answered').map((t) => t.questionIndex));
  return {
    sessionId: row.id,
    roleId: row.role_id,
    roleTitle: row.role_title,
    company: row.company,
    roundTitle: row.title,
    roundKind: row.kind as RoundKind,
    status: row.status,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    durationMs: durationOf(state, row.updated_at),
    questionsAsked: asked.size,
    questionsAnswered: answered.size,
    coveragePct: sessionCoveragePct(state),
    hasAudio: row.has_audio === 1,
  };
}

export function historyFilters(db: Db): HistoryFilters {
  const roles = db
    .prepare('SELECT role_id AS roleId, role_title AS roleTitle, company FROM sessions GROUP BY role_id ORDER BY role_title')
    .all() as HistoryFilters['roles'];
  const kinds = db.prepare('SELECT DISTINCT kind FROM rounds ORDER BY kind').all() as { kind: string }[];
  const total = db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number };
  return { roles, roundKinds: kinds.map((k) => k.kind as RoundKind), totalSessions: total.n };
}
