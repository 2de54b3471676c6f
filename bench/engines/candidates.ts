/**
 * The speech engines the benchmark compares, each set up with stand-in (or real) models:
 * whisper.cpp through @fugood/whisper.node (the app's previous engine) and Whisper through
 * sherpa-onnx (the app's engine).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { inspectWhisperSet } from '../../main/core/models/speech-files.js';
import { SAMPLE_RATE } from '../../main/core/speech/pcm.js';
import { loadSileroVad } from '../../main/core/speech/vad.js';
import { loadWhisperOnnx } from '../../main/core/speech/whisper-onnx.js';
import { FIXTURES_DIR } from '../standins/cache.js';
import { ensureSpeechStandin } from '../standins/speech.js';
import type { WhisperShapeName } from '../standins/whisper-shapes.js';
import { timeEngines, type TimedEngines } from './live-run.js';
import { loadWhisperCpp, loadWhisperCppVad } from './whisper-cpp.js';

export type EngineName = 'whisper.cpp' | 'sherpa-onnx';
export const ENGINE_NAMES: readonly EngineName[] = ['whisper.cpp', 'sherpa-onnx'];

export interface ModelChoice {
  /** A stand-in shape, unless a real model is given. */
  standin: WhisperShapeName;
  /** A real model: a ggml .bin for whisper.cpp, a sherpa-onnx Whisper folder for sherpa-onnx. */
  model?: string;
  vad?: string;
}

export interface Candidate {
  name: EngineName;
  /** The model files used, for the report. */
  models: string;
  load(threads: number): Promise<TimedEngines>;
  /** Seconds to encode one 30 s window: wall time and process CPU time (all threads). */
  encodeSeconds(threads: number): Promise<Timing>;
  /** Longest audio per call for the offline whole-answer figure (whisper.cpp walks 30 s windows itself). */
  offlinePieceSeconds: number;
}

export interface Timing {
  wall: number;
  cpu: number;
}

/** Wall and CPU seconds of one call (CPU time does not grow when other programs share the cores). */
async function timing(fn: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - t) / 1000, cpu: (used.user + used.system) / 1e6 };
}

async function whisperCpp(choice: ModelChoice): Promise<Candidate> {
  const model = choice.model ?? (await ensureSpeechStandin(choice.standin, 'whisper.cpp')).path;
  const vad = choice.vad ?? path.join(FIXTURES_DIR, 'silero-vad-v6.2.0-ggml.bin');
  return {
    name: 'whisper.cpp',
    models: `${model} + ${vad}`,
    offlinePieceSeconds: 120,
    async load(threads) {
      return timeEngines(await loadWhisperCppVad(vad), await loadWhisperCpp(model, threads));
    },
    async encodeSeconds(threads) {
      const whisper = await loadWhisperCpp(model, threads);
      try {
        // whisper.cpp's own benchmark also times decoding; its encode figure is the one reported.
        let encodeMs = 0;
        const t = await timing(async () => (encodeMs = await whisper.encodeMs(threads)));
        return { wall: encodeMs / 1000, cpu: (t.cpu * encodeMs) / 1000 / t.wall };
      } finally {
        await whisper.release();
      }
    },
  };
}

async function sherpaOnnx(choice: ModelChoice): Promise<Candidate> {
  const model = choice.model ?? (await ensureSpeechStandin(choice.standin, 'sherpa-onnx')).path;
  const vad = choice.vad ?? path.join(FIXTURES_DIR, 'silero-vad-v5.onnx');
  // A stand-in that ends decoding at once times the encoder; a real model is given silence.
  const encoderModel =
    choice.model ?? (await ensureSpeechStandin(choice.standin, 'sherpa-onnx', { tokensPerSecond: 0 })).path;
  return {
    name: 'sherpa-onnx',
    models: `${model} + ${vad}`,
    offlinePieceSeconds: 28,
    async load(threads) {
      const transcriber = await loadWhisperOnnx({ files: inspectWhisperSet(model), threads, language: 'en' });
      return timeEngines(await loadSileroVad(vad), transcriber);
    },
    async encodeSeconds(threads) {
      const whisper = await loadWhisperOnnx({ files: inspectWhisperSet(encoderModel), threads, language: 'en' });
      // 29 s of audio plus the tail padding fill the whole 3000-frame window sherpa-onnx allows.
      const window = new Int16Array(29 * SAMPLE_RATE);
      const times: Timing[] = [];
      try {
        for (let i = 0; i < 3; i++) times.push(await timing(() => whisper.transcribe(window)));
      } finally {
        await whisper.release();
      }
      // The first call also warms ONNX Runtime up; the best of the rest is the steady cost.
      return times.slice(1).reduce((best, t) => (t.wall < best.wall ? t : best));
    },
  };
}

export function candidate(name: EngineName, choice: ModelChoice): Promise<Candidate> {
  return name === 'whisper.cpp' ? whisperCpp(choice) : sherpaOnnx(choice);
}

/**
 * Whether whisper.node's GPU builds can load here (they need a Vulkan or CUDA runtime and a
 * device). whisper.node itself falls back to the CPU build silently, so the native file is
 * loaded directly to learn why.
 */
export function gpuVariantNotes(): string[] {
  const require = createRequire(import.meta.url);
  const platform = `${process.platform}-${process.arch}`;
  return (['vulkan', 'cuda'] as const).map((variant) => {
    try {
      require(`@fugood/node-whisper-${platform}-${variant}/index.node`);
      return `whisper.cpp ${variant} build: loads; not measured (this benchmark runs on the CPU)`;
    } catch (error) {
      return `whisper.cpp ${variant} build: cannot run here (${(error as Error).message.split('\n')[0]?.slice(0, 90)})`;
    }
  });
}
