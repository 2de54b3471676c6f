/**
 * Voice activity detection with the Silero VAD that ships inside whisper.cpp
 * (@fugood/whisper.node). One call looks at a whole buffer; the live segmenter decides which
 * buffer to show it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LibVariant, VadOptions, WhisperVadContext } from '@fugood/whisper.node';
import { samplesToArrayBuffer } from './pcm.js';

/** A stretch of speech, in samples from the start of the buffer given to detect(). */
export interface SpeechSpan {
  start: number;
  end: number;
}

export interface Vad {
  detect(samples: Int16Array): Promise<SpeechSpan[]>;
  release(): Promise<void>;
}

/**
 * whisper.cpp's defaults (threshold 0.5, 250 ms minimum speech, 100 ms minimum silence, 30 ms
 * padding), except that speech is cut every 15 s: a candidate who never pauses still gets a
 * transcript while talking, and each cut fits whisper's 30 s window.
 */
export const VAD_OPTIONS: VadOptions = { maxSpeechDurationS: 15 };

/** VAD times come back in 10 ms units. */
const SAMPLES_PER_VAD_UNIT = 160;

export async function loadSileroVad(
  modelPath: string,
  options: { threads?: number; useGpu?: boolean; variant?: LibVariant | undefined } = {},
): Promise<Vad> {
  const { initWhisperVad } = await import('@fugood/whisper.node');
  const context: WhisperVadContext = await initWhisperVad(
    { filePath: modelPath, useGpu: options.useGpu ?? false, nThreads: options.threads ?? 1 },
    options.variant,
  );
  // One detection at a time per context: the native context is not re-entrant.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    detect(samples) {
      const run = queue.then(async () => {
        if (samples.length === 0) return [];
        const spans = await context.detectSpeechData(samplesToArrayBuffer(samples), VAD_OPTIONS);
        return spans.map((s) => ({
          start: Math.max(0, Math.round(s.t0 * SAMPLES_PER_VAD_UNIT)),
          end: Math.min(samples.length, Math.round(s.t1 * SAMPLES_PER_VAD_UNIT)),
        }));
      });
      queue = run.catch(() => undefined);
      return run;
    },
    release: () => queue.then(() => context.release()),
  };
}

/**
 * The Silero VAD model among installed model files: a .bin whose name mentions silero or vad.
 * The first folder wins (the data folder's models/ before the installer's bundled ones).
 */
export function findVadModel(dirs: readonly (string | null | undefined)[]): string | null {
  for (const dir of dirs) {
    if (!dir) continue;
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch {
      continue;
    }
    const match = names.find((n) => /silero|vad/i.test(n) && /\.bin$/i.test(n) && !n.startsWith('.'));
    if (match) {
      const file = path.join(dir, match);
      if (fs.statSync(file).isFile()) return file;
    }
  }
  return null;
}
