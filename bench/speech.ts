/**
 * `npm run bench -- speech [--model PATH] [--vad PATH] [--threads N] [--fast]`
 *
 * The live speech pipeline (Silero VAD + whisper.cpp, WAV file on disk) on a 2-minute answer
 * made of jfk.wav repeated, fed in 200 ms chunks at real-time pace:
 *   tail = time from the end of the answer to the final transcript
 *          ÷ time to transcribe the whole answer offline in one call      (target ≤ 0.3)
 *   rtf  = busy time of the VAD and whisper calls ÷ audio time
 *   mem  = peak memory (max RSS) of a 10-minute answer ÷ of a 1-minute answer (target ≤ 1.2),
 *          each in a fresh process, fed faster than real time (simulated timestamps: the next
 *          chunk goes in as soon as the VAD has caught up).
 * Default model: the fixture for-tests-ggml-mini.bin — the real whisper.cpp code path, tiny and
 * without weights (no text). Transcript quality and real-model speed need --model.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LivePipeline } from '../main/core/speech/live-pipeline.js';
import { SAMPLE_RATE } from '../main/core/speech/pcm.js';
import { loadWhisper, whisperThreads, type Transcriber } from '../main/core/speech/transcriber.js';
import { loadSileroVad, type Vad } from '../main/core/speech/vad.js';
import { parseWavHeader, readSamples } from '../main/core/speech/wav-format.js';
import { openWavWriter } from '../main/core/speech/wav-writer.js';

const FIXTURES = process.env.FIXTURES_DIR ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'fixtures');
const CHUNK_MS = 200;

interface Timed<T> {
  engine: T;
  busyMs: () => number;
}

function timedVad(vad: Vad): Timed<Vad> {
  let busy = 0;
  return {
    busyMs: () => busy,
    engine: {
      detect: async (s) => {
        const t = performance.now();
        try {
          return await vad.detect(s);
        } finally {
          busy += performance.now() - t;
        }
      },
      release: () => vad.release(),
    },
  };
}

function timedTranscriber(transcriber: Transcriber): Timed<Transcriber> {
  let busy = 0;
  return {
    busyMs: () => busy,
    engine: {
      transcribe: async (s, o) => {
        const t = performance.now();
        try {
          return await transcriber.transcribe(s, o);
        } finally {
          busy += performance.now() - t;
        }
      },
      release: () => transcriber.release(),
    },
  };
}

function jfk(): Int16Array {
  const bytes = fs.readFileSync(path.join(FIXTURES, 'jfk.wav'));
  const info = parseWavHeader(bytes, bytes.length);
  if (!info) throw new Error('jfk.wav is not a PCM WAV');
  const data = bytes.subarray(info.dataOffset, info.dataOffset + info.fileDataBytes);
  return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** An answer of the given length: jfk.wav over and over (11 s, four phrases, pauses between). */
function answer(seconds: number): Int16Array {
  const clip = jfk();
  const out = new Int16Array(seconds * SAMPLE_RATE);
  for (let at = 0; at < out.length; at += clip.length)
    out.set(clip.subarray(0, Math.min(clip.length, out.length - at)), at);
  return out;
}

interface Engines {
  vad: Timed<Vad>;
  whisper: Timed<Transcriber>;
}

async function loadEngines(model: string, vadModel: string, threads: number): Promise<Engines> {
  const vad = await loadSileroVad(vadModel, { threads: 1 });
  const whisper = await loadWhisper({ modelPath: model, threads, language: 'en', useGpu: true });
  return { vad: timedVad(vad), whisper: timedTranscriber(whisper) };
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

/** Feeds an answer through the live pipeline with a WAV file on disk, as the app does. */
async function runLive(engines: Engines, seconds: number, pace: 'realtime' | 'simulated', onTick?: () => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-speech-'));
  const writer = openWavWriter(path.join(dir, '1.wav'));
  const pipeline = new LivePipeline({
    vad: engines.vad.engine,
    transcriber: engines.whisper.engine,
    read: (s, e) => readSamples(writer.file, writer, s, e),
    prompt: () => 'Um, uh, so.',
    onSegment: () => {},
  });
  const started = performance.now();
  let maxCatchUp = 0;
  let n = 0;
  for (const piece of answerChunks(seconds)) {
    n++;
    writer.append(piece);
    const state = pipeline.push(piece);
    if (state.catchingUp) maxCatchUp++;
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
  writer.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    tailMs,
    segments: result.segments.length,
    failed: result.segments.filter((s) => s.status === 'failed').length,
    stats: pipeline.stats,
    catchingUpChunks: maxCatchUp,
  };
}

/** Child process: one answer of the given length, prints its peak memory as JSON. */
async function memoryChild(seconds: number, model: string, vadModel: string, threads: number): Promise<void> {
  const engines = await loadEngines(model, vadModel, threads);
  let peak = process.memoryUsage().rss;
  let atPeak = process.memoryUsage();
  const result = await runLive(engines, seconds, 'simulated', () => {
    const now = process.memoryUsage();
    if (now.rss > peak) {
      peak = now.rss;
      atPeak = now;
    }
  });
  if (process.env.BENCH_MEM_DEBUG) console.error(JSON.stringify({ seconds, atPeak, end: process.memoryUsage() }));
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(`${JSON.stringify({ seconds, peakBytes: peak, segments: result.segments })}\n`);
  await engines.vad.engine.release();
  await engines.whisper.engine.release();
}

function measureMemory(seconds: number, args: string[]): Promise<{ peakBytes: number; segments: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, import.meta.filename, '--mem-child', String(seconds), ...args],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as { peakBytes: number; segments: number });
      } catch {
        reject(new Error(`memory run of ${seconds} s failed (exit ${code}): ${out}`));
      }
    });
  });
}

