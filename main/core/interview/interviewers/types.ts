import type { Question, Role, Round } from '../../../../content/schema.js';
import type { BoardDescription, DesignNotes } from '../../../contract/services/board.js';
import type { WorkspaceLook } from '../../workspace/interviewer-look.js';

/** What the interviewer knows when deciding what to say after an answer. */
export interface DecisionContext {
  role: Role;
  round: Round;
  question: Question;
  /** All answers to this question so far (main answer first, then follow-ups), newest last. */
  answers: string[];
  /** Follow-up prompts already asked for this question. */
  askedFollowUps: string[];
  followUpsAsked: number;
  maxFollowUps: number;
  /** Coding parts already revealed (1 = only the first). */
  revealedParts: number;
  roundRemainingMs: number;
  /** Questions still to come after this one. */
  questionsLeft: number;
  /** Minutes the next question needs, if there is one. */
  nextQuestionMinutes: number | null;
  /** A coding question worked in the editor: what the interviewer sees of the work. */
  workspace?: WorkspaceLook;
  /** Round time used so far (pauses excluded), for the design round's phases. */
  roundElapsedMs?: number;
  /** Design rounds: the whiteboard and notes as they were when the answer came in. */
  board?: BoardLook;
  /** Phase-timed rounds: the phase of the last follow-up asked (none before the first). */
  designPhase?: PhaseMark;
}

/** The phase a design follow-up was asked in, and the round time when that phase started. */
export interface PhaseMark {
  id: string;
  startedAtMs: number;
}

/** What the interviewer sees of the whiteboard after an answer. */
export interface BoardLook {
  description: BoardDescription;
  /** The whole board as text. */
  text: string;
  /** What changed since the previous look (the whole board on the first). */
  update: string;
  notes: DesignNotes;
}

export type DecisionAction = 'follow_up' | 'next_question' | 'wrap_up';

export interface Decision {
  action: DecisionAction;
  /** The follow-up as spoken, when action is follow_up. */
  followUp?: string;
  /** The rubric point the follow-up probes, if any. */
  probes?: string;
  /** True when the follow-up reveals the next part of a coding question. */
  revealsPart?: boolean;
  /** Not counted against the follow-up limit (the interviewer keeps a workspace question open). */
  uncounted?: boolean;
  /** A short spoken transition before the next question or the wrap-up (or a new design phase's follow-up). */
  transition?: string;
  /** Phase-timed rounds: the phase the follow-up belongs to, recorded on its turn. */
  designPhase?: PhaseMark;
  coveredRubricIds: string[];
}

export interface InterviewerCallbacks {
  /** Text as it is produced, for a streaming display. */
  onToken?: (text: string) => void;
  signal?: AbortSignal;
}

/**
 * The interviewer's side of the conversation. The scripted interviewer is pure rules; the LLM
 * interviewer implements the same methods and falls back to the scripted one on any failure.
 */
export interface Interviewer {
  readonly kind: 'scripted' | 'llm';
  decide(context: DecisionContext, callbacks?: InterviewerCallbacks): Promise<Decision>;
  /**
   * The answer in `context` may be complete (the candidate fell silent and the transcript caught
   * up): start deciding now, so a decide() with the same context finds the reply under way.
   * A hint: never fails, and a later draft or decision with other text cancels it.
   */
  prepare?(context: DecisionContext): void;
  /** The candidate started speaking again: stop a reply prepare() started. A hint: never fails. */
  holdBack?(): void;
  /**
   * The candidate took `answer` back (undo): forget the decision made on it, if one was recorded.
   * A hint: never fails.
   */
  takeBack?(context: { role: Role; round: Round; answer: string }): void;
  clarify(
    context: { role: Role; round: Round; question: Question; candidateQuestion: string },
    callbacks?: InterviewerCallbacks,
  ): Promise<string>;
  answerCandidateQuestion(
    context: { role: Role; candidateQuestion: string },
    callbacks?: InterviewerCallbacks,
  ): Promise<string>;
}
