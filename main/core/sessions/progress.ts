/**
 * Progress over time: per session, a score for each dimension and the delivery metrics; and
 * every attempt at one question, side by side.
 *
 * Scores are the model's judgements in the session's feedback rows (read through
 * feedback/stored-body.ts), gathered as (session, dimension, value). Rule feedback gives no
 * score (it can say what an answer mentioned, not how good it was), so a session judged only by
 * rules adds delivery figures and no score.
 */
import type { RoundKind } from '../../../content/schema.js';
import { AppError } from '../../contract/result.js';
import type {
  DamagedSession,
  DeliveryMetrics,
  ProgressDimension,
  ProgressPoint,
  ProgressView,
  QuestionAttempt,
  QuestionAttempts,
  RepeatedQuestion,
} from '../../contract/services/sessions.js';
import { summarizeRecordedAnswers } from '../feedback/delivery-summary.js';
import { storedDelivery, storedScores } from '../feedback/stored-body.js';
import { decodeEngineState } from '../interview/engine-state.js';
import type { Db } from '../storage/database.js';
import { feedbackRows, type StoredFeedbackRow } from './feedback-rows.js';
import { coverageOf, dimensionLabel, mean } from './scores.js';
import { STATS_COLUMNS, statsFor, type StatsRow } from './stats.js';

/** Enough for a readable chart; older sessions still count in the history list. */
export const PROGRESS_SESSIONS = 200;
const MAX_ATTEMPTS = 12;

interface SessionRow {
  id: string;
  created_at: number;
  role_title: string;
  kind: string;
  title: string;
  state_json: string;
}

interface ProgressRow extends StatsRow {
  created_at: number;
  role_title: string;
  kind: string;
  title: string;
}

interface SpokenRow {
  session_id: string;
  seq: number;
  text: string | null;
  duration_ms: number | null;
}

export function progress(
  db: Db,
  filter: { roleId?: string | undefined; roundKind?: string | undefined },
): ProgressView {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.roleId !== undefined) {
    where.push('s.role_id = ?');
    params.push(filter.roleId);
  }
  if (filter.roundKind !== undefined) {
    where.push('r.kind = ?');
    params.push(filter.roundKind);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const all = (
    db
      .prepare(
        `SELECT s.id, s.created_at, s.updated_at, s.role_title, r.kind, r.title, ${STATS_COLUMNS}
         FROM sessions s JOIN rounds r ON r.session_id = s.id LEFT JOIN session_stats st ON st.session_id = s.id ${clause}
         ORDER BY s.created_at DESC LIMIT ${PROGRESS_SESSIONS}`,
      )
      .all(...params) as ProgressRow[]
  ).reverse();
  const damaged: DamagedSession[] = [];
  const stats = statsFor(db, all, damaged);
  // A session whose stored state cannot be read is left out of the chart, and named.
  const skip = new Set(damaged.map((d) => d.sessionId));
  const rows = all.filter((row) => !skip.has(row.id));

  const sessionIds = rows.map((r) => r.id);
  const feedbackBySession = feedbackRows(db, sessionIds);
  const spokenBySession = spokenAnswers(db, sessionIds);

  const dimensions = new Map<string, ProgressDimension>();
  const points: ProgressPoint[] = rows.map((row) => {
    const figures = stats.get(row.id);
    const scores: Record<string, number> = {};
    const bodies = feedbackBySession.get(row.id) ?? [];
    const byDimension = new Map<string, number[]>();
    for (const row of bodies) {
      for (const score of storedScores(row.source, row.body)) {
        const id = score.dimension;
        byDimension.set(id, [...(byDimension.get(id) ?? []), score.value]);
      }
    }
    for (const [id, values] of byDimension) {
      const value = mean(values);
      if (value === null) continue;
      scores[id] = value;
      if (!dimensions.has(id)) dimensions.set(id, { id, label: dimensionLabel(id), source: 'feedback' });
    }
    return {
      sessionId: row.id,
      createdAt: row.created_at,
      roleTitle: row.role_title,
      roundTitle: row.title,
      roundKind: row.kind as RoundKind,
      scores,
      delivery: deliveryFor(figures?.turnElapsedMs ?? {}, bodies, spokenBySession.get(row.id) ?? []),
    };
  });

  return {
    points,
    dimensions: [...dimensions.values()],
    repeatedQuestions: repeatedQuestions(db, clause, params),
    ...(damaged.length > 0 ? { damaged } : {}),
  };
}

