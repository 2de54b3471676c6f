/**
 * The interview as pure state transitions: (state, input, now) -> state. No I/O, no clock of
 * its own; the service persists every returned state, so any state can be resumed.
 *
 * Over 300 lines: One pure state machine: every transition reads and writes the same EngineState,
 * so the transitions stay together (state decoding, timing rules and plans have their own files).
 */
import type { FollowUp, Language, Question, RubricPoint } from '../../../content/schema.js';
import type { ConversationMessage, MessageKind, Phase, Speaker } from '../../contract/services/interview.js';
import { exerciseSpec, withoutReferences, type PlannedExercise } from '../exercise/spec.js';
import { checkpointClock, elapsed, resumeClock, startClock, stopClock, type Clock } from './clock.js';
import type { Decision, PhaseMark } from './interviewers/types.js';

/** A question as it was when asked: old sessions keep working when a role pack changes. */
export interface PlannedQuestion {
  id: string;
  prompt: string;
  answerMinutes: number;
  rubric: RubricPoint[];
  followUps: FollowUp[];
  outline: string[];
  pitfalls: string[];
  coding?: { parts: string[]; starter: { javascript: string; python: string } };
  /** Worked in the editor: parts revealed one at a time, tests run by the runner (no references). */
  exercise?: PlannedExercise;
  /** Worked in a project workspace (bug bash, integration); files and hidden tests stay in the pack. */
  project?: PlannedProject;
}

export interface PlannedProject {
  kind: 'bug_bash' | 'integration';
  partCount: number;
}

export type TurnKind = 'question' | 'follow_up';
export type TurnStatus = 'asked' | 'answering' | 'answered' | 'skipped';

export interface TurnRecord {
  seq: number;
  questionIndex: number;
  questionId: string;
  kind: TurnKind;
  prompt: string;
  probes?: string;
  status: TurnStatus;
  budgetMs: number;
  askedAt: number;
  /** Round time (pauses and downtime excluded) when asked: answering straight away counts from here. */
  askedAtRoundMs?: number;
  answerStartedAt?: number;
  answerEndedAt?: number;
  elapsedMs: number;
  answer?: string;
  /** Phase-timed rounds: the design phase this follow-up was asked in. */
  designPhase?: PhaseMark;
}

export interface EngineState {
  v: 1;
  phase: Phase;
  paused: boolean;
  questions: PlannedQuestion[];
  index: number;
  followUpsAsked: number;
  maxFollowUps: number;
  revealedParts: number;
  round: Clock;
  answer: Clock | null;
  draft: string;
  turns: TurnRecord[];
  messages: ConversationMessage[];
  /** The last submitted answer, which can be taken back until `until` (see undoAnswer). */
  undo?: UndoRecord;
}

/** What taking an answer back restores: the turn and counters as they were just before "Done". */
export interface UndoRecord {
  turn: TurnRecord;
  /** The candidate's answer message; it and everything said after it go. */
  answerMessageId: number;
  index: number;
  followUpsAsked: number;
  revealedParts: number;
  /** The answer clock as it stood at the submit (stopped). */
  answer: Clock;
  until: number;
}

/** How long a submitted answer can be taken back: long enough to notice a slip, short enough to stay honest. */
export const UNDO_WINDOW_MS = 10_000;

/** `languages`: those the question's references were proven in (content checks), for its workspace. */
export function toPlannedQuestion(q: Question, languages: readonly Language[] = []): PlannedQuestion {
  const spec = exerciseSpec(q);
  return {
    id: q.id,
    prompt: q.prompt,
    answerMinutes: q.answerMinutes,
    rubric: q.rubric,
    followUps: q.followUps,
    outline: q.outline,
    pitfalls: q.pitfalls,
    ...(q.coding ? { coding: { parts: q.coding.parts, starter: q.coding.starter } } : {}),
    ...(spec ? { exercise: withoutReferences(spec, languages) } : {}),
    ...(q.bugBash ? { project: { kind: 'bug_bash' as const, partCount: 1 } } : {}),
    ...(q.integration ? { project: { kind: 'integration' as const, partCount: q.integration.parts.length } } : {}),
  };
}

