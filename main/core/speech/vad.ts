/**
 * Voice activity detection with Silero VAD (ONNX, run by sherpa-onnx on a thread of its own).
 * One call looks at a whole buffer from a fresh state; the live segmenter decides which buffer
 * to show it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { onnxFileRole } from '../models/speech-files.js';
import { Sequencer } from '../util/sequencer.js';
import { SAMPLE_RATE } from './pcm.js';
import { startVadThread } from './vad-thread.js';

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
 * Silero's usual threshold (0.5) and 250 ms minimum speech; a span ends at 300 ms of silence —
 * about a pause between sentences (at 100 ms an espeak answer fell into half-second fragments,
 * each a recognizer call with little context; at 500 ms three sentences became one 11 s span,
 * so the transcript lagged far behind) — and the segmenter finishes it once SPAN_FINISH_MS (segmenter.ts) have passed
 * after it. Speech is cut every 15 s: a candidate who never pauses still gets a transcript while
 * talking, and each cut stays well inside Whisper's 30 s.
 */
export const VAD_SETTINGS = {
  threshold: 0.5,
  minSpeechDuration: 0.25,
  minSilenceDuration: 0.3,
  maxSpeechDuration: 15,
  /** Silero v5 reads 512-sample windows at 16 kHz; the VAD must be fed in these steps. */
  windowSize: 512,
} as const;

/**
 * How late the VAD may report where speech starts when it looks at a region from a fresh
 * state: on jfk.wav it put "ask what you can do" 0.46 s late when the region began after the
 * previous sentence, and on time with 2 s of history. The recognizer gets this much audio
 * before each segment so the first word is not cut.
 */
export const VAD_LATE_ONSET_MS = 600;

/** The longest buffer one detect() call may hold (the open region is capped at 60 s). */
const BUFFER_SECONDS = 90;

export async function loadSileroVad(modelPath: string, options: { threads?: number } = {}): Promise<Vad> {
  const thread = await startVadThread(
    {
      sileroVad: { model: modelPath, ...VAD_SETTINGS },
      sampleRate: SAMPLE_RATE,
      numThreads: options.threads ?? 1,
      provider: 'cpu',
      debug: 0,
    },
    BUFFER_SECONDS,
  );
  // The thread answers in order anyway; the Sequencer keeps release() behind the last detection.
  const calls = new Sequencer();
  return {
    detect: (samples) =>
      calls.run(async () => {
        if (samples.length === 0) return [];
        const spans = await thread.detect(samples);
        return spans.map(([start, end]) => ({ start, end }));
      }),
    release: () => calls.run(() => thread.close()),
  };
}

/**
 * The Silero VAD model among installed model files: an .onnx file that is a Silero VAD by its
 * inputs and outputs, whatever its name. The first folder wins (the data folder's models/
 * before the installer's bundled ones).
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
    for (const name of names) {
      if (name.startsWith('.') || !/\.onnx$/i.test(name)) continue;
      const file = path.join(dir, name);
      if (fs.statSync(file).isFile() && onnxFileRole(file) === 'silero-vad') return file;
    }
  }
  return null;
}
