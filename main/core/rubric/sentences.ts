/**
 * Sentences of an answer, and whether they say something. Rule feedback takes evidence only from
 * a sentence that makes a statement (it has the small words that join a claim together), so a
 * list of keywords, however well chosen, evidences nothing.
 */
import { tokenize, type Token } from './tokens.js';

export interface Sentence {
  text: string;
  start: number;
  end: number;
  tokens: Token[];
}

/** Words that carry grammar rather than topic: prose is a third or more of them, a keyword list almost none. */
const FUNCTION_WORDS = new Set(
  (
    'a an the i we you he she they it its my our your their me us them this that these those ' +
    'is are was were be been being am do does did have has had will would can could should shall may might must ' +
    'to of in on at by for with from into onto over under about after before because so if then than when while ' +
    'where which who whom whose what how why and but or nor not no as also just there here each every all any ' +
    "some one both either neither up out down off again once only very too it's i'd we'd i'm we're i've we've " +
    "don't didn't doesn't can't won't wouldn't isn't aren't wasn't weren't let's"
  ).split(' '),
);

export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word);
}

/** Fewer words than this and a "sentence" is a label, not a statement. */
const MIN_STATEMENT_WORDS = 4;
/** A statement has at least this share of function words; "idempotency keys, retries, backoff" has none. */
const MIN_FUNCTION_SHARE = 0.12;

const SENTENCE_END = /(?<=[.!?])\s+|\n+/g;
/** A list item's marker is not part of what it says. */
const BULLET = /^(?:[-*•·]|\d+[.)])\s+/;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  const push = (end: number) => {
    const raw = text.slice(from, end);
    const trimmed = raw.trimStart();
    const bullet = BULLET.exec(trimmed)?.[0].length ?? 0;
    const lead = raw.length - trimmed.length + bullet;
    const body = trimmed.slice(bullet).trimEnd();
    if (body) {
      const start = from + lead;
      sentences.push({ text: body, start, end: start + body.length, tokens: tokenize(body) });
    }
  };
  for (const match of text.matchAll(SENTENCE_END)) {
    push(match.index);
    from = match.index + match[0].length;
  }
  push(text.length);
  return sentences;
}

function functionShare(tokens: readonly Token[]): number {
  if (tokens.length === 0) return 0;
  return tokens.filter((t) => isFunctionWord(t.word)).length / tokens.length;
}

/** A sentence that says something: enough words, and the words that make them a claim. */
export function isStatement(sentence: Sentence): boolean {
  return sentence.tokens.length >= MIN_STATEMENT_WORDS && functionShare(sentence.tokens) >= MIN_FUNCTION_SHARE;
}

/** Fewer words than this and an answer is too short to call a list; the "too short" flag covers it. */
const MIN_LIST_WORDS = 6;

/**
 * An answer that is mostly keywords: less than a third of its words are in sentences that make a
 * statement. Rule feedback flags it and evidences nothing from it.
 */
export function isKeywordList(text: string): boolean {
  const sentences = splitSentences(text);
  const words = sentences.reduce((n, s) => n + s.tokens.length, 0);
  if (words < MIN_LIST_WORDS) return false;
  const inStatements = sentences.filter(isStatement).reduce((n, s) => n + s.tokens.length, 0);
  return inStatements * 3 < words;
}
