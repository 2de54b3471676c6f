import type { DesignPhase, RoundKind } from '../../../content/schema.js';
import type {
  DesignPhaseView,
  InterviewView,
  QuestionSummary,
  RoundSummaryView,
} from '../../contract/services/interview.js';
import { rubricCoverage } from '../rubric/rubric-coverage.js';
import { elapsed } from './clock.js';
import { canUndo, currentQuestion, currentTurn, type EngineState } from './engine.js';
import { phaseAtMark } from './interviewers/design-phases.js';
import type { SessionRecord } from './repository.js';
import { roundRecord } from './round-record.js';

/**
 * The design phase of the latest follow-up (the first phase before any, the last one asked in
 * during the wrap-up), so the screen keeps its place for it from the intro to the end.
 */
export function designPhaseView(phases: readonly DesignPhase[], state: EngineState): DesignPhaseView | null {
  if (state.phase === 'summary') return null;
  const position = phaseAtMark(phases, state.turns.findLast((t) => t.designPhase)?.designPhase);
  if (!position) return null;
  return {
    id: position.phase.id,
    title: position.phase.title,
    number: position.index + 1,
    boxMs: position.phase.minutes * 60_000,
    startedAtMs: position.startedAtMs,
    next: phases[position.index + 1]?.title ?? null,
    plan: phases.map((p) => ({ id: p.id, title: p.title, minutes: p.minutes })),
  };
}

/** `phases`: the round's design phases from its pack (none for other rounds). */
export function interviewView(
  record: SessionRecord,
  state: EngineState,
  now: number,
  phases: readonly DesignPhase[] = [],
): InterviewView {
  const question = currentQuestion(state);
  const turn = currentTurn(state);
  const coding = question?.coding;
  const designPhase = designPhaseView(phases, state);
  return {
    sessionId: record.sessionId,
    roleId: record.roleId,
    roleTitle: record.roleTitle,
    ...(record.company ? { company: record.company } : {}),
    roundTitle: record.roundTitle,
    roundKind: record.roundKind as RoundKind,
    interviewer: record.interviewer,
    phase: state.phase,
    paused: state.paused,
    questionNumber: Math.min(state.index + 1, state.questions.length),
    questionCount: state.questions.length,
    currentPrompt:
      state.phase === 'wrap_up' || state.phase === 'summary' || state.phase === 'intro'
        ? state.messages.at(-1)?.speaker === 'interviewer'
          ? (state.messages.at(-1)?.text ?? '')
          : ''
        : (turn?.prompt ?? ''),
    ...(coding ? { coding: { parts: coding.parts.slice(0, state.revealedParts), starter: coding.starter } } : {}),
    ...(question?.exercise && state.phase !== 'intro' ? { workspace: true } : {}),
    ...(question?.project && state.phase !== 'intro' ? { project: question.project.kind } : {}),
    draft: state.draft,
    round: state.round,
    answer: state.answer,
    messages: state.messages,
    undoUntil: state.undo && canUndo(state, now) ? state.undo.until : null,
    ...(designPhase ? { designPhase } : {}),
    now,
  };
}

export function summaryView(record: SessionRecord, state: EngineState, now: number): RoundSummaryView {
  const questions: QuestionSummary[] = state.questions.flatMap((question, index) => {
    const turns = state.turns.filter((t) => t.questionIndex === index);
    if (turns.length === 0) return [];
    const answered = turns.filter((t) => t.status === 'answered' && t.answer);
    const allText = answered.map((t) => t.answer ?? '').join('\n');
    return [
      {
        questionId: question.id,
        prompt: question.prompt,
        skipped: answered.length === 0,
        answers: answered.map((t) => ({
          kind: t.kind,
          prompt: t.prompt,
          text: t.answer ?? '',
          elapsedMs: t.elapsedMs,
          budgetMs: t.budgetMs,
        })),
        timeUsedMs: turns.reduce((sum, t) => sum + t.elapsedMs, 0),
        budgetMs: question.answerMinutes * 60_000,
        coverage: rubricCoverage(allText, question.rubric),
        outline: question.outline,
        pitfalls: question.pitfalls,
      },
    ];
  });
  return {
    sessionId: record.sessionId,
    roleId: record.roleId,
    roundId: record.roundId,
    roleTitle: record.roleTitle,
    roundTitle: record.roundTitle,
    roundKind: record.roundKind as RoundKind,
    startedAt: record.createdAt,
    endedAt: record.endedAt,
    roundElapsedMs: elapsed(state.round, now),
    roundBudgetMs: state.round.budgetMs,
    questions,
    record: roundRecord(state),
  };
}
