/**
 * Silences inside a spoken answer: the gaps between consecutive speech segments. The silence
 * before the first word is reported separately, as time to first word.
 */
import type { TimedSegment } from './transcript.js';

/** A pause longer than this inside an answer is worth pointing out. */
export const LONG_PAUSE_MS = 2500;

export interface Pause {
  /** When the silence began, ms from the start of the answer. */
  atMs: number;
  durationMs: number;
  /** The last words before the silence, so the candidate can find it in the transcript. */
  after: string;
}

/** Segments must be in time order (see usableSegments). */
export function longPauses(segments: readonly TimedSegment[], thresholdMs = LONG_PAUSE_MS): Pause[] {
  const pauses: Pause[] = [];
  let speechEnd = segments[0]?.endMs ?? 0;
  let lastText = segments[0]?.text ?? '';
  for (const segment of segments.slice(1)) {
    const gap = segment.startMs - speechEnd;
    if (gap > thresholdMs) pauses.push({ atMs: speechEnd, durationMs: gap, after: lastWords(lastText, 4) });
    // Overlapping segments (VAD can overlap by a few ms) must not hide a later gap.
    if (segment.endMs > speechEnd) {
      speechEnd = segment.endMs;
      lastText = segment.text;
    }
  }
  return pauses;
}

export function timeToFirstWordMs(segments: readonly TimedSegment[]): number | null {
  const first = segments[0];
  return first ? Math.max(0, first.startMs) : null;
}

function lastWords(text: string, n: number): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.slice(-n).join(' ');
}
