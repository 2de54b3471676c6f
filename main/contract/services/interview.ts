import { z } from 'zod';
import type { RoundKind } from '../../../content/schema.js';
import { method } from '../define.js';
import type { RoundRecord } from '../format.js';

export const PHASES = ['intro', 'question', 'answering', 'deciding', 'wrap_up', 'summary'] as const;
export type Phase = (typeof PHASES)[number];

export type Speaker = 'interviewer' | 'candidate';
export type MessageKind =
  | 'intro'
  | 'question'
  | 'follow_up'
  | 'answer'
  | 'transition'
  | 'repeat'
  | 'clarify_question'
  | 'clarify_answer'
  | 'nudge'
  | 'skip'
  | 'wrap_up'
  | 'candidate_question'
  | 'candidate_answer'
  | 'closing'
  /** A workspace question's next part appeared. */
  | 'part';

export interface ConversationMessage {
  id: number;
  speaker: Speaker;
  kind: MessageKind;
  text: string;
  at: number;
}

/**
 * Clocks as timestamps: the UI renders countdowns from them, core stays authoritative.
 * remaining = budgetMs - (elapsedMs + (runningSince ? now - runningSince : 0)).
 */
export interface ClockView {
  budgetMs: number;
  elapsedMs: number;
  runningSince: number | null;
}

export interface InterviewView {
  sessionId: string;
  roleId: string;
  roleTitle: string;
  company?: string;
  roundTitle: string;
  roundKind: RoundKind;
  interviewer: 'scripted' | 'llm';
  phase: Phase;
  paused: boolean;
  questionNumber: number;
  questionCount: number;
  /** What the interviewer is currently asking (question or follow-up), for the big panel. */
  currentPrompt: string;
  /** Coding questions reveal their parts one by one; starter code is shown, never the solution. */
  coding?: { parts: string[]; starter: { javascript: string; python: string } };
  /** The current question is worked in the editor (workspace.open has its files and parts). */
  workspace?: boolean;
  /** The current question is worked in a project workspace (project.open has its files). */
  project?: 'bug_bash' | 'integration';
  draft: string;
  round: ClockView;
  answer: ClockView | null;
  messages: ConversationMessage[];
  /** Until when (server time) the last answer can be taken back with `undoAnswer`; null when it cannot. */
  undoUntil: number | null;
  /** Phase-timed rounds (system design): the phase the interviewer is in (until the summary). */
  designPhase?: DesignPhaseView;
  /** Server time when this view was made, so countdowns agree even if clocks differ. */
  now: number;
}

/**
 * A design round's current phase. The phase changes when the interviewer moves on (after an
 * answer), so the screen counts the time box down from `startedAtMs` on the round clock and
 * says when it is used rather than guessing the next move.
 */
export interface DesignPhaseView {
  id: string;
  title: string;
  /** 1-based position among `plan`. */
  number: number;
  /** The time box, and the round time (pauses excluded) when the phase started. */
  boxMs: number;
  startedAtMs: number;
  /** The next phase's title; null in the last phase, which goes on until the wrap-up. */
  next: string | null;
  /** Every phase of the round with its time box, in order. */
  plan: { id: string; title: string; minutes: number }[];
}

export interface RubricCoverageView {
  id: string;
  point: string;
  covered: boolean;
  /** Words from the answer that evidenced the point. */
  evidence: string[];
  /** The sentence that mentions it, as said; null when none does. Rule feedback says "mentioned", never "covered". */
  quote: string | null;
}

export interface QuestionSummary {
  questionId: string;
  prompt: string;
  skipped: boolean;
  answers: { kind: 'question' | 'follow_up'; prompt: string; text: string; elapsedMs: number; budgetMs: number }[];
  timeUsedMs: number;
  budgetMs: number;
  coverage: RubricCoverageView[];
  outline: string[];
  pitfalls: string[];
}

export interface RoundSummaryView {
  sessionId: string;
  roleId: string;
  roundId: string;
  roleTitle: string;
  roundTitle: string;
  roundKind: RoundKind;
  startedAt: number;
  endedAt: number | null;
  roundElapsedMs: number;
  roundBudgetMs: number;
  questions: QuestionSummary[];
  /** Answered of planned questions, and whether the round was ended early. */
  record: RoundRecord;
}

export interface InterruptedSession {
  sessionId: string;
  roleTitle: string;
  roundTitle: string;
  updatedAt: number;
  questionNumber: number;
  questionCount: number;
}

export const MAX_ANSWER_CHARS = 200_000;

const session = z.object({ sessionId: z.string().min(1).max(100) });
const text = z.string().max(MAX_ANSWER_CHARS);

export const interviewContract = {
  start: method(
    z.object({
      roleId: z.string().min(1),
      roundId: z.string().min(1),
      /** Practice exactly these questions (e.g. "practice this question again"). */
      questionIds: z.array(z.string().min(1)).max(20).optional(),
      seed: z.number().int().optional(),
    }),
  ).returns<InterviewView>(),
  get: method(session).returns<InterviewView>(),
  /** Leaves the intro and asks the first question. */
  begin: method(session).returns<InterviewView>(),
  startAnswer: method(session).returns<InterviewView>(),
  saveDraft: method(session.extend({ text })).returns<{ savedAt: number }>(),
  /** A blank answer is not recorded: the interviewer nudges instead. */
  submitAnswer: method(session.extend({ text })).returns<InterviewView>(),
  /**
   * Takes the last answer back for a few seconds after it was submitted: the interviewer's
   * decision is discarded and the answer is back in the box. Does nothing once too late.
   */
  undoAnswer: method(session).returns<InterviewView>(),
  repeat: method(session).returns<InterviewView>(),
  clarify: method(session.extend({ text: z.string().min(1).max(2000) })).returns<InterviewView>(),
  skip: method(session).returns<InterviewView>(),
  pause: method(session).returns<InterviewView>(),
  resume: method(session).returns<InterviewView>(),
  endRound: method(session).returns<InterviewView>(),
  /** During wrap-up: "do you have any questions for me?" */
  askInterviewer: method(session.extend({ text: z.string().min(1).max(2000) })).returns<InterviewView>(),
  finish: method(session).returns<InterviewView>(),
  summary: method(session).returns<RoundSummaryView>(),
  interrupted: method(z.undefined()).returns<InterruptedSession[]>(),
  /** Finish an interrupted session as it is. */
  abandon: method(session).returns<{ sessionId: string }>(),
};
