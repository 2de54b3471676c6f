/**
 * All delivery metrics of one answer, from its text and (when spoken) its timed segments.
 * Pure: the same input always gives the same numbers, so they can be checked from outside
 * (`npm run analyze`).
 */
import type { AnswerMetrics } from '../../../contract/services/feedback.js';
import { answerFlags } from './answer-checks.js';
import { countByKind, findFillers } from './fillers.js';
import { findHedges } from './hedges.js';
import { perMinute, speechMs as sumSpeech, wordsPerMinute } from './pace.js';
import { longPauses, timeToFirstWordMs } from './pauses.js';
import { countPhrases } from './phrases.js';
import { repeatedPhrases, stutters } from './repeats.js';
import { readWords, segmentsText, usableSegments, type TimedSegment } from './transcript.js';

export interface AnswerInput {
  /** The answer as submitted (typed, or the transcript the candidate kept). */
  text: string;
  /** Timed transcript segments; none for a typed answer. */
  segments?: readonly TimedSegment[];
  /** How long the answer took by the interview clock, when known. */
  wallMs?: number | null;
  budgetMs?: number | null;
}

export function deliveryMetrics(input: AnswerInput): AnswerMetrics {
  const segments = usableSegments(input.segments ?? []);
  const spoken = segments.length > 0;
  // Spoken: measure what was said (the segments), not a transcript the candidate may have tidied.
  const text = spoken ? segmentsText(segments) : input.text;
  const words = readWords(text);
  const fillerHits = findFillers(words);
  const fillerWords = fillerHits.reduce((sum, h) => sum + h.words, 0);
  const speech = spoken ? sumSpeech(segments) : null;
  const lastEnd = spoken ? Math.max(...segments.map((s) => s.endMs)) : null;
  // A spoken answer took at least as long as its recording, whatever the interview clock says.
  const wallMs = lastEnd !== null ? Math.max(input.wallMs ?? 0, lastEnd) : (input.wallMs ?? null);
  const budgetMs = input.budgetMs ?? null;
  const pauses = spoken ? longPauses(segments) : null;
  const hedges = findHedges(words);
  return {
    mode: spoken ? 'spoken' : 'typed',
    words: words.length,
    speechMs: speech,
    wallMs,
    wpmSpeech: spoken ? wordsPerMinute(words.length, speech) : null,
    wpmWall: spoken ? wordsPerMinute(words.length, wallMs) : null,
    fillers: {
      total: fillerHits.length,
      words: fillerWords,
      perMinute: spoken ? perMinute(fillerHits.length, speech) : null,
      per100Words: words.length === 0 ? 0 : Math.round((fillerHits.length / words.length) * 1000) / 10,
      byKind: countByKind(fillerHits),
      hits: fillerHits.map((h) => ({ kind: h.kind, text: text.slice(h.start, h.end) })),
    },
    pauses: pauses && {
      count: pauses.length,
      longestMs: pauses.length ? Math.max(...pauses.map((p) => p.durationMs)) : null,
      totalMs: pauses.reduce((sum, p) => sum + p.durationMs, 0),
      list: pauses,
    },
    timeToFirstWordMs: spoken ? timeToFirstWordMs(segments) : null,
    length: {
      usedMs: wallMs,
      budgetMs,
      ratio: wallMs !== null && budgetMs ? Math.round((wallMs / budgetMs) * 100) / 100 : null,
    },
    hedges: { total: hedges.length, byPhrase: countPhrases(hedges) },
    repeats: { phrases: repeatedPhrases(words), stutters: stutters(words) },
    flags: answerFlags(words, fillerWords),
  };
}
