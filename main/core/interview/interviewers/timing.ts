/**
 * The timing rules every interviewer follows. The scripted interviewer decides by them; the LLM
 * interviewer's grammar only offers what they allow, and its choices are held to them again.
 */
import type { DecisionContext } from './types.js';

/** Time kept back at the end of a round for "do you have any questions for me?". */
export const WRAP_UP_RESERVE_MS = 3 * 60_000;

/** The timing rules every interviewer follows (the LLM interviewer's choices are held to them too). */
export function followUpAllowed(context: DecisionContext): boolean {
  const timeForAnotherFollowUp = context.roundRemainingMs > WRAP_UP_RESERVE_MS + 2 * 60_000;
  return context.followUpsAsked < context.maxFollowUps && timeForAnotherFollowUp;
}

/** Move on only if the next question fits; otherwise wrap up gracefully rather than cut it short. */
export function nextQuestionAllowed(context: DecisionContext): boolean {
  const nextNeedsMs = (context.nextQuestionMinutes ?? 0) * 60_000 * 0.5;
  return context.questionsLeft > 0 && context.roundRemainingMs - WRAP_UP_RESERVE_MS >= nextNeedsMs;
}
