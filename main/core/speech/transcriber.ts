/**
 * Speech to text with whisper.cpp (@fugood/whisper.node). One context per model file, one
 * call at a time; callers pass 16 kHz mono samples and get text with segment times.
 */
import os from 'node:os';
import type { LibVariant, WhisperContext } from '@fugood/whisper.node';
import { samplesToArrayBuffer } from './pcm.js';

export interface TranscribedPiece {
  text: string;
  /** Milliseconds from the start of the audio given to transcribe(). */
  startMs: number;
  endMs: number;
}

export interface Transcriber {
  transcribe(samples: Int16Array, options: { prompt: string }): Promise<TranscribedPiece[]>;
  release(): Promise<void>;
}

export interface WhisperOptions {
  modelPath: string;
  /** 0 = choose from the CPU count. */
  threads: number;
  language: string;
  useGpu: boolean;
  variant?: LibVariant | undefined;
}

/** Leaves a core free for the UI and the VAD; whisper gains little past 8 threads. */
export function whisperThreads(setting: number, cpus = os.availableParallelism()): number {
  if (setting > 0) return setting;
  return Math.max(1, Math.min(8, cpus - 1));
}

export async function loadWhisper(options: WhisperOptions): Promise<Transcriber> {
  const { initWhisper } = await import('@fugood/whisper.node');
  // useGpu picks Metal on Apple silicon; elsewhere whisper.cpp falls back to the CPU by itself.
  const context: WhisperContext = await initWhisper(
    { filePath: options.modelPath, useGpu: options.useGpu },
    options.variant,
  );
  const threads = whisperThreads(options.threads);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    transcribe(samples, { prompt }) {
      const run = queue.then(async () => {
        const { promise } = context.transcribeData(samplesToArrayBuffer(samples), {
          language: options.language,
          maxThreads: threads,
          temperature: 0,
          prompt,
        });
        const result = await promise;
        if (result.isAborted) throw new Error('transcription was stopped');
        return result.segments.map((s) => ({ text: s.text, startMs: s.t0, endMs: s.t1 }));
      });
      queue = run.catch(() => undefined);
      return run;
    },
    release: () => queue.then(() => context.release()),
  };
}
