/**
 * One session for review: the conversation, each answer's transcript segments and recording,
 * the feedback, and the model's overall score when a model judged it.
 */
import type { RoundKind } from '../../../content/schema.js';
import { AppError } from '../../contract/result.js';
import type {
  ConversationEntry,
  FeedbackEntry,
  RecordingView,
  SegmentView,
  SessionDetail,
  TurnDetail,
} from '../../contract/services/sessions.js';
import { storedScores } from '../feedback/stored-body.js';
import type { EngineState } from '../interview/engine.js';
import { createInterviewRepository, turnRowId, roundRowId } from '../interview/repository.js';
import { summaryView } from '../interview/views.js';
import type { Db } from '../storage/database.js';
import { sessionCode } from '../workspace/session-code.js';
import { sessionProjects, type ProjectStartLookup } from '../workspace-rounds/session-projects.js';
import { durationOf, modelScorePct } from './scores.js';
import { fileExists, resolveRecordingPath } from './session-files.js';

export const NOT_FOUND_MESSAGE =
  'That session is not in your history any more (it may have been deleted). Go back to the history to pick another one.';

interface TurnRow {
  id: string;
  seq: number;
  answer_text: string | null;
}

interface RecordingRow {
  id: string;
  turn_id: string;
  path: string;
  duration_ms: number | null;
}

interface SegmentRow {
  id: number;
  turn_id: string;
  start_ms: number;
  end_ms: number;
  text: string;
}

interface FeedbackRow {
  id: number;
  turn_id: string | null;
  source: 'rules' | 'llm';
  body_json: string;
  created_at: number;
}

/** A bug bash's or integration's starting files, from the session's role pack (null when not installed). */
export type ProjectStart = (roleId: string, roundId: string, questionId: string) => ReturnType<ProjectStartLookup>;

export function sessionDetail(
  db: Db,
  dataDir: string,
  sessionId: string,
  projectStart: ProjectStart = () => null,
): SessionDetail {
  const record = createInterviewRepository(db).load(sessionId);
  if (!record) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  const notes = (db.prepare('SELECT notes FROM sessions WHERE id = ?').get(sessionId) as { notes: string }).notes;
  const state = record.state;
  const roundId = roundRowId(sessionId);

  const turnRows = db
    .prepare('SELECT id, seq, answer_text FROM turns WHERE round_id = ? ORDER BY seq')
    .all(roundId) as TurnRow[];
  const bySeq = new Map(turnRows.map((t) => [t.seq, t]));
  const recordings = db
    .prepare(
      'SELECT rec.id, rec.turn_id, rec.path, rec.duration_ms FROM recordings rec JOIN turns t ON t.id = rec.turn_id WHERE t.round_id = ? ORDER BY rec.created_at',
    )
    .all(roundId) as RecordingRow[];
  const segments = db
    .prepare(
      'SELECT sg.id, sg.turn_id, sg.start_ms, sg.end_ms, sg.text FROM segments sg JOIN turns t ON t.id = sg.turn_id WHERE t.round_id = ? ORDER BY sg.turn_id, sg.start_ms, sg.id',
    )
    .all(roundId) as SegmentRow[];
  const feedbackRows = db
    .prepare(
      `SELECT f.id, f.turn_id, f.source, f.body_json, f.created_at FROM feedback f
       WHERE f.round_id = ? OR f.turn_id IN (SELECT id FROM turns WHERE round_id = ?) ORDER BY f.created_at, f.id`,
    )
    .all(roundId, roundId) as FeedbackRow[];

  const recordingOf = new Map<string, RecordingView>();
  for (const r of recordings) {
    // The latest recording of a turn wins (a retried answer replaces the earlier take).
    recordingOf.set(r.turn_id, {
      id: r.id,
      durationMs: r.duration_ms,
      available: fileExists(resolveRecordingPath(dataDir, r.path)),
    });
  }
  const segmentsOf = new Map<string, SegmentView[]>();
  for (const s of segments) {
    const list = segmentsOf.get(s.turn_id) ?? [];
    list.push({ id: s.id, startMs: s.start_ms, endMs: s.end_ms, text: s.text });
    segmentsOf.set(s.turn_id, list);
  }

  const turns: TurnDetail[] = state.turns.map((t) => {
    const id = turnRowId(sessionId, t.seq);
    return {
      seq: t.seq,
      kind: t.kind,
      questionId: t.questionId,
      prompt: t.prompt,
      status: t.status,
      answer: t.answer ?? bySeq.get(t.seq)?.answer_text ?? null,
      elapsedMs: t.elapsedMs,
      budgetMs: t.budgetMs,
      askedAt: t.askedAt,
      recording: recordingOf.get(id) ?? null,
      segments: segmentsOf.get(id) ?? [],
    };
  });

  const seqOfTurnId = new Map(turnRows.map((t) => [t.id, t.seq]));
  const feedback: FeedbackEntry[] = feedbackRows.map((row) => {
    const body = parseJson(row.body_json);
    return {
      id: row.id,
      source: row.source,
      turnSeq: row.turn_id ? (seqOfTurnId.get(row.turn_id) ?? null) : null,
      createdAt: row.created_at,
      scores: storedScores(row.source, body),
      body,
    };
  });

  return {
    sessionId,
    roleId: record.roleId,
    roleTitle: record.roleTitle,
    company: record.company,
    roundId: record.roundId,
    roundTitle: record.roundTitle,
    roundKind: record.roundKind as RoundKind,
    status: record.status,
    interviewer: record.interviewer,
    createdAt: record.createdAt,
    endedAt: record.endedAt,
    durationMs: durationOf(state, record.updatedAt),
    budgetMs: state.round.budgetMs,
    modelScorePct: modelScorePct(feedback.flatMap((f) => f.scores)),
    notes,
    conversation: conversationOf(state),
    turns,
    feedback,
    summary: summaryView(record, state, Math.max(record.updatedAt, state.round.runningSince ?? 0)),
    code: sessionCode(db, sessionId, state, record.endedAt ?? record.updatedAt),
    projects: sessionProjects(db, sessionId, state, (questionId) =>
      projectStart(record.roleId, record.roundId, questionId),
    ),
  };
}

/**
 * The messages with the turn each belongs to. The engine adds exactly one question or
 * follow-up message per turn, in turn order, so counting them recovers the turn.
 */
export function conversationOf(state: EngineState): ConversationEntry[] {
  let seq = 0;
  return state.messages.map((m) => {
    if (m.kind === 'question' || m.kind === 'follow_up') seq++;
    const inTurn =
      seq > 0 &&
      ['question', 'follow_up', 'answer', 'repeat', 'clarify_question', 'clarify_answer', 'nudge', 'skip'].includes(
        m.kind,
      );
    return { ...m, turnSeq: inTurn ? seq : null };
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function setNotes(db: Db, sessionId: string, notes: string, now: number): { savedAt: number } {
  // updated_at is the interview's own clock (durations are measured against it): notes leave it alone.
  const result = db.prepare('UPDATE sessions SET notes = ? WHERE id = ?').run(notes, sessionId);
  if (result.changes === 0) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  return { savedAt: now };
}
