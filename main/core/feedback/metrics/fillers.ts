/**
 * Filler words and phrases, with the context rules that keep meaning words out of the count:
 * "I like Postgres", "tools like Kafka", "a kind of index", "what I mean is", "do you know"
 * and "is that right?" are not fillers. When a rule cannot tell, the word is not counted —
 * an honest undercount is better than telling someone they said "like" when they did not.
 */
import { FILLER_KIND_NAMES } from '../../../contract/services/feedback.js';
import {
  ACTUALLY_LEADS,
  ARTICLES,
  AUXILIARIES,
  CLAUSE_STARTS,
  DETERMINERS,
  FILLER_LEADS,
  HESITATIONS,
  I_MEAN_MEANING_AFTER,
  I_MEAN_MEANING_BEFORE,
  LIKE_ADVERBS,
  LIKE_COMPARISON_BEFORE,
  LIKE_VERB_BEFORE,
  SUBJECTS,
  YOU_KNOW_MEANING_BEFORE,
  YOU_KNOW_OBJECT_AFTER,
} from './filler-words.js';
import type { Word } from './transcript.js';

export const FILLER_KINDS = FILLER_KIND_NAMES;
export type FillerKind = (typeof FILLER_KINDS)[number];

export interface FillerHit {
  kind: FillerKind;
  /** Character offsets in the text the words came from. */
  start: number;
  end: number;
  /** How many words the filler takes ("you know" is two). */
  words: number;
}

function isFillerLike(words: readonly Word[], i: number): boolean {
  const self = words[i]!;
  const prev = words[i - 1];
  const prev2 = words[i - 2];
  const next = words[i + 1];
  const joinedToPrev = prev !== undefined && self.breakBefore === 'none';
  // The verb: "I like Postgres", "we'd like to", "I really like it".
  if (joinedToPrev && LIKE_VERB_BEFORE.has(prev.word)) return false;
  if (joinedToPrev && LIKE_ADVERBS.has(prev.word) && prev2 && prev.breakBefore === 'none' && SUBJECTS.has(prev2.word))
    return false;
  if (joinedToPrev && LIKE_COMPARISON_BEFORE.has(prev.word)) return false;
  if (next?.word === 'to' && self.breakAfter === 'none') return false;
  // Set off by punctuation after it: "like, we…", "it was like, huge".
  if (self.breakAfter !== 'none') return true;
  const nextIsPhrase = next !== undefined && DETERMINERS.has(next.word);
  // Starting a clause: "Like we moved it" is a filler, ", like the profiler" gives an example.
  if (self.breakBefore !== 'none') return next !== undefined && CLAUSE_STARTS.has(next.word);
  // After a filler lead: "and like we…", "it was like really slow" — but "was like a nightmare" compares.
  if (prev && FILLER_LEADS.has(prev.word)) return !nextIsPhrase;
  return false;
}

function isFillerYouKnow(words: readonly Word[], i: number): boolean {
  const prev = words[i - 1];
  const know = words[i + 1]!;
  const after = words[i + 2];
  if (prev && words[i]!.breakBefore === 'none' && YOU_KNOW_MEANING_BEFORE.has(prev.word)) return false;
  if (know.breakAfter !== 'none') return true;
  if (after && YOU_KNOW_OBJECT_AFTER.has(after.word)) return false;
  if (after && CLAUSE_STARTS.has(after.word)) return true;
  if (prev && FILLER_LEADS.has(prev.word)) return true;
  return false;
}

function isFillerKindOf(words: readonly Word[], i: number): boolean {
  const prev = words[i - 1];
  const prev2 = words[i - 2];
  if (!prev || words[i]!.breakBefore !== 'none') return true;
  // "a kind of index", "what sort of database", "a special kind of lock".
  if (DETERMINERS.has(prev.word)) return false;
  if (prev2 && prev.breakBefore === 'none' && ARTICLES.has(prev2.word) && !AUXILIARIES.has(prev.word)) return false;
  return true;
}

function isFillerIMean(words: readonly Word[], i: number): boolean {
  const prev = words[i - 1];
  const mean = words[i + 1]!;
  const after = words[i + 2];
  if (prev && words[i]!.breakBefore === 'none' && I_MEAN_MEANING_BEFORE.has(prev.word)) return false;
  if (after && mean.breakAfter === 'none' && I_MEAN_MEANING_AFTER.has(after.word)) return false;
  return true;
}

function isFillerActually(words: readonly Word[], i: number): boolean {
  const self = words[i]!;
  const prev = words[i - 1];
  if (self.breakBefore !== 'none' || self.breakAfter !== 'none') return true;
  return prev !== undefined && ACTUALLY_LEADS.has(prev.word);
}

/** "…, right?" and a sentence that is just "Right?" check in with the listener; "is that right?" asks. */
function isTagRight(words: readonly Word[], i: number): boolean {
  const self = words[i]!;
  return self.tail.trimStart().startsWith('?') && self.breakBefore !== 'none';
}

export function findFillers(words: readonly Word[]): FillerHit[] {
  const hits: FillerHit[] = [];
  const hit = (kind: FillerKind, from: number, count: number) =>
    hits.push({ kind, start: words[from]!.start, end: words[from + count - 1]!.end, words: count });
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.word;
    const next = words[i + 1];
    const pair = next && next.breakBefore === 'none' ? next.word : null;
    const hesitation = HESITATIONS[w];
    if (hesitation) hit(hesitation, i, 1);
    else if (w === 'like' && isFillerLike(words, i)) hit('like', i, 1);
    else if (w === 'you' && pair === 'know') {
      if (isFillerYouKnow(words, i)) hit('you know', i, 2);
      i++;
    } else if ((w === 'kind' || w === 'sort') && pair === 'of') {
      if (isFillerKindOf(words, i)) hit(w === 'kind' ? 'kind of' : 'sort of', i, 2);
      i++;
    } else if (w === 'i' && pair === 'mean') {
      if (isFillerIMean(words, i)) hit('i mean', i, 2);
      i++;
    } else if (w === 'basically') hit('basically', i, 1);
    else if (w === 'literally') hit('literally', i, 1);
    else if (w === 'actually' && isFillerActually(words, i)) hit('actually', i, 1);
    else if (w === 'right' && isTagRight(words, i)) hit('right?', i, 1);
  }
  return hits;
}

/** Counts per kind, most frequent first; kinds that never occurred are left out. */
export function countByKind(hits: readonly FillerHit[]): { kind: FillerKind; count: number }[] {
  const counts = new Map<FillerKind, number>();
  for (const h of hits) counts.set(h.kind, (counts.get(h.kind) ?? 0) + 1);
  return [...counts]
    .map(([kind, count]) => ({ kind, count }))
    .sort((a, b) => b.count - a.count || FILLER_KINDS.indexOf(a.kind) - FILLER_KINDS.indexOf(b.kind));
}
