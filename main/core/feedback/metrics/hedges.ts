/**
 * Hedging: phrases that make a confident answer sound unsure. A few are fine; many make the
 * interviewer wonder whether the candidate believes their own answer. "kind of" and "sort of"
 * are counted as fillers, not here, so nothing is counted twice.
 */
import { findPhrases, type PhraseHit } from './phrases.js';
import type { Word } from './transcript.js';

export const HEDGES = [
  "i'm not sure",
  'i am not sure',
  'not sure',
  'i guess',
  'i think',
  'i suppose',
  'i feel like',
  "i'd say",
  'not an expert',
  'maybe',
  'perhaps',
  'probably',
  'possibly',
  'might',
  'hopefully',
  'somewhat',
  'more or less',
] as const;

export function findHedges(words: readonly Word[]): PhraseHit[] {
  return findPhrases(words, HEDGES);
}
