/** Finds fixed phrases in a word list, longest first, without overlaps and not across a sentence end. */
import type { Word } from './transcript.js';

export interface PhraseHit {
  phrase: string;
  start: number;
  end: number;
}

export function findPhrases(words: readonly Word[], phrases: readonly string[]): PhraseHit[] {
  const patterns = phrases
    .map((p) => ({ phrase: p, parts: p.split(' ') }))
    .sort((a, b) => b.parts.length - a.parts.length);
  const hits: PhraseHit[] = [];
  for (let i = 0; i < words.length; i++) {
    const found = patterns.find(({ parts }) =>
      parts.every((part, k) => words[i + k]?.word === part && (k === 0 || words[i + k]!.breakBefore !== 'sentence')),
    );
    if (!found) continue;
    hits.push({ phrase: found.phrase, start: words[i]!.start, end: words[i + found.parts.length - 1]!.end });
    i += found.parts.length - 1;
  }
  return hits;
}

export function countPhrases(hits: readonly PhraseHit[]): { phrase: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const h of hits) counts.set(h.phrase, (counts.get(h.phrase) ?? 0) + 1);
  // Code-point order, not localeCompare: the same output on every machine and locale.
  return [...counts]
    .map(([phrase, count]) => ({ phrase, count }))
    .sort((a, b) => b.count - a.count || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
}
