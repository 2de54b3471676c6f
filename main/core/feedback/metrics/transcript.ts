/**
 * A transcript as the metrics read it: words in order, each with the punctuation around it, so
 * rules can tell "Like, we…" (a filler) from "tools like Postgres" (a preposition).
 */
import { tokenize } from '../../rubric/tokens.js';

/** One piece of recognised speech; times are milliseconds from the start of the answer. */
export interface TimedSegment {
  startMs: number;
  endMs: number;
  text: string;
}

/** What separates a word from the one before it: nothing, a comma-like pause, or a sentence end. */
export type Break = 'none' | 'comma' | 'sentence';

export interface Word {
  word: string;
  start: number;
  end: number;
  /** Punctuation between the previous word and this one ('sentence' for the first word). */
  breakBefore: Break;
  /** Punctuation between this word and the next ('sentence' after the last word). */
  breakAfter: Break;
  /** The text right after this word up to the next word, e.g. "?" in "right? so". */
  tail: string;
}

function classify(gap: string): Break {
  if (/[.!?…\n]/.test(gap)) return 'sentence';
  if (/[,;:()—–"“”]|\s-\s/.test(gap)) return 'comma';
  return 'none';
}

export function readWords(text: string): Word[] {
  const tokens = tokenize(text);
  return tokens.map((t, i) => {
    const before = i === 0 ? null : text.slice(tokens[i - 1]!.end, t.start);
    const next = tokens[i + 1];
    const tail = text.slice(t.end, next ? next.start : text.length);
    return {
      word: t.word,
      start: t.start,
      end: t.end,
      breakBefore: before === null ? 'sentence' : classify(before),
      breakAfter: next ? classify(tail) : 'sentence',
      tail,
    };
  });
}

/** Segments in time order with empty ones dropped (VAD can return silence as an empty piece). */
export function usableSegments(segments: readonly TimedSegment[]): TimedSegment[] {
  return segments
    .filter(
      (s) => s.text.trim().length > 0 && Number.isFinite(s.startMs) && Number.isFinite(s.endMs) && s.endMs >= s.startMs,
    )
    .slice()
    .sort((a, b) => a.startMs - b.startMs);
}

export function segmentsText(segments: readonly TimedSegment[]): string {
  return segments.map((s) => s.text.trim()).join(' ');
}
