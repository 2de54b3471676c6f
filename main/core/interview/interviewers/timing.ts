/**
 * The timing rules every interviewer follows. The scripted interviewer decides by them; the LLM
 * interviewer's grammar only offers what they allow, and its choices are held to them again.
 *
 * Two kinds of round: a question round (behavioral, coding...) asks a few questions with a capped
 * number of follow-ups each; a phase-timed round (system design: the round has phases) explores
 * one problem for the whole round, so follow-ups are paced by the phases and the round clock,
 * not counted, and the interviewer wraps up when the clock says so.
 */
import type { Round } from '../../../../content/schema.js';
import type { DecisionContext } from './types.js';

/** Time kept back at the end of a round for "do you have any questions for me?". */
export const WRAP_UP_RESERVE_MS = 3 * 60_000;

/** The least time worth asking a follow-up in: a short answer and the interviewer's reply. */
export const FOLLOW_UP_MIN_MS = 2 * 60_000;

/** A round explored phase by phase (system design with phases in its pack data). */
export function isPhaseTimed(round: Pick<Round, 'phases'>): boolean {
  return (round.phases?.length ?? 0) > 0;
}

/** Whether the round clock leaves room for another follow-up before the wrap-up reserve. */
export function timeForFollowUp(context: Pick<DecisionContext, 'roundRemainingMs'>): boolean {
  return context.roundRemainingMs > WRAP_UP_RESERVE_MS + FOLLOW_UP_MIN_MS;
}

/** Another follow-up on this question: time for it, and (in a question round) one left under the cap. */
export function followUpAllowed(context: DecisionContext): boolean {
  if (!timeForFollowUp(context)) return false;
  return isPhaseTimed(context.round) || context.followUpsAsked < context.maxFollowUps;
}

/** Move on only if the next question fits; otherwise wrap up gracefully rather than cut it short. */
export function nextQuestionAllowed(context: DecisionContext): boolean {
  const nextNeedsMs = (context.nextQuestionMinutes ?? 0) * 60_000 * 0.5;
  return context.questionsLeft > 0 && context.roundRemainingMs - WRAP_UP_RESERVE_MS >= nextNeedsMs;
}

/**
 * Whether the interviewer may leave this question (next question or wrap-up) by choice. A
 * phase-timed round goes on while the clock has room for a follow-up: the wrap-up comes when
 * the time says so. (The scripted interviewer still wraps up early when it has nothing left to
 * ask at all, and says how much time is left when it does.)
 */
export function moveOnAllowed(context: DecisionContext): boolean {
  return !isPhaseTimed(context.round) || !timeForFollowUp(context);
}

/** The actions an interviewer may choose after this answer. */
export interface AllowedActions {
  followUp: boolean;
  /** Moving on means the next question when this is true, otherwise the wrap-up. */
  nextQuestion: boolean;
  moveOn: boolean;
}

export function allowedActions(context: DecisionContext): AllowedActions {
  return {
    followUp: followUpAllowed(context),
    nextQuestion: nextQuestionAllowed(context),
    moveOn: moveOnAllowed(context),
  };
}

/**
 * Time left as spoken, from the clock itself ("about 40 minutes"), so a line never says "a few
 * minutes" with forty left.
 */
export function timeLeftWords(remainingMs: number): string {
  if (remainingMs < 30_000) return 'less than a minute';
  const minutes = Math.round(remainingMs / 60_000);
  return minutes <= 1 ? 'about a minute' : `about ${minutes} minutes`;
}