export function createState(input: {
  questions: PlannedQuestion[];
  intro: string;
  roundMinutes: number;
  maxFollowUps: number;
  now: number;
}): EngineState {
  const state: EngineState = {
    v: 1,
    phase: 'intro',
    paused: false,
    questions: input.questions,
    index: 0,
    followUpsAsked: 0,
    maxFollowUps: input.maxFollowUps,
    revealedParts: 1,
    round: { budgetMs: input.roundMinutes * 60_000, elapsedMs: 0, runningSince: null },
    answer: null,
    draft: '',
    turns: [],
    messages: [],
  };
  return say(state, 'interviewer', 'intro', input.intro, input.now);
}

export function currentQuestion(state: EngineState): PlannedQuestion | undefined {
  return state.questions[state.index];
}

export function currentTurn(state: EngineState): TurnRecord | undefined {
  return state.turns.at(-1);
}

function say(state: EngineState, speaker: Speaker, kind: MessageKind, text: string, now: number): EngineState {
  const id = (state.messages.at(-1)?.id ?? 0) + 1;
  return { ...state, messages: [...state.messages, { id, speaker, kind, text, at: now }] };
}

function followUpBudgetMs(question: PlannedQuestion): number {
  return Math.max(60_000, Math.round((question.answerMinutes * 60_000) / 3));
}

function ask(
  state: EngineState,
  kind: TurnKind,
  prompt: string,
  now: number,
  extra: Pick<TurnRecord, 'probes' | 'designPhase'> = {},
): EngineState {
  const question = currentQuestion(state);
  if (!question) return state;
  const turn: TurnRecord = {
    seq: state.turns.length + 1,
    questionIndex: state.index,
    questionId: question.id,
    kind,
    prompt,
    ...(extra.probes ? { probes: extra.probes } : {}),
    ...(extra.designPhase ? { designPhase: extra.designPhase } : {}),
    status: 'asked',
    budgetMs: kind === 'question' ? question.answerMinutes * 60_000 : followUpBudgetMs(question),
    askedAt: now,
    askedAtRoundMs: elapsed(state.round, now),
    elapsedMs: 0,
  };
  const next: EngineState = { ...state, phase: 'question', answer: null, draft: '', turns: [...state.turns, turn] };
  return say(next, 'interviewer', kind, prompt, now);
}

function updateCurrentTurn(state: EngineState, patch: Partial<TurnRecord>): EngineState {
  const turn = currentTurn(state);
  if (!turn) return state;
  return { ...state, turns: [...state.turns.slice(0, -1), { ...turn, ...patch }] };
}

const canAct = (state: EngineState, ...phases: Phase[]) => !state.paused && phases.includes(state.phase);

/** Leaves the intro: the round clock starts and the first question is asked. */
export function begin(state: EngineState, now: number): EngineState {
  if (!canAct(state, 'intro')) return state;
  const question = currentQuestion(state);
  const started = { ...state, round: startClock(state.round.budgetMs, now) };
  if (!question) return wrapUp(started, "It looks like there are no questions for this round. Let's stop here.", now);
  return ask(started, 'question', question.prompt, now);
}

export function startAnswer(state: EngineState, now: number): EngineState {
  if (!canAct(state, 'question')) return state;
  const turn = currentTurn(state);
  if (!turn) return state;
  return updateCurrentTurn(
    { ...state, phase: 'answering', answer: startClock(turn.budgetMs, now) },
    { status: 'answering', answerStartedAt: now },
  );
}

export function setDraft(state: EngineState, text: string, now: number): EngineState {
  return checkpoint({ ...state, draft: text }, now);
}

export function isBlankAnswer(text: string): boolean {
  return text.trim().length === 0;
}

export const NUDGE =
  "Take your time — there's no need for a perfect answer. Give it a try, even a rough outline is a good start.";

/**
 * The candidate is done. A blank answer is not recorded: the interviewer nudges instead.
 * Answering straight from the question phase counts from when the question was asked.
 */
