/**
 * `npm run bench -- turn [--standin 1b|3b] [--threads N] [--whisper-threads N] [--speech-standin tiny|base|small]
 *   [--end-after-ms N | --stop-after-ms N] [--seed N] [--no-speculate] [--trace]`
 *
 * The turn that matters: the candidate stops speaking → the interviewer's first word. A
 * 90-second spoken answer (espeak-ng, a known script) goes through the app's live pipeline at
 * real-time pace: 200 ms capture chunks → WAV file + Silero VAD → per-segment transcription →
 * each transcribed segment pre-evaluated in the round's chat (the round chat's preloadAnswer, as the app does
 * for drafts) → the answer ends after a silence → the LLM interviewer decides, streaming.
 * The interviewer receives the script's own words segment by segment (the speech stand-in's
 * text is nonsense), so the prompt has a real answer's length.
 *
 * Stages are timed from the last voiced sample of the answer:
 *   end_of_speech_s    the answer is judged over (silence reached --end-after-ms, or Stop was
 *                      pressed --stop-after-ms after the last word: the app's default, auto-end off)
 *   tail_s             the last segment is transcribed
 *   llm_first_token_s  the interviewer's first streamed token
 *   first_word_s       the first complete word of the follow-up (or a move-on decision made)
 * The naive pipeline, in the same run with the same engines and threads: the same fixed silence
 * wait, the whole answer transcribed after it (one call per 28 s window, the most the engine
 * takes at once), and a fresh chat evaluating the whole prompt (no KV reuse, no
 * pre-evaluation). ratio = first_word_s ÷ naive_s.
 * mem_overhead_mb = peak RSS − (model files + KV cache estimate).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createLlmInterviewerFactory,
  DEFAULT_LLM_LIMITS,
  type LlmInterviewerLimits,
} from '../main/core/interview/interviewers/llm-interviewer.js';
import { createLlmService, type LlmService } from '../main/core/llm/llm-service.js';
import { LivePipeline } from '../main/core/speech/live-pipeline.js';
import { SAMPLE_RATE } from '../main/core/speech/pcm.js';
import { speechThreads } from '../main/core/speech/transcriber.js';
import type { LiveSegment } from '../main/core/speech/transcript-queue.js';
import { readSamples } from '../main/core/speech/wav-format.js';
import { openWavWriter } from '../main/core/speech/wav-writer.js';
import { firstWordClock } from './lib/first-word.js';
import { benchContext, benchRound, chatsOf } from './lib/llm-round.js';
import { loadBenchSpeech, transcribeWhole, type BenchSpeech } from './lib/speech-engine.js';
import { scriptTextFor, spokenAnswer, type SpokenAnswer } from './lib/spoken-answer.js';
import { standinsDir } from './standins/cache.js';
import { LLAMA_STANDINS, type LlamaStandinName } from './standins/gguf-llama.js';
import { ensureLlamaStandin } from './standins/llama-cache.js';
import { isWhisperShapeName, WHISPER_SHAPES, type WhisperShapeName } from './standins/whisper-shapes.js';

const CHUNK_MS = 200;
const CHUNK = (CHUNK_MS * SAMPLE_RATE) / 1000;
const bench = benchRound();

interface Stages {
  endOfSpeechMs: number;
  tailMs: number;
  firstTokenMs: number | null;
  firstWordMs: number;
  decision: string;
  promptTokens: number;
  speculation?: string;
}

/** How the answer ends: the auto-end's silence rule, or Stop pressed (auto-end is off by default). */
type AnswerEnd = { by: 'silence' | 'stop'; ms: number };

const sleepUntil = (t: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, t - performance.now())));

/** Peak resident memory, sampled as the run goes and taken from the OS at the end. */
function memoryPeak() {
  let peak = process.memoryUsage().rss;
  return {
    sample: () => (peak = Math.max(peak, process.memoryUsage().rss)),
    bytes: () => Math.max(peak, process.resourceUsage().maxRSS * 1024),
  };
}

