/**
 * What feedback is computed from: a stored session (its engine state and role content) and the
 * transcript segments of its spoken answers. Pure reads.
 */
import { createHash } from 'node:crypto';
import type { Question, Round } from '../../../content/schema.js';
import { AppError } from '../../contract/result.js';
import type { BoardDescription, DesignNotes } from '../../contract/services/board.js';
import type { ContentService } from '../content/service.js';
import type { EngineState, TurnRecord } from '../interview/engine.js';
import { roundRowId, turnRowId, type InterviewRepository, type SessionRecord } from '../interview/repository.js';
import { answersKey } from './answer-keys.js';
import type { CodeEvidence } from './code-notes.js';
import type { FeedbackStore } from './feedback-store.js';
import type { TimedSegment } from './metrics/transcript.js';
import { rulesForQuestion, type RulesQuestionFeedback } from './rules-feedback.js';

export interface FeedbackInput {
  record: SessionRecord;
  state: EngineState;
  round: Round | undefined;
  roleTitle: string;
  /** Transcript segments by turn seq (spoken answers only). */
  segments: Map<number, TimedSegment[]>;
  /** The whiteboard (its text description and notes) as it was at a turn; null without one. */
  boardAt: (seq: number) => BoardEvidence | null;
  /** A coding question's final code (null for other questions, or when none was written). */
  code: (questionId: string) => CodeEvidence | null;
}

export interface BoardEvidence {
  description: BoardDescription;
  notes: DesignNotes;
}

export function loadFeedbackInput(
  repository: InterviewRepository,
  content: ContentService,
  store: FeedbackStore,
  sessionId: string,
  boardAt: (sessionId: string, seq: number) => BoardEvidence | null = () => null,
  code: (sessionId: string, state: EngineState, questionId: string) => CodeEvidence | null = () => null,
): FeedbackInput {
  const record = repository.load(sessionId);
  if (!record)
    throw new AppError(
      'NOT_FOUND',
      'That practice session no longer exists, so there is no feedback for it. Start a new one from the role library.',
    );
  const role = content.findRole(record.roleId)?.role;
  return {
    record,
    state: record.state,
    round: role?.rounds.find((r) => r.id === record.roundId),
    roleTitle: record.roleTitle,
    segments: store.segments(roundRowId(sessionId)),
    boardAt: (seq) => boardAt(sessionId, seq),
    code: (questionId) => code(sessionId, record.state, questionId),
  };
}

export const roundFinished = (input: FeedbackInput) => input.state.phase === 'summary';

export function questionTurns(input: FeedbackInput, index: number): TurnRecord[] {
  return input.state.turns.filter((t) => t.questionIndex === index);
}

/**
 * What a question's model judgement was made from: its answers, and for a coding question the
 * final code too (notes on code that has changed since are stale).
 */
export function judgementKey(input: FeedbackInput, index: number): string {
  const answers = answersKey(questionTurns(input, index));
  const code = input.code(input.state.questions[index]!.id);
  return code ? `${answers}:${codeKey(code)}` : answers;
}

/** Identifies the code a judgement saw. */
export function codeKey(code: CodeEvidence): string {
  return createHash('sha256')
    .update(`${code.language}\u0000${code.solution}\u0000${code.tests}`)
    .digest('hex')
    .slice(0, 12);
}

/** Feedback on a question is stored on its first turn. */
export function firstTurnId(input: FeedbackInput, index: number): string | null {
  const first = input.state.turns.find((t) => t.questionIndex === index);
  return first ? turnRowId(input.record.sessionId, first.seq) : null;
}

/**
 * Segment times are milliseconds from the start of the answer. Times that look like wall-clock
 * timestamps (a recorder that stored Date.now()) are made relative to when the answer began.
 */
function relativeSegments(segments: readonly TimedSegment[], turn: TurnRecord): TimedSegment[] {
  const origin = turn.answerStartedAt ?? turn.askedAt;
  const absolute = segments.length > 0 && segments.every((s) => s.startMs >= origin && origin > 1e12);
  return absolute
    ? segments.map((s) => ({ ...s, startMs: s.startMs - origin, endMs: s.endMs - origin }))
    : [...segments];
}

/** The segments of one question's turns, times relative to each answer's start. */
export function questionSegments(input: FeedbackInput, index: number): Map<number, TimedSegment[]> {
  return new Map(questionTurns(input, index).map((t) => [t.seq, relativeSegments(input.segments.get(t.seq) ?? [], t)]));
}

function contentQuestion(input: FeedbackInput, questionId: string): Question | undefined {
  return input.round?.questions.find((q) => q.id === questionId);
}

export function rulesOf(input: FeedbackInput, index: number): RulesQuestionFeedback {
  const question = input.state.questions[index]!;
  const turns = questionTurns(input, index);
  return rulesForQuestion({
    question,
    turns,
    segments: questionSegments(input, index),
    roundKind: input.record.roundKind,
    checklist: input.round?.checklist ?? null,
    starGuide: contentQuestion(input, question.id)?.star !== undefined,
    // The board as it stood at the question's last answer.
    board: turns.length > 0 ? input.boardAt(Math.max(...turns.map((t) => t.seq))) : null,
  });
}