export function submitAnswer(state: EngineState, text: string, now: number): EngineState {
  if (!canAct(state, 'question', 'answering')) return state;
  if (isBlankAnswer(text)) return say(state, 'interviewer', 'nudge', NUDGE, now);
  const turn = currentTurn(state);
  if (!turn) return state;
  const answerClock = state.answer
    ? stopClock(state.answer, now)
    : { budgetMs: turn.budgetMs, elapsedMs: sinceAsked(state, turn, now), runningSince: null };
  const answerStartedAt = turn.answerStartedAt ?? turn.askedAt;
  const next = updateCurrentTurn(
    { ...state, phase: 'deciding', answer: answerClock, draft: '' },
    { status: 'answered', answer: text, answerStartedAt, answerEndedAt: now, elapsedMs: answerClock.elapsedMs },
  );
  const said = say(next, 'candidate', 'answer', text, now);
  const undo: UndoRecord = {
    turn: { ...turn, status: 'answering', answerStartedAt },
    answerMessageId: said.messages.at(-1)?.id ?? 0,
    index: state.index,
    followUpsAsked: state.followUpsAsked,
    revealedParts: state.revealedParts,
    answer: answerClock,
    until: now + UNDO_WINDOW_MS,
  };
  return { ...said, undo };
}

/**
 * Whether the last answer can still be taken back: within the window, not paused, and the
 * candidate has done nothing since (started the next answer, asked, skipped); the interviewer
 * may have decided meanwhile — that decision is what undo throws away.
 */
export function canUndo(state: EngineState, now: number): boolean {
  const undo = state.undo;
  if (!undo || state.paused || now > undo.until) return false;
  if (state.phase !== 'deciding' && state.phase !== 'question' && state.phase !== 'wrap_up') return false;
  const last = currentTurn(state);
  if (!last || (last.seq !== undo.turn.seq && last.status !== 'asked')) return false;
  if (state.draft.trim()) return false;
  const after = state.messages.filter((m) => m.id > undo.answerMessageId);
  return state.messages.some((m) => m.id === undo.answerMessageId) && after.every((m) => m.speaker === 'interviewer');
}

/**
 * Takes the last answer back in one step: the interviewer's decision (follow-up, next question
 * or wrap-up) is discarded and the candidate is answering again with their text in the box and
 * the answer clock running on from where it stopped.
 */
export function undoAnswer(state: EngineState, now: number): EngineState {
  const undo = state.undo;
  if (!undo || !canUndo(state, now)) return state;
  const { undo: _taken, ...rest } = state;
  return {
    ...rest,
    phase: 'answering',
    index: undo.index,
    followUpsAsked: undo.followUpsAsked,
    revealedParts: undo.revealedParts,
    answer: resumeClock(undo.answer, now),
    draft: state.turns.find((t) => t.seq === undo.turn.seq)?.answer ?? '',
    turns: [...state.turns.filter((t) => t.seq < undo.turn.seq), undo.turn],
    messages: state.messages.filter((m) => m.id < undo.answerMessageId),
  };
}

/** Time since the turn was asked, by the round clock so that pauses and a crash's downtime do not count. */
function sinceAsked(state: EngineState, turn: TurnRecord, now: number): number {
  if (turn.askedAtRoundMs === undefined) return Math.max(0, now - turn.askedAt);
  return Math.max(0, elapsed(state.round, now) - turn.askedAtRoundMs);
}

/** The interviewer's decision after an answer: a follow-up, the next question, or the wrap-up. */
export function applyDecision(state: EngineState, decision: Decision, now: number): EngineState {
  if (!canAct(state, 'deciding')) return state;
  if (decision.action === 'follow_up' && decision.followUp) {
    let next: EngineState = {
      ...state,
      followUpsAsked: state.followUpsAsked + (decision.uncounted ? 0 : 1),
      revealedParts: state.revealedParts + (decision.revealsPart ? 1 : 0),
    };
    // A design round's new phase is announced before its first follow-up.
    if (decision.transition) next = say(next, 'interviewer', 'transition', decision.transition, now);
    return ask(next, 'follow_up', decision.followUp, now, {
      ...(decision.probes ? { probes: decision.probes } : {}),
      ...(decision.designPhase ? { designPhase: decision.designPhase } : {}),
    });
  }
  // A follow-up without text (a model can produce one) moves on rather than ending the round.
  const movesOn = decision.action === 'next_question' || decision.action === 'follow_up';
  if (movesOn && state.index + 1 < state.questions.length) {
    return nextQuestion(state, decision.transition, now);
  }
  return wrapUp(state, decision.transition, now);
}

