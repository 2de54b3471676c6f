/**
 * Feeding an answer through the app's live speech pipeline the way the app does (200 ms
 * chunks, WAV file on disk, VAD over the open region, finished segments transcribed at once),
 * with the busy time of the VAD and the recognizer measured.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LivePipeline } from '../../main/core/speech/live-pipeline.js';
import { SAMPLE_RATE } from '../../main/core/speech/pcm.js';
import type { Transcriber } from '../../main/core/speech/transcriber.js';
import type { Vad } from '../../main/core/speech/vad.js';
import { parseWavHeader, readSamples } from '../../main/core/speech/wav-format.js';
import { openWavWriter } from '../../main/core/speech/wav-writer.js';
import { FIXTURES_DIR } from '../standins/cache.js';

const CHUNK_MS = 200;

export interface TimedEngines {
  vad: Vad;
  transcriber: Transcriber;
  vadBusyMs(): number;
  transcriberBusyMs(): number;
  release(): Promise<void>;
}

async function timed<T>(fn: () => Promise<T>, add: (ms: number) => void): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    add(performance.now() - t);
  }
}

export function timeEngines(vad: Vad, transcriber: Transcriber): TimedEngines {
  let vadMs = 0;
  let transcriberMs = 0;
  return {
    vad: {
      detect: (s) =>
        timed(
          () => vad.detect(s),
          (ms) => (vadMs += ms),
        ),
      release: () => vad.release(),
    },
    transcriber: {
      timestamps: transcriber.timestamps,
      transcribe: (s, o) =>
        timed(
          () => transcriber.transcribe(s, o),
          (ms) => (transcriberMs += ms),
        ),
      release: () => transcriber.release(),
    },
    vadBusyMs: () => vadMs,
    transcriberBusyMs: () => transcriberMs,
    release: async () => {
      await vad.release();
      await transcriber.release();
    },
  };
}

export function jfk(): Int16Array {
  const bytes = fs.readFileSync(path.join(FIXTURES_DIR, 'jfk.wav'));
  const info = parseWavHeader(bytes, bytes.length);
  if (!info) throw new Error('jfk.wav is not a PCM WAV');
  const data = bytes.subarray(info.dataOffset, info.dataOffset + info.fileDataBytes);
  return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** An answer of the given length: jfk.wav over and over (11 s, phrases with pauses between). */
export function answer(seconds: number): Int16Array {
  const clip = jfk();
  const out = new Int16Array(seconds * SAMPLE_RATE);
  for (let at = 0; at < out.length; at += clip.length)
    out.set(clip.subarray(0, Math.min(clip.length, out.length - at)), at);
  return out;
}

/**
 * The same answer as 200 ms chunks made on the fly, so the feeder itself holds no more than
 * one clip in memory (a preallocated 10-minute buffer would be 19 MB of the measured peak).
 */
function* answerChunks(seconds: number): Generator<Int16Array> {
  const clip = jfk();
  const chunk = (CHUNK_MS * SAMPLE_RATE) / 1000;
  const total = seconds * SAMPLE_RATE;
  for (let at = 0; at < total; at += chunk) {
    const offset = at % clip.length;
    const length = Math.min(chunk, total - at);
    const piece = new Int16Array(length);
    const first = clip.subarray(offset, offset + length);
    piece.set(first);
    if (first.length < length) piece.set(clip.subarray(0, length - first.length), first.length);
    yield piece;
  }
}

export interface LiveResult {
  tailMs: number;
  segments: number;
  failed: number;
  calls: number;
  mergedCalls: number;
  /** Process CPU time (all threads) while the answer was fed and finished. */
  cpuMs: number;
}

/** Feeds an answer through the live pipeline with a WAV file on disk, as the app does. */
export async function runLive(
  engines: TimedEngines,
  seconds: number,
  pace: 'realtime' | 'simulated',
  onTick?: () => void,
): Promise<LiveResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-speech-'));
  const writer = openWavWriter(path.join(dir, '1.wav'));
  const pipeline = new LivePipeline({
    vad: engines.vad,
    transcriber: engines.transcriber,
    read: (s, e) => readSamples(writer.file, writer, s, e),
    onSegment: () => {},
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  let n = 0;
  for (const piece of answerChunks(seconds)) {
    n++;
    writer.append(piece);
    pipeline.push(piece);
    onTick?.();
    if (pace === 'realtime') {
      const due = started + n * CHUNK_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    } else {
      await pipeline.idle();
    }
  }
  const endOfAnswer = performance.now();
  const result = await pipeline.finish();
  const tailMs = performance.now() - endOfAnswer;
  const used = process.cpuUsage(cpu);
  writer.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    tailMs,
    segments: result.segments.length,
    failed: result.segments.filter((s) => s.status === 'failed').length,
    calls: pipeline.stats.calls,
    mergedCalls: pipeline.stats.mergedCalls,
    cpuMs: (used.user + used.system) / 1000,
  };
}
