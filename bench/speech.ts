/**
 * `npm run bench -- speech [--standin tiny|base|small|mini] [--engines whisper.cpp,sherpa-onnx]
 *                          [--model PATH] [--vad PATH] [--threads N] [--fast] [--encode-only]`
 *
 * Every speech engine under consideration, on models of a real Whisper size (stand-ins with
 * random weights by default: the same arithmetic as the real model, no words), in one run:
 *   encode_s = seconds to encode one 30 s window
 *   rtf      = busy time of the VAD and recognizer ÷ audio time, over a 2-minute answer
 *              (jfk.wav repeated) fed in 200 ms chunks at real-time pace through the app's pipeline
 *   tail     = time from the end of that answer to its final transcript
 *              ÷ time to transcribe the whole answer offline with the same engine
 *   mem      = peak memory (max RSS) of a 10-minute answer ÷ a 1-minute one, each in a fresh
 *              process, fed faster than real time (the chosen engine only: the old one would
 *              take far too long)
 * The chosen engine's line comes last: `speech: engine=NAME encode_s=X rtf=Y tail=Z mem=W`.
 * --encode-only stops after encode_s (with its CPU time, which other programs on a shared machine
 * do not inflate): minutes instead of the hour the old engine's live run takes on a busy machine.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { speechThreads } from '../main/core/speech/transcriber.js';
import { candidate, ENGINE_NAMES, gpuVariantNotes, type EngineName, type ModelChoice } from './engines/candidates.js';
import { answer, runLive } from './engines/live-run.js';
import { STANDIN_TOKENS_PER_SECOND } from './standins/onnx-whisper.js';
import { isWhisperShapeName } from './standins/whisper-shapes.js';

/** The app's engine; its line is printed last. */
const CHOSEN: EngineName = 'sherpa-onnx';
const ANSWER_SECONDS = 120;

const fmt = (n: number, d = 2) => n.toFixed(d);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

interface EngineFigures {
  encodeS: number;
  encodeCpuS: number;
  rtf: number | null;
  tail: number | null;
  mem: number | null;
}

async function benchEngine(
  name: EngineName,
  choice: ModelChoice,
  threads: number,
  fast: boolean,
  encodeOnly: boolean,
): Promise<EngineFigures> {
  const engine = await candidate(name, choice);
  console.log(`\n== ${name}: ${engine.models}`);
  const encode = await engine.encodeSeconds(threads);
  const encodeS = encode.wall;
  console.log(
    `encode one 30 s window: ${fmt(encode.wall)} s (CPU time ${fmt(encode.cpu)} s over ${threads} thread(s))`,
  );
  if (encodeOnly) return { encodeS, encodeCpuS: encode.cpu, rtf: null, tail: null, mem: null };

  const engines = await engine.load(threads);
  const whole = answer(ANSWER_SECONDS);
  const piece = engine.offlinePieceSeconds * 16_000;
  const offlineStart = performance.now();
  for (let at = 0; at < whole.length; at += piece) await engines.transcriber.transcribe(whole.subarray(at, at + piece));
  const offlineMs = performance.now() - offlineStart;
  console.log(
    `offline: the whole 2-minute answer in ${Math.ceil(whole.length / piece)} call(s): ${fmt(offlineMs / 1000)} s`,
  );

  const vadBefore = engines.vadBusyMs();
  const transcriberBefore = engines.transcriberBusyMs();
  console.log(`live: feeding the answer ${fast ? 'faster than real time' : 'at real-time pace (2 minutes)'}…`);
  const live = await runLive(engines, ANSWER_SECONDS, fast ? 'simulated' : 'realtime');
  const vadMs = engines.vadBusyMs() - vadBefore;
  const transcriberMs = engines.transcriberBusyMs() - transcriberBefore;
  await engines.release();

  const rows: [string, string][] = [
    ['segments found / failed', `${live.segments} / ${live.failed}`],
    ['recognizer calls (merged when behind)', `${live.calls} (${live.mergedCalls} merged)`],
    ['end of answer → final transcript', `${fmt(live.tailMs / 1000)} s`],
    ['VAD busy ÷ audio time', fmt(vadMs / (ANSWER_SECONDS * 1000), 3)],
    ['recognizer busy ÷ audio time', fmt(transcriberMs / (ANSWER_SECONDS * 1000), 3)],
    ['process CPU time (all threads) ÷ audio time', fmt(live.cpuMs / (ANSWER_SECONDS * 1000), 3)],
  ];
  let mem: number | null = null;
  if (name === CHOSEN) {
    console.log('memory: a 1-minute and a 10-minute answer, each in a fresh process…');
    const args = ['--engine', name, '--threads', String(threads), ...choiceArgs(choice)];
    const one = await measureMemory(60, args);
    const ten = await measureMemory(600, args);
    mem = ten.peakBytes / one.peakBytes;
    rows.push(
      ['memory: peak RSS, 1-minute answer', `${fmt(one.peakBytes / 2 ** 20, 1)} MiB (${one.segments} segments)`],
      ['memory: peak RSS, 10-minute answer', `${fmt(ten.peakBytes / 2 ** 20, 1)} MiB (${ten.segments} segments)`],
    );
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  return {
    encodeS,
    encodeCpuS: encode.cpu,
    rtf: (vadMs + transcriberMs) / (ANSWER_SECONDS * 1000),
    tail: live.tailMs / offlineMs,
    mem,
  };
}

function choiceArgs(choice: ModelChoice): string[] {
  return [
    '--standin',
    choice.standin,
    ...(choice.model ? ['--model', choice.model] : []),
    ...(choice.vad ? ['--vad', choice.vad] : []),
  ];
}

/** Child process: one answer of the given length, prints its peak memory as JSON. */
async function memoryChild(seconds: number, name: EngineName, choice: ModelChoice, threads: number): Promise<void> {
  const engines = await (await candidate(name, choice)).load(threads);
  let peak = process.memoryUsage().rss;
  const result = await runLive(engines, seconds, 'simulated', () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  });
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(`${JSON.stringify({ seconds, peakBytes: peak, segments: result.segments })}\n`);
  await engines.release();
}