function nextQuestion(state: EngineState, transition: string | undefined, now: number): EngineState {
  let next: EngineState = { ...state, index: state.index + 1, followUpsAsked: 0, revealedParts: 1, answer: null };
  if (transition) next = say(next, 'interviewer', 'transition', transition, now);
  const question = currentQuestion(next);
  return question ? ask(next, 'question', question.prompt, now) : wrapUp(next, undefined, now);
}

const DEFAULT_WRAP_UP = "That's the end of my questions. Before we finish — do you have any questions for me?";

function wrapUp(state: EngineState, text: string | undefined, now: number): EngineState {
  return say(
    { ...state, phase: 'wrap_up', answer: null, draft: '' },
    'interviewer',
    'wrap_up',
    text ?? DEFAULT_WRAP_UP,
    now,
  );
}

export function repeatQuestion(state: EngineState, now: number): EngineState {
  if (!canAct(state, 'question', 'answering')) return state;
  const turn = currentTurn(state);
  return turn ? say(state, 'interviewer', 'repeat', `Sure. ${turn.prompt}`, now) : state;
}

export function clarify(state: EngineState, candidateQuestion: string, reply: string, now: number): EngineState {
  if (!canAct(state, 'question', 'answering')) return state;
  return say(
    say(state, 'candidate', 'clarify_question', candidateQuestion, now),
    'interviewer',
    'clarify_answer',
    reply,
    now,
  );
}

/** Skipping records the question as skipped and moves on; it is not an answer. */
export function skip(state: EngineState, now: number): EngineState {
  if (!canAct(state, 'question', 'answering')) return state;
  let next = updateCurrentTurn(state, {
    status: 'skipped',
    answerEndedAt: now,
    elapsedMs: state.answer ? stopClock(state.answer, now).elapsedMs : 0,
  });
  next = say(next, 'candidate', 'skip', 'Skipped.', now);
  return state.index + 1 < state.questions.length
    ? nextQuestion(next, "No problem, let's move on.", now)
    : wrapUp(next, undefined, now);
}

/**
 * A design round's follow-up skipped: recorded as skipped like any skip, and the interviewer
 * decides what to ask instead (the round is one problem; skipping a follow-up does not end it).
 */
export function skipFollowUp(state: EngineState, now: number): EngineState {
  const turn = currentTurn(state);
  if (!canAct(state, 'question', 'answering') || turn?.kind !== 'follow_up') return state;
  const next = updateCurrentTurn(
    { ...state, phase: 'deciding', answer: state.answer && stopClock(state.answer, now), draft: '' },
    { status: 'skipped', answerEndedAt: now, elapsedMs: state.answer ? stopClock(state.answer, now).elapsedMs : 0 },
  );
  return say(next, 'candidate', 'skip', 'Skipped.', now);
}

export function pause(state: EngineState, now: number): EngineState {
  if (state.paused || state.phase === 'summary' || state.phase === 'intro') return state;
  return {
    ...state,
    paused: true,
    round: stopClock(state.round, now),
    answer: state.answer && stopClock(state.answer, now),
  };
}

export function resume(state: EngineState, now: number): EngineState {
  if (!state.paused) return state;
  return {
    ...state,
    paused: false,
    round: resumeClock(state.round, now),
    answer: state.answer && state.phase === 'answering' ? resumeClock(state.answer, now) : state.answer,
  };
}

export function askInterviewer(state: EngineState, candidateQuestion: string, reply: string, now: number): EngineState {
  if (!canAct(state, 'wrap_up')) return state;
  return say(
    say(state, 'candidate', 'candidate_question', candidateQuestion, now),
    'interviewer',
    'candidate_answer',
    reply,
    now,
  );
}

