/**
 * Repetition: the same phrase said again and again ("at the end of the day"), and stutters
 * ("the the"). Phrases of three to six words that carry at least two content words are
 * counted, so "it was a" or "we need to" never show up.
 */
import type { Word } from './transcript.js';

const STOPWORDS = new Set(
  `a an the and or but so to of in on at for with from by as is was are were be been being it its it's that this these those
  i we you they he she me us them my our your their his her i'm we're you're they're i've we've i'd we'd i'll we'll
  do did does done have has had not no can could would should will just then there here what which who when where how
  if than too very really also um umm uh uhh er erm like know mean kind sort basically actually literally right yeah okay ok well
  about into out up down over all some any more most much many one get got going go went make made thing things way`.split(
    /\s+/,
  ),
);

/** Pairs that are correct English when doubled, and hesitations (already counted as fillers). */
const LEGIT_DOUBLES = new Set(['that', 'had', 'is', 'um', 'umm', 'uh', 'uhh', 'er', 'erm']);

const NUMBER = /^\p{N}[\p{N},.]*$/u;

export interface RepeatedPhrase {
  phrase: string;
  count: number;
}

function countOccurrences(words: readonly string[], n: number): Map<string, number[]> {
  const at = new Map<string, number[]>();
  for (let i = 0; i + n <= words.length; i++) {
    const key = words.slice(i, i + n).join(' ');
    const list = at.get(key) ?? [];
    // Non-overlapping occurrences only: "a a a a" is not four copies of "a a a".
    if (list.length === 0 || i >= list.at(-1)! + n) list.push(i);
    at.set(key, list);
  }
  return at;
}

export function repeatedPhrases(words: readonly Word[], minCount = 2): RepeatedPhrase[] {
  const plain = words.map((w) => w.word).filter((w) => !['um', 'umm', 'uh', 'uhh', 'er', 'erm'].includes(w));
  const found: RepeatedPhrase[] = [];
  for (let n = 6; n >= 3; n--) {
    for (const [phrase, positions] of countOccurrences(plain, n)) {
      if (positions.length < minCount) continue;
      // "3,000 rows per second … 9,000 rows per second": a unit after numbers, not a verbal habit.
      if (positions.every((p) => p > 0 && NUMBER.test(plain[p - 1]!))) continue;
      const content = phrase.split(' ').filter((w) => !STOPWORDS.has(w));
      if (content.length < 2) continue;
      // A longer phrase said as often already says it: "the cache is slow" hides "the cache is".
      if (found.some((f) => f.count === positions.length && ` ${f.phrase} `.includes(` ${phrase} `))) continue;
      found.push({ phrase, count: positions.length });
    }
  }
  return found.sort((a, b) => b.count - a.count || b.phrase.split(' ').length - a.phrase.split(' ').length).slice(0, 5);
}

/** "the the", "we we": the same word twice in a row inside a sentence. */
export function stutters(words: readonly Word[]): number {
  let count = 0;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (
      w.word === words[i - 1]!.word &&
      w.breakBefore !== 'sentence' &&
      !LEGIT_DOUBLES.has(w.word) &&
      !/^\d+$/.test(w.word)
    )
      count++;
  }
  return count;
}
