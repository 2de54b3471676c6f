/**
 * The history list: one page of sessions, newest first by default, with filters. Each page
 * costs about the same at 100 or 100,000 sessions: the order and the role/date filters come
 * from indexes, only the page's rows are read, "is there more" is one extra row, not a count,
 * and each row's figures come from the session_stats cache (see stats.ts).
 */
import type { RoundKind } from '../../../content/schema.js';
import type {
  DamagedSession,
  HistoryFilters,
  SessionListItem,
  SessionPage,
  SessionStatus,
} from '../../contract/services/sessions.js';
import { storedScores } from '../feedback/stored-body.js';
import type { Db } from '../storage/database.js';
import { feedbackRows } from './feedback-rows.js';
import { modelScorePct } from './scores.js';
import { STATS_COLUMNS, statsFor, type SessionStats, type StatsRow } from './stats.js';

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

interface ListRow extends StatsRow {
  role_id: string;
  role_title: string;
  company: string | null;
  status: SessionStatus;
  created_at: number;
  updated_at: number;
  ended_at: number | null;
  kind: string;
  title: string;
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
    // "+" keeps SQLite from fetching every round of the kind and sorting them: walking the
    // sessions in date order and checking each one's kind stops as soon as the page is full.
    where.push('+r.kind = ?');
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
              r.kind, r.title, ${STATS_COLUMNS},
              EXISTS (SELECT 1 FROM turns t JOIN recordings rec ON rec.turn_id = t.id WHERE t.round_id = r.id) AS has_audio
       FROM sessions s JOIN rounds r ON r.session_id = s.id LEFT JOIN session_stats st ON st.session_id = s.id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${ORDER[query.sort]}
       LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit + 1, query.offset) as ListRow[];
  const page = rows.slice(0, query.limit);
  const damaged: DamagedSession[] = [];
  const stats = statsFor(db, page, damaged);
  const feedback = feedbackRows(
    db,
    page.map((row) => row.id),
  );
  return {
    items: page.flatMap((row) => {
      const figures = stats.get(row.id);
      const scores = (feedback.get(row.id) ?? []).flatMap((f) => storedScores(f.source, f.body));
      return figures ? [toListItem(row, figures, modelScorePct(scores))] : [];
    }),
    hasMore: rows.length > query.limit,
    ...(damaged.length > 0 ? { damaged } : {}),
  };
}

function toListItem(row: ListRow, stats: SessionStats, modelScore: number | null): SessionListItem {
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
    durationMs: stats.durationMs,
    questionsAsked: stats.questionsAsked,
    questionsAnswered: stats.questionsAnswered,
    record: stats.record,
    modelScorePct: modelScore,
    hasAudio: row.has_audio === 1,
  };
}

export function historyFilters(db: Db): HistoryFilters {
  const roles = db
    // With MAX(), SQLite takes the other columns from that row: a role is named as in its latest session.
    .prepare(
      'SELECT role_id AS roleId, role_title AS roleTitle, company, MAX(created_at) AS latest FROM sessions GROUP BY role_id ORDER BY role_title',
    )
    .all() as (HistoryFilters['roles'][number] & { latest?: number })[];
  const kinds = db.prepare('SELECT DISTINCT kind FROM rounds ORDER BY kind').all() as { kind: string }[];
  const total = db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number };
  return {
    roles: roles.map(({ roleId, roleTitle, company }) => ({ roleId, roleTitle, company })),
    roundKinds: kinds.map((k) => k.kind as RoundKind),
    totalSessions: total.n,
  };
}