export const CLOSING = 'Thanks for your time today — that was a good conversation. Your summary is ready.';

/** Ends the round from any phase: clocks stop, an unanswered turn stays unanswered. */
export function finish(state: EngineState, now: number): EngineState {
  if (state.phase === 'summary') return state;
  const turn = currentTurn(state);
  let next: EngineState = {
    ...state,
    paused: false,
    phase: 'summary',
    round: stopClock(state.round, now),
    answer: state.answer && stopClock(state.answer, now),
  };
  if (turn && (turn.status === 'asked' || turn.status === 'answering')) {
    next = updateCurrentTurn(next, {
      status: 'skipped',
      answerEndedAt: now,
      // Like skip: the time spent on the unfinished answer counts.
      elapsedMs: turn.status === 'answering' && next.answer ? next.answer.elapsedMs : turn.elapsedMs,
      ...(state.draft.trim() ? { answer: state.draft } : {}),
    });
  }
  return say(next, 'interviewer', 'closing', CLOSING, now);
}

/**
 * The next part of a workspace question appears (its tests passed, or the candidate moved on).
 * Not a follow-up: it is not a turn and does not count against the follow-up limit.
 */
export function revealPart(state: EngineState, now: number): EngineState {
  const exercise = currentQuestion(state)?.exercise;
  if (state.paused || state.phase === 'summary' || state.phase === 'intro' || state.phase === 'wrap_up') return state;
  if (!exercise || state.revealedParts >= exercise.parts.length) return state;
  const part = exercise.parts[state.revealedParts]!;
  const next = { ...state, revealedParts: state.revealedParts + 1 };
  return say(next, 'interviewer', 'part', `Part ${part.index + 1}: ${part.title}. ${part.statement}`, now);
}

/** A project workspace's next part appeared (its hidden runs passed, or the candidate moved on). */
export function announcePart(state: EngineState, text: string, now: number): EngineState {
  if (state.paused || !['question', 'answering'].includes(state.phase)) return state;
  return say(state, 'interviewer', 'part', text, now);
}

/** Something the interviewer says unprompted while the candidate works (a trigger fired). */
export function remark(state: EngineState, text: string, now: number): EngineState {
  if (state.paused || !['question', 'answering'].includes(state.phase)) return state;
  return say(state, 'interviewer', 'nudge', text, now);
}

/**
 * The candidate is done with a workspace question (all parts passed, or they chose to stop):
 * the open turn is kept as answered with what they said (the code is stored beside it), and
 * the interviewer moves on.
 */
export function finishProblem(state: EngineState, transition: string, now: number): EngineState {
  if (!canAct(state, 'question', 'answering')) return state;
  const turn = currentTurn(state);
  if (!turn) return state;
  const elapsedMs = state.answer ? stopClock(state.answer, now).elapsedMs : sinceAsked(state, turn, now);
  const said = state.draft.trim();
  let next = updateCurrentTurn(
    { ...state, answer: null, draft: '' },
    {
      status: 'answered',
      answer: said || turn.answer || 'Worked on the problem in the editor.',
      answerStartedAt: turn.answerStartedAt ?? turn.askedAt,
      answerEndedAt: now,
      elapsedMs,
    },
  );
  if (said) next = say(next, 'candidate', 'answer', said, now);
  return state.index + 1 < state.questions.length ? nextQuestion(next, transition, now) : wrapUp(next, undefined, now);
}

/** Folds running clocks into elapsed so a saved snapshot is exact. */
export function checkpoint(state: EngineState, now: number): EngineState {
  return {
    ...state,
    round: checkpointClock(state.round, now),
    answer: state.answer && checkpointClock(state.answer, now),
  };
}

/**
 * After a crash the process is gone, so the time since the last checkpoint is unknown: the
 * session comes back paused with the elapsed time it had saved.
 */
export function recoverAfterCrash(state: EngineState): EngineState {
  if (state.phase === 'summary' || state.phase === 'intro') return state;
  const stopped = (c: Clock): Clock => ({ ...c, runningSince: null });
  return { ...state, paused: true, round: stopped(state.round), answer: state.answer && stopped(state.answer) };
}
