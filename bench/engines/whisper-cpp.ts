/**
 * The app's previous speech engine, whisper.cpp through @fugood/whisper.node (a dev
 * dependency now, for this comparison only): its Silero VAD and Whisper behind the app's Vad
 * and Transcriber interfaces, as the app ran them (initial prompt with fillers, timestamps).
 */
import type { LibVariant, VadOptions } from '@fugood/whisper.node';
import { samplesToArrayBuffer } from '../../main/core/speech/pcm.js';
import type { Transcriber } from '../../main/core/speech/transcriber.js';
import type { Vad } from '../../main/core/speech/vad.js';
import { Sequencer } from '../../main/core/util/sequencer.js';

/** The prompt the app used: whisper keeps "um" and "uh" when its prompt has them. */
export const FILLER_PROMPT = 'Um, so, uh, I think, like, we would, um, start with the basics.';

const VAD_OPTIONS: VadOptions = { maxSpeechDurationS: 15 };
/** whisper.cpp's VAD reports times in 10 ms units. */
const SAMPLES_PER_VAD_UNIT = 160;

export async function loadWhisperCppVad(modelPath: string, variant?: LibVariant): Promise<Vad> {
  const { initWhisperVad, toggleNativeLog } = await import('@fugood/whisper.node');
  await toggleNativeLog(false);
  const context = await initWhisperVad({ filePath: modelPath, useGpu: false, nThreads: 1 }, variant);
  const calls = new Sequencer();
  return {
    detect: (samples) =>
      calls.run(async () => {
        if (samples.length === 0) return [];
        const spans = await context.detectSpeechData(samplesToArrayBuffer(samples), VAD_OPTIONS);
        return spans.map((s) => ({
          start: Math.max(0, Math.round(s.t0 * SAMPLES_PER_VAD_UNIT)),
          end: Math.min(samples.length, Math.round(s.t1 * SAMPLES_PER_VAD_UNIT)),
        }));
      }),
    release: () => calls.run(() => context.release()),
  };
}

export interface WhisperCpp extends Transcriber {
  /** whisper.cpp's own benchmark: milliseconds to encode one 30 s window. */
  encodeMs(threads: number): Promise<number>;
}

export async function loadWhisperCpp(modelPath: string, threads: number, variant?: LibVariant): Promise<WhisperCpp> {
  const { initWhisper, toggleNativeLog } = await import('@fugood/whisper.node');
  await toggleNativeLog(false);
  const context = await initWhisper({ filePath: modelPath, useGpu: variant !== undefined }, variant);
  const calls = new Sequencer();
  return {
    timestamps: true,
    transcribe: (samples, options) =>
      calls.run(async () => {
        const { promise } = context.transcribeData(samplesToArrayBuffer(samples), {
          language: 'en',
          maxThreads: threads,
          temperature: 0,
          // No temperature fallback: random weights would trigger it on every window (real
          // speech seldom does), multiplying the decoding time by up to six.
          temperatureInc: 0,
          prompt: options?.prompt ?? FILLER_PROMPT,
        });
        const result = await promise;
        if (result.isAborted) throw new Error('transcription was stopped');
        return result.segments.map((s) => ({ text: s.text, startMs: s.t0, endMs: s.t1 }));
      }),
    encodeMs: (n) =>
      calls.run(async () => {
        const result = await context.bench(n);
        return result.encodeMs;
      }),
    release: () => calls.run(() => context.release()),
  };
}
