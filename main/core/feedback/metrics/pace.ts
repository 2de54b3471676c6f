/**
 * Speaking pace. Over speech time it is how fast the candidate talks while talking; over wall
 * time it also counts the silences, so a big gap between the two means long pauses.
 */
import type { TimedSegment } from './transcript.js';

export function speechMs(segments: readonly TimedSegment[]): number {
  return segments.reduce((sum, s) => sum + Math.max(0, s.endMs - s.startMs), 0);
}

/** Words per minute, rounded to a whole number; null when there is no time to divide by. */
export function wordsPerMinute(words: number, ms: number | null): number | null {
  if (ms === null || ms <= 0) return null;
  return Math.round(words / (ms / 60_000));
}

/** Per-minute rate to one decimal place; null without time. */
export function perMinute(count: number, ms: number | null): number | null {
  if (ms === null || ms <= 0) return null;
  return Math.round((count / (ms / 60_000)) * 10) / 10;
}
