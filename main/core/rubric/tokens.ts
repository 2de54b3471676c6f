/** A word of a transcript with where it came from, so evidence can be quoted back exactly. */
import { stem } from './stem.js';

export interface Token {
  word: string;
  stem: string;
  start: number;
  end: number;
}

/**
 * A number keeps its thousands separators and decimals ("3,000", "99.9"), so it is one word and
 * never "3" and "000"; anything else is a run of letters and digits, with an apostrophe part.
 */
const WORD =
  /\p{N}{1,3}(?:,\p{N}{3})+(?:\.\p{N}+)?(?![\p{L}\p{N}])|\p{N}+\.\p{N}+(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase().replace(/’/g, "'");
    // A possessive is its noun: "the cache's hit rate" evidences "cache".
    tokens.push({ word, stem: stem(word.replace(/'s$/, '')), start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}