function deliveryFor(
  turnElapsedMs: Record<number, number>,
  feedback: StoredFeedbackRow[],
  spoken: SpokenRow[],
): DeliveryMetrics {
  const fromFeedback = feedback
    .map((row) => storedDelivery(row.source, row.body))
    .filter((d): d is DeliveryMetrics => d !== null);
  if (fromFeedback.length > 0) {
    return {
      wordsPerMinute: mean(fromFeedback.map((d) => d.wordsPerMinute)),
      fillersPer100Words: mean(fromFeedback.map((d) => d.fillersPer100Words)),
    };
  }
  return summarizeRecordedAnswers(
    spoken
      .filter((s) => s.text)
      .map((s) => ({ text: s.text ?? '', durationMs: s.duration_ms ?? turnElapsedMs[s.seq] ?? 0 })),
  );
}

/** Recorded answers, with the transcript as spoken (raw, fillers kept) when there is one. */
function spokenAnswers(db: Db, sessionIds: string[]): Map<string, SpokenRow[]> {
  const out = new Map<string, SpokenRow[]>();
  if (sessionIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT r.session_id, t.seq, COALESCE(NULLIF(t.raw_transcript, ''), t.answer_text) AS text, MAX(rec.duration_ms) AS duration_ms
       FROM turns t JOIN recordings rec ON rec.turn_id = t.id JOIN rounds r ON r.id = t.round_id
       WHERE r.session_id IN (${sessionIds.map(() => '?').join(',')}) AND t.status = 'answered'
       GROUP BY t.id`,
    )
    .all(...sessionIds) as SpokenRow[];
  for (const row of rows) out.set(row.session_id, [...(out.get(row.session_id) ?? []), row]);
  return out;
}

function repeatedQuestions(db: Db, clause: string, params: string[]): RepeatedQuestion[] {
  const rows = db
    .prepare(
      `SELECT t.question_id, COUNT(DISTINCT t.round_id) AS attempts, MAX(t.asked_at) AS last_at,
              (SELECT t2.prompt_text FROM turns t2 WHERE t2.question_id = t.question_id AND t2.kind = 'question' ORDER BY t2.asked_at DESC LIMIT 1) AS prompt
       FROM turns t JOIN rounds r ON r.id = t.round_id JOIN sessions s ON s.id = r.session_id
       ${clause ? `${clause} AND` : 'WHERE'} t.kind = 'question' AND t.question_id IS NOT NULL AND t.status = 'answered'
       GROUP BY t.question_id HAVING attempts >= 2 ORDER BY last_at DESC LIMIT 50`,
    )
    .all(...params) as { question_id: string; attempts: number; last_at: number; prompt: string }[];
  return rows.map((r) => ({ questionId: r.question_id, prompt: r.prompt, attempts: r.attempts, lastAt: r.last_at }));
}

export function questionAttempts(db: Db, questionId: string): QuestionAttempts {
  const rows = (
    db
      .prepare(
        `SELECT DISTINCT s.id, s.created_at, s.role_title, r.kind, r.title, r.state_json
         FROM turns t JOIN rounds r ON r.id = t.round_id JOIN sessions s ON s.id = r.session_id
         WHERE t.question_id = ? AND t.kind = 'question'
         ORDER BY s.created_at DESC LIMIT ${MAX_ATTEMPTS}`,
      )
      .all(questionId) as SessionRow[]
  ).reverse();
  if (rows.length === 0)
    throw new AppError('NOT_FOUND', 'No session asked that question. It may have been deleted; pick another question.');
  const spoken = spokenAnswers(
    db,
    rows.map((r) => r.id),
  );
  let prompt = '';
  const damaged: DamagedSession[] = [];
  const attempts: QuestionAttempt[] = rows.flatMap((row) => {
    const decoded = decodeEngineState(row.state_json);
    if (!decoded.ok) {
      damaged.push({ sessionId: row.id, reason: decoded.reason });
      return [];
    }
    const state = decoded.state;
    const index = state.questions.findIndex(
      (q, i) => q.id === questionId && state.turns.some((t) => t.questionIndex === i),
    );
    const question = state.questions[index];
    if (!question) return [];
    prompt = question.prompt;
    const turns = state.turns.filter((t) => t.questionIndex === index);
    const coverage = coverageOf(question, turns);
    const seqs = new Set(turns.map((t) => t.seq));
    const spokenTurns = (spoken.get(row.id) ?? []).filter((s) => seqs.has(s.seq));
    return [
      {
        sessionId: row.id,
        createdAt: row.created_at,
        roundTitle: row.title,
        answers: turns
          .filter((t) => t.status === 'answered' && t.answer)
          .map((t) => ({ kind: t.kind, prompt: t.prompt, text: t.answer ?? '' })),
        elapsedMs: turns.reduce((sum, t) => sum + t.elapsedMs, 0),
        covered: coverage.covered,
        missing: coverage.missing,
        delivery: deliveryFor(Object.fromEntries(turns.map((t) => [t.seq, t.elapsedMs])), [], spokenTurns),
      },
    ];
  });
  return { questionId, prompt, attempts, ...(damaged.length > 0 ? { damaged } : {}) };
}