function measureMemory(seconds: number, args: string[]): Promise<{ peakBytes: number; segments: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, import.meta.filename, '--mem-child', String(seconds), ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] },
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

function line(name: EngineName, f: EngineFigures): string {
  const or = (value: number | null, digits: number) => (value === null ? 'skipped' : fmt(value, digits));
  return `speech: engine=${name} encode_s=${fmt(f.encodeS)} rtf=${or(f.rtf, 3)} tail=${or(f.tail, 2)} mem=${or(f.mem, 2)} encode_cpu_s=${fmt(f.encodeCpuS)}`;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      standin: { type: 'string', default: 'base' },
      engines: { type: 'string', default: ENGINE_NAMES.join(',') },
      engine: { type: 'string' },
      model: { type: 'string' },
      vad: { type: 'string' },
      threads: { type: 'string', default: '0' },
      fast: { type: 'boolean', default: false },
      'encode-only': { type: 'boolean', default: false },
      'mem-child': { type: 'string' },
    },
  });
  if (!isWhisperShapeName(values.standin))
    throw new Error(`--standin must be tiny, base, small or mini, not ${values.standin}`);
  const choice: ModelChoice = {
    standin: values.standin,
    ...(values.model ? { model: values.model } : {}),
    ...(values.vad ? { vad: values.vad } : {}),
  };
  const threads = speechThreads(Number(values.threads));
  if (values['mem-child'])
    return memoryChild(Number(values['mem-child']), (values.engine as EngineName) ?? CHOSEN, choice, threads);

  const names = values.engines.split(',').map((n) => n.trim()) as EngineName[];
  const unknown = names.filter((n) => !ENGINE_NAMES.includes(n));
  if (unknown.length > 0)
    throw new Error(`unknown engine ${unknown.join(', ')}; choose from ${ENGINE_NAMES.join(', ')}`);
  // The chosen engine runs (and prints) last.
  names.sort((a, b) => Number(a === CHOSEN) - Number(b === CHOSEN));

  console.log(
    `models: ${values.model ? values.model : `stand-ins of Whisper ${values.standin}.en (random weights, real shapes)`}; threads: ${threads}; CPUs: ${os.availableParallelism()}; load average: ${load()}`,
  );
  if (!values.model)
    console.log(
      `note: random weights never end a transcript, so the sherpa-onnx stand-in decoder stops after ${STANDIN_TOKENS_PER_SECOND} tokens per second of speech (real English speech gives 3–4); whisper.cpp's stand-in cannot be capped from outside and decodes to its own limit, so its decoding figures are an upper bound.`,
    );
  for (const note of gpuVariantNotes()) console.log(note);

  const lines: string[] = [];
  for (const name of names)
    lines.push(line(name, await benchEngine(name, choice, threads, values.fast, values['encode-only'])));
  console.log(`\nload average at the end: ${load()}`);
  for (const l of lines) console.log(l);
}

if (process.argv.includes('--mem-child')) {
  const index = process.argv.indexOf('--mem-child');
  await main(process.argv.slice(index));
}