const fmt = (n: number, d = 2) => n.toFixed(d);

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      vad: { type: 'string' },
      threads: { type: 'string', default: '0' },
      fast: { type: 'boolean', default: false },
      'mem-child': { type: 'string' },
    },
  });
  const model = values.model ?? path.join(FIXTURES, 'for-tests-ggml-mini.bin');
  const vadModel = values.vad ?? path.join(FIXTURES, 'silero-vad-v6.2.0-ggml.bin');
  const threads = whisperThreads(Number(values.threads));
  const passOn = ['--model', model, '--vad', vadModel, '--threads', String(threads)];
  if (values['mem-child']) return memoryChild(Number(values['mem-child']), model, vadModel, threads);

  const fixtureModel = !values.model;
  console.log(
    `whisper model: ${model}${fixtureModel ? ' (fixture: the real whisper.cpp code path, no weights, no text)' : ''}`,
  );
  console.log(`VAD model: ${vadModel}; whisper threads: ${threads}; CPUs: ${os.availableParallelism()}`);

  const engines = await loadEngines(model, vadModel, threads);
  const twoMinutes = answer(120);
  const offlineStart = performance.now();
  await engines.whisper.engine.transcribe(twoMinutes, { prompt: 'Um, uh, so.' });
  const offlineMs = performance.now() - offlineStart;

  const vadBefore = engines.vad.busyMs();
  const whisperBefore = engines.whisper.busyMs();
  const pace = values.fast ? 'simulated' : 'realtime';
  console.log(
    `feeding a 2-minute answer ${pace === 'realtime' ? 'at real-time pace (takes 2 minutes)' : 'faster than real time (simulated timestamps)'}…`,
  );
  const live = await runLive(engines, 120, pace);
  const vadMs = engines.vad.busyMs() - vadBefore;
  const whisperMs = engines.whisper.busyMs() - whisperBefore;
  await engines.vad.engine.release();
  await engines.whisper.engine.release();

  console.log('measuring memory: a 1-minute and a 10-minute answer, each in a fresh process…');
  const oneMinute = await measureMemory(60, passOn);
  const tenMinutes = await measureMemory(600, passOn);

  const tail = live.tailMs / offlineMs;
  const rtf = (vadMs + whisperMs) / 120_000;
  const mem = tenMinutes.peakBytes / oneMinute.peakBytes;
  const rows: [string, string][] = [
    ['offline: whole 2-minute answer in one whisper call', `${fmt(offlineMs / 1000)} s`],
    ['live: segments found / failed', `${live.segments} / ${live.failed}`],
    ['live: whisper calls (merged when behind)', `${live.stats.calls} (${live.stats.mergedCalls} merged)`],
    ['live: end of answer → final transcript', `${fmt(live.tailMs / 1000)} s`],
    ['live: VAD busy ÷ audio time', fmt(vadMs / 120_000, 3)],
    ['live: whisper busy ÷ audio time', fmt(whisperMs / 120_000, 3)],
    [
      'memory: peak RSS, 1-minute answer',
      `${fmt(oneMinute.peakBytes / 2 ** 20, 1)} MiB (${oneMinute.segments} segments)`,
    ],
    [
      'memory: peak RSS, 10-minute answer',
      `${fmt(tenMinutes.peakBytes / 2 ** 20, 1)} MiB (${tenMinutes.segments} segments)`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  if (fixtureModel)
    console.log(
      'note: with the fixture model, tail and rtf show the pipeline on a tiny network; a real model (--model) gives the figures that matter for users.',
    );
  console.log(`speech: tail=${fmt(tail)} rtf=${fmt(rtf, 3)} mem=${fmt(mem)}`);
}

if (process.argv.includes('--mem-child')) {
  const index = process.argv.indexOf('--mem-child');
  await main(process.argv.slice(index));
}
