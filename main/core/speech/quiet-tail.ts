/**
 * How long the newest audio has been quiet, judged by loudness against the candidate's own
 * recent speech. It decides nothing about speech (the VAD does); it only tells the live
 * pipeline when a VAD look is worth its cost, so the end of an answer is noticed promptly.
 */
import { samplesToMs } from './pcm.js';

/** Quieter than a tenth (−20 dB) of the loudest recent speech counts as quiet. */
const QUIET_RATIO = 0.1;
/** Below this mean level (about −50 dBFS) nothing has been loud enough to compare with. */
const MIN_REFERENCE = 100;
/** The loudness reference halves every 10 s, so a candidate who moves away is followed. */
const HALF_LIFE_MS = 10_000;

/** Mean absolute sample value: cheap, and enough to tell speech from a pause. */
export function meanLevel(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += Math.abs(s);
  return sum / samples.length;
}

export class QuietTail {
  private reference = 0;
  private quiet = 0;

  /** Adds the newest chunk; returns how long (ms) the audio has been quiet up to its end. */
  push(samples: Int16Array): number {
    if (samples.length === 0) return this.quietMs;
    const level = meanLevel(samples);
    this.reference = Math.max(level, this.reference * 0.5 ** (samplesToMs(samples.length) / HALF_LIFE_MS));
    const quiet = this.reference >= MIN_REFERENCE && level < this.reference * QUIET_RATIO;
    this.quiet = quiet ? this.quiet + samples.length : 0;
    return this.quietMs;
  }

  get quietMs(): number {
    return samplesToMs(this.quiet);
  }

  /** The same, in samples. */
  get quietSamples(): number {
    return this.quiet;
  }
}
