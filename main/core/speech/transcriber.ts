/**
 * Speech to text, whatever the engine: callers pass 16 kHz mono samples and get text pieces
 * with times. An engine without timestamps returns one piece for the whole call, so the
 * transcript queue gives it one speech segment per call.
 */
import os from 'node:os';

export interface TranscribedPiece {
  text: string;
  /** Milliseconds from the start of the audio given to transcribe(). */
  startMs: number;
  endMs: number;
}

export interface Transcriber {
  /** Whether pieces carry real times (so several segments can share one call). */
  readonly timestamps: boolean;
  /** An initial prompt is used only by engines that take one (sherpa-onnx's Whisper does not). */
  transcribe(samples: Int16Array, options?: { prompt?: string }): Promise<TranscribedPiece[]>;
  release(): Promise<void>;
}

/** Leaves a core free for the UI and the VAD; the recognizer gains little past 8 threads. */
export function speechThreads(setting: number, cpus = os.availableParallelism()): number {
  if (setting > 0) return setting;
  return Math.max(1, Math.min(8, cpus - 1));
}
