/**
 * A cheap gate on what a language model wrote: does it read as English sentences, or as token
 * soup? A damaged or unsuitable model (the random-weights test model is one) writes mixed
 * scripts, glued word pieces and almost no function words; showing that as a follow-up question
 * or as feedback with a "hire signal" would be worse than the scripted interviewer and the rules.
 */
import { tokenize } from './tokens.js';

/** Function words: English prose is 30–50% these, even a terse question has one or two. */
const FUNCTION_WORDS = new Set(
  `the a an and or but so to of in on at for with from by as is was are were be been it its it's that this these those
  i we you they he she my our your their me us them do did does have has had not can could would will should what how
  when why which who whom where because if then there about just also any all more than into out up no yes`.split(
    /\s+/,
  ),
);

export interface SensibleVerdict {
  ok: boolean;
  /** Why not, for the log. */
  reason?: string;
}

export function sensibleEnglish(text: string): SensibleVerdict {
  const raw = text.trim();
  if (!raw) return { ok: false, reason: 'empty' };
  const letters = [...raw].filter((c) => /\p{L}/u.test(c));
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c));
  if (letters.length > 0 && latin.length < letters.length * 0.9) return { ok: false, reason: 'mixed scripts' };
  const pieces = raw.split(/\s+/).filter((p) => /\p{L}/u.test(p));
  // "hiddenSpell", "organisation girlsdisk": lower-case then upper-case inside one word, or letters glued to symbols.
  const glued = pieces.filter((p) => /\p{Ll}\p{Lu}/u.test(p) || /\p{L}[(){}<>*\\|^~]+\p{L}/u.test(p)).length;
  if (pieces.length >= 4 && glued / pieces.length > 0.15) return { ok: false, reason: 'glued word pieces' };
  const words = tokenize(raw).map((t) => t.word);
  // Too short to judge by word counts ("Why?", "Go on."): the script check above is all there is.
  if (words.length < 4) return { ok: true };
  const common = words.filter((w) => FUNCTION_WORDS.has(w)).length;
  if (common / words.length < 0.12) return { ok: false, reason: 'almost no English function words' };
  return { ok: true };
}

/** Several texts judged together (a judgement's reasons, strengths and improvement). */
export function sensibleEnglishAll(texts: readonly string[]): SensibleVerdict {
  const joined = texts.filter((t) => t.trim()).join('. ');
  return joined ? sensibleEnglish(joined) : { ok: true };
}
