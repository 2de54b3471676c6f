/**
 * Answers the metrics cannot judge fairly: empty or a word or two, not in English, or mostly
 * fillers. They get flagged so the UI says so plainly, and the LLM judge is not asked to score
 * them (its scores would be noise).
 */
import type { AnswerFlag } from '../../../contract/services/feedback.js';
import type { Word } from './transcript.js';

export type { AnswerFlag };

/** Fewer words than this is not an answer that rubric coverage or a judge can say much about. */
export const MIN_WORDS = 5;

/** The commonest English words: real English prose is 30–50% these; other languages a few percent. */
const ENGLISH_FUNCTION_WORDS = new Set(
  `the a an and or but so to of in on at for with from by as is was are were be been it its it's that this i we you they he she
  my our your their me us them do did does have has had not can could would will what how when why which who because if then
  there about just also i'm we're don't didn't`.split(/\s+/),
);

export function answerFlags(words: readonly Word[], fillerWords: number): AnswerFlag[] {
  if (words.length === 0) return ['empty'];
  const flags: AnswerFlag[] = [];
  if (words.length < MIN_WORDS) flags.push('too_short');
  if (!looksEnglish(words)) flags.push('not_english');
  if (fillerWords * 2 >= words.length && words.length >= 2) flags.push('mostly_fillers');
  return flags;
}

export function looksEnglish(words: readonly Word[]): boolean {
  const text = words.map((w) => w.word).join('');
  const letters = [...text].filter((c) => /\p{L}/u.test(c));
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c));
  if (letters.length > 0 && latin.length * 2 < letters.length) return false;
  // Too few words to tell: give the benefit of the doubt.
  if (words.length < 6) return true;
  const common = words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w.word)).length;
  return common / words.length >= 0.12;
}

export const FLAG_MESSAGES: Record<AnswerFlag, string> = {
  empty: 'No answer was recorded, so there is nothing to measure.',
  too_short: `The answer is only a few words, too short for the rubric checks or a score to mean much. Try answering in full sentences.`,
  not_english:
    'This answer does not look like English. The rubric checks and filler counts only understand English, so treat them with care.',
  keyword_list:
    'This answer is a list of keywords, not sentences, so it mentions no rubric point. Say what each idea does and why: "I would … because …".',
  mostly_fillers:
    'Most of this answer is filler words ("um", "like", "you know"). Pause silently instead — silence sounds more confident than filler.',
};