async function appPipeline(
  llm: LlmService,
  speech: BenchSpeech,
  answer: SpokenAnswer,
  limits: LlmInterviewerLimits,
  end: AnswerEnd,
  memory: ReturnType<typeof memoryPeak>,
  options: { speculate: boolean; trace: boolean },
): Promise<Stages> {
  const sessionId = 'turn-app';
  const interviewer = createLlmInterviewerFactory({ llm, chats: chatsOf(llm), notify: () => undefined, limits })(
    sessionId,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-turn-'));
  const writer = openWavWriter(path.join(dir, '1.wav'));
  const texts = new Map<number, string>();
  const speculated = { count: 0, last: '' };
  let lastVoicedAt = 0;
  // --trace: each event near the end of the answer, in seconds from its last voiced sample.
  const trace = (event: string) => {
    if (options.trace) console.error(`[${((performance.now() - lastVoicedAt) / 1000).toFixed(2)}] ${event}`);
  };
  const draft = (segments: readonly LiveSegment[]) =>
    segments
      .filter((s) => s.status === 'done')
      .map((s) => texts.get(s.index) ?? '')
      .filter(Boolean)
      .join(' ');
  const pipeline: LivePipeline = new LivePipeline({
    vad: speech.vad,
    transcriber: speech.transcriber,
    read: (s, e) => readSamples(writer.file, writer, s, e),
    prompt: () => 'Um, uh, so.',
    // As the app does: speech after a pause stops a reply started in it.
    onSpeechResumed: () => interviewer.holdBack?.(),
    onSegment: (segment) => {
      trace(`segment ${segment.index} ${segment.status}, silence ${pipeline.state().silenceMs} ms`);
      if (segment.status !== 'done') return;
      texts.set(segment.index, scriptTextFor(answer, segment.start, segment.end));
      const soFar = draft(pipeline.segments);
      // What the app does with every saved draft: pre-evaluate the answer so far.
      void chatsOf(llm).preloadAnswer(sessionId, soFar, benchContext([], bench));
      // Silent, and the transcript has caught up: the answer may be over, so start the reply.
      const state = pipeline.state();
      if (options.speculate && state.waiting === 0 && (state.silenceMs ?? 0) >= 400) {
        speculated.count += 1;
        speculated.last = soFar;
        trace('speculative start of the reply');
        interviewer.prepare?.(benchContext([soFar], bench));
      }
    },
  });
  const chat = await chatsOf(llm).roundChat(sessionId, bench.role, bench.round);
  const started = performance.now();
  lastVoicedAt = started + (answer.lastVoiced / SAMPLE_RATE) * 1000;
  let endAt: number;
  for (let n = 0; ; n += 1) {
    const from = n * CHUNK;
    const chunk = from < answer.samples.length ? answer.samples.slice(from, from + CHUNK) : new Int16Array(CHUNK);
    // A microphone delivers a chunk once its 200 ms have passed.
    await sleepUntil(started + (n + 1) * CHUNK_MS);
    writer.append(chunk);
    const state = pipeline.push(chunk);
    memory.sample();
    if (from >= answer.lastVoiced - CHUNK) trace(`chunk, silence ${state.silenceMs} ms, ${state.waiting} waiting`);
    // The app's auto-end rule (the practice screen's "end the answer after N s of silence"), or
    // the candidate pressing Stop a moment after the last word.
    const ended =
      end.by === 'silence'
        ? state.silenceMs !== null && state.silenceMs >= end.ms
        : from + CHUNK >= answer.lastVoiced + (end.ms * SAMPLE_RATE) / 1000;
    if (ended) {
      endAt = performance.now();
      if (from < answer.lastVoiced)
        throw new Error(`the answer was ended at ${from / SAMPLE_RATE} s, before it was over`);
      break;
    }
    if (n * CHUNK_MS > 10 * 60_000) throw new Error('the answer never ended (no silence detected)');
  }
  await pipeline.finish();
  const tailAt = performance.now();
  const finalText = draft(pipeline.segments);
  const clock = firstWordClock();
  const before = chat.sequence.tokenMeter.getState().usedInputTokens;
  const decision = await interviewer.decide(benchContext([finalText], bench), {
    onToken: (text) => {
      if (clock.firstWordAt === null) trace(`token ${JSON.stringify(text)}`);
      clock.onToken(text);
    },
  });
  clock.done();
  memory.sample();
  writer.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    endOfSpeechMs: endAt - lastVoicedAt,
    tailMs: tailAt - lastVoicedAt,
    firstTokenMs: clock.firstTokenAt === null ? null : clock.firstTokenAt - lastVoicedAt,
    firstWordMs: clock.firstWordAt! - lastVoicedAt,
    decision: decision.action,
    promptTokens: chat.sequence.tokenMeter.getState().usedInputTokens - before,
    speculation: `${speculated.count} speculative start(s), the last on the final answer: ${speculated.last === finalText ? 'yes' : 'no'}`,
  };
}

/** After the same silence wait: one transcription of the whole answer, then a cold chat. */
async function naivePipeline(
  llm: LlmService,
  speech: BenchSpeech,
  answer: SpokenAnswer,
  limits: LlmInterviewerLimits,
  endMs: number,
): Promise<Stages & { transcribeMs: number }> {
  const sessionId = 'turn-naive';
  const t0 = performance.now();
  await transcribeWhole(speech, answer.samples.subarray(0, answer.lastVoiced + 1));
  const transcribeMs = performance.now() - t0;
  const text = answer.phrases.map((p) => p.text).join(' ');
  const interviewer = createLlmInterviewerFactory({ llm, chats: chatsOf(llm), notify: () => undefined, limits })(
    sessionId,
  );
  const chat = await chatsOf(llm).roundChat(sessionId, bench.role, bench.round);
  const clock = firstWordClock();
  const t1 = performance.now();
  const decision = await interviewer.decide(benchContext([text], bench), { onToken: (text) => clock.onToken(text) });
  clock.done();
  const llmStart = endMs + transcribeMs;
  return {
    endOfSpeechMs: endMs,
    tailMs: llmStart,
    transcribeMs,
    firstTokenMs: clock.firstTokenAt === null ? null : llmStart + clock.firstTokenAt - t1,
    firstWordMs: llmStart + clock.firstWordAt! - t1,
    decision: decision.action,
    promptTokens: chat.sequence.tokenMeter.getState().usedInputTokens,
  };
}

/** K and V for every layer, position and sequence, in f16 (llama.cpp's default cache type). */
function kvCacheBytes(name: LlamaStandinName, contextSize: number, sequences: number): number {
  const s = LLAMA_STANDINS[name];
  return 2 * s.layers * contextSize * sequences * (s.hidden / s.heads) * s.kvHeads * 2;
}

function speechShape(name: string | undefined): WhisperShapeName {
  if (name && isWhisperShapeName(name)) return name;
  throw new Error(`--speech-standin must be one of ${Object.keys(WHISPER_SHAPES).join(', ')}`);
}

const sec = (ms: number | null) => (ms === null ? '—' : (ms / 1000).toFixed(2));

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      standin: { type: 'string', default: '1b' },
      threads: { type: 'string' },
      'whisper-threads': { type: 'string', default: '0' },
      'speech-standin': { type: 'string', default: 'base' },
      'end-after-ms': { type: 'string', default: '2000' },
      'stop-after-ms': { type: 'string' },
      seed: { type: 'string', default: '3' },
      'no-speculate': { type: 'boolean', default: false },
      trace: { type: 'boolean', default: false },
    },
  });
  const name = values.standin as LlamaStandinName;
  if (!(name in LLAMA_STANDINS)) throw new Error(`--standin must be one of ${Object.keys(LLAMA_STANDINS).join(', ')}`);
  const end: AnswerEnd = values['stop-after-ms']
    ? { by: 'stop', ms: Number(values['stop-after-ms']) }
    : { by: 'silence', ms: Number(values['end-after-ms']) };
  const answer = spokenAnswer(standinsDir());
  const model = ensureLlamaStandin(name);
  const threads = values.threads ? Number(values.threads) : undefined;
  const memory = memoryPeak();
  const llm = createLlmService({ modelPath: () => model.file, ...(threads ? { threads } : {}) });
  const loaded = await llm.ready();
  const speech = await loadBenchSpeech(
    speechThreads(Number(values['whisper-threads'])),
    speechShape(values['speech-standin']),
  );
  // Stand-ins write random words by design: the bench measures speed, so the sanity gate is off.
  const limits: LlmInterviewerLimits = { ...DEFAULT_LLM_LIMITS, seed: Number(values.seed), sanityGate: false };
  console.log(
    `LLM: ${LLAMA_STANDINS[name].label} stand-in (random weights), context ${loaded.context.contextSize}, threads ${threads ?? 'app default'}`,
  );
  console.log(`speech: ${speech.label}`);
  console.log(
    `answer: ${(answer.samples.length / SAMPLE_RATE).toFixed(1)} s of espeak-ng speech, ${answer.phrases.length} sentences; answer ends ${end.by === 'stop' ? `with Stop pressed ${end.ms} ms after the last word` : `after ${end.ms} ms of silence`}; CPUs ${os.availableParallelism()}, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log('feeding the answer at real-time pace…');
  const app = await appPipeline(llm, speech, answer, limits, end, memory, {
    speculate: !values['no-speculate'],
    trace: values.trace,
  });
  const naive = await naivePipeline(llm, speech, answer, limits, end.ms);
  memory.sample();

  console.log('\nseconds after the last voiced sample   app   naive');
  const rows: [string, number | null, number | null][] = [
    ['end of speech decided', app.endOfSpeechMs, naive.endOfSpeechMs],
    ['last segment transcribed (tail)', app.tailMs, naive.tailMs],
    ['LLM first token', app.firstTokenMs, naive.firstTokenMs],
    ['first word of the reply', app.firstWordMs, naive.firstWordMs],
  ];
  for (const [label, a, b] of rows) console.log(`${label.padEnd(38)}${sec(a).padStart(6)}${sec(b).padStart(8)}`);
  console.log(
    `app: ${app.speculation ?? 'no speculative start'}; prompt tokens evaluated after the answer: app ${app.promptTokens}, naive ${naive.promptTokens}; naive transcription of the whole answer ${sec(naive.transcribeMs)} s; decisions: app ${app.decision}, naive ${naive.decision}`,
  );
  const files = [model.file, ...speech.files].reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const kv = kvCacheBytes(name, loaded.context.contextSize, 2);
  const peak = memory.bytes();
  console.log(
    `memory: peak RSS ${(peak / 2 ** 20).toFixed(0)} MB; model files ${(files / 2 ** 20).toFixed(0)} MB + KV cache ${(kv / 2 ** 20).toFixed(0)} MB (2 sequences × ${loaded.context.contextSize} tokens, f16)`,
  );
  await speech.vad.release();
  await speech.transcriber.release();
  await llm.close();
  const ratio = app.firstWordMs / naive.firstWordMs;
  console.log(
    `turn: first_word_s=${sec(app.firstWordMs)} naive_s=${sec(naive.firstWordMs)} ratio=${ratio.toFixed(3)} end_of_speech_s=${sec(app.endOfSpeechMs)} tail_s=${sec(app.tailMs)} llm_first_token_s=${sec(app.firstTokenMs)} mem_overhead_mb=${((peak - files - kv) / 2 ** 20).toFixed(0)}`,
  );
}
