/**
 * `npm run bench -- llm [--model PATH | --standin 1b|3b] [--threads N] [--runs N]`
 *
 * The LLM interviewer against raw node-llama-cpp, on the same model and context:
 *   overhead     = wall time of the app's interviewer turns (LlmInterviewer.decide: chat lookup,
 *                  grammar, streaming parser, checks, history bookkeeping)
 *                  ÷ raw LlamaChatSession.prompt with the same history, message, grammar,
 *                  sampling and streaming callback, producing the same number of tokens (≤ 1.05)
 *   reeval       = prompt tokens evaluated in a follow-up turn ÷ tokens the turn added
 *                  (sequence.tokenMeter; 1.0 = the history is never evaluated again) (≤ 1.2)
 *   preload_ttft = time to the first interviewer token after a 300-word answer ends, with the
 *                  answer pre-evaluated while it was typed ÷ without               (≤ 0.5)
 * Default model: the fixture llama-2-tiny-random.gguf on 1 thread (the real code path; it
 * writes gibberish, so only the ratios mean anything). --standin runs a size-faithful stand-in
 * (TinyLlama 1.1B or Llama 3.2 3B shapes, random weights; `npm run bench -- standins`), written
 * to the stand-in cache first if needed: real models' speed, nonsense words.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { LlamaChatSession, LlamaContextSequence } from 'node-llama-cpp';
import { decisionSchema } from '../main/core/interview/interviewers/llm/decision-schema.js';
import { answerMessage, systemPrompt } from '../main/core/interview/interviewers/llm/prompts.js';
import type { RoundChat } from '../main/core/interview/interviewers/llm/round-chat.js';
import {
  createLlmInterviewerFactory,
  DEFAULT_LLM_LIMITS,
  type LlmInterviewerLimits,
} from '../main/core/interview/interviewers/llm-interviewer.js';
import { allowedActions } from '../main/core/interview/interviewers/timing.js';
import { createLlmService, type LlmService } from '../main/core/llm/llm-service.js';
import { benchContext, benchRound, chatsOf } from './lib/llm-round.js';
import { LLAMA_STANDINS, type LlamaStandinName } from './standins/gguf-llama.js';
import { ensureLlamaStandin } from './standins/llama-cache.js';

const FIXTURES = process.env.FIXTURES_DIR ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'fixtures');
const FIXTURE_MODEL = path.join(FIXTURES, 'llama-2-tiny-random.gguf');

const WORDS = (
  'So the way I approached it was to first write down what the service had to guarantee, then measure where the time went. ' +
  'We found that most requests waited on a lock in the ledger, so I split the write path, added an idempotency key per request, ' +
  'and moved the slow reconciliation into a queue with retries and a dead letter topic. I paired with the on-call engineer on the rollout, ' +
  'we shipped it behind a flag to one percent of traffic, watched the error budget and the p99 latency, and then ramped it up over a week.'
).split(' ');

function words(n: number, offset = 0): string {
  return Array.from({ length: n }, (_, i) => WORDS[(i + offset) % WORDS.length]).join(' ');
}

const bench = benchRound();
const { role, round, question } = bench;
const context = (answers: string[]) => benchContext(answers, bench);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const meter = (sequence: LlamaContextSequence) => sequence.tokenMeter.getState();
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

interface OverheadRow {
  turn: number;
  appMs: number;
  rawMs: number;
  /** CPU time of the whole process (llama.cpp's threads included): barely moved by other processes. */
  appCpuMs: number;
  rawCpuMs: number;
  appTokens: number;
  rawTokens: number;
  evaluated: number;
  added: number;
  settle: number;
}

/** Interleaved app and raw turns on one growing conversation; both sides start each turn from the same, settled history. */
async function overheadRun(
  llm: LlmService,
  limits: LlmInterviewerLimits,
  sessionId: string,
  turns: number,
): Promise<OverheadRow[]> {
  const { llama, context: llamaContext } = await llm.ready();
  const { LlamaChatSession } = await import('node-llama-cpp');
  const interviewer = createLlmInterviewerFactory({ llm, chats: chatsOf(llm), notify: () => undefined, limits })(
    sessionId,
  );
  const chat: RoundChat = await chatsOf(llm).roundChat(sessionId, role, round);
  const rawSequence = llamaContext.getSequence();
  const raw: LlamaChatSession = new LlamaChatSession({
    contextSequence: rawSequence,
    systemPrompt: systemPrompt(role, round),
  });
  const rows: OverheadRow[] = [];
  const answers: string[] = [];
  const grammars = new Map<string, Awaited<ReturnType<typeof llama.createGrammarForJsonSchema>>>();
  try {
    for (let turn = 0; turn < turns; turn += 1) {
      answers.push(words(turn === 0 ? 90 : 45, turn * 7));
      const ctx = context([...answers]);
      // Raw gets exactly the app's conversation so far, evaluated before the clock starts.
      raw.setChatHistory(chat.history());
      await raw.preloadPrompt('');
      await chat.idle();

      // Like the app, raw keeps one grammar per schema (its first use is costly), made untimed.
      const allowed = allowedActions(ctx);
      const schema = decisionSchema({
        allowFollowUp: allowed.followUp,
        allowNextQuestion: allowed.nextQuestion,
        allowMoveOn: allowed.moveOn,
        rubricIds: question.rubric.map((r) => r.id),
        followUpMaxChars: limits.followUpMaxChars,
      });
      const key = JSON.stringify(schema);
      if (!grammars.has(key))
        grammars.set(
          key,
          await llama.createGrammarForJsonSchema(schema as Parameters<typeof llama.createGrammarForJsonSchema>[0]),
        );
      const grammar = grammars.get(key)!;
      const runRaw = async () => {
        const before = meter(rawSequence);
        const cpu = process.cpuUsage();
        const started = performance.now();
        // Streaming, as the app does (its text goes to the screen token by token).
        await raw.prompt(answerMessage(ctx, turn > 0), {
          grammar,
          maxTokens: limits.decisionMaxTokens,
          temperature: limits.temperature,
          seed: limits.seed!,
          minP: 0.05,
          onTextChunk: () => undefined,
        });
        return {
          ms: performance.now() - started,
          cpuMs: cpuMs(process.cpuUsage(cpu)),
          tokens: meter(rawSequence).usedOutputTokens - before.usedOutputTokens,
        };
      };
      // Alternate who goes first, so a warm cache or a busy moment does not always favour one side.
      const rawFirst = turn % 2 === 1 ? await runRaw() : null;

      const appBefore = meter(chat.sequence);
      const lengthBefore = chat.sequence.contextTokens.length;
      const cpu = process.cpuUsage();
      const t = performance.now();
      await interviewer.decide(ctx, { onToken: () => undefined });
      const appMs = performance.now() - t;
      const appCpuMs = cpuMs(process.cpuUsage(cpu));
      const appAfter = meter(chat.sequence);
      const appTokens = appAfter.usedOutputTokens - appBefore.usedOutputTokens;
      // The meter counts prompt tokens as input and generated ones as output; the context grew
      // by the new prompt tokens plus the reply.
      const evaluated = appAfter.usedInputTokens - appBefore.usedInputTokens;
      const added = chat.sequence.contextTokens.length - lengthBefore - appTokens;
      await chat.idle();
      const settle = meter(chat.sequence).usedInputTokens - appAfter.usedInputTokens;

      const rawRun = rawFirst ?? (await runRaw());
      rows.push({
        turn,
        appMs,
        rawMs: rawRun.ms,
        appCpuMs,
        rawCpuMs: rawRun.cpuMs,
        appTokens,
        rawTokens: rawRun.tokens,
        evaluated,
        added,
        settle,
      });
    }
  } finally {
    raw.dispose();
    await rawSequence.dispose();
  }
  return rows;
}

/** Time from "done" to the first streamed follow-up token, with or without the answer pre-evaluated. */
async function ttft(
  llm: LlmService,
  limits: LlmInterviewerLimits,
  sessionId: string,
  preload: boolean,
): Promise<{ ms: number; streamed: boolean; evaluated: number }> {
  const interviewer = createLlmInterviewerFactory({ llm, chats: chatsOf(llm), notify: () => undefined, limits })(
    sessionId,
  );
  const chat = await chatsOf(llm).roundChat(sessionId, role, round);
  // The same short first exchange in both cases, then the measured 300-word answer.
  const first = words(40);
  await interviewer.decide(context([first]), { onToken: () => undefined });
  await chat.idle();
  const answer = words(300, 3);
  if (preload) {
    // Drafts as the practice screen saves them: every 3 s while typing, per transcribed segment
    // while speaking (a few seconds, here 10 words).
    const all = answer.split(' ');
    for (let n = 10; n < all.length; n += 10) {
      await chatsOf(llm).preloadAnswer(sessionId, all.slice(0, n).join(' '), context([first]));
    }
    await chat.idle();
  }
  const before = meter(chat.sequence).usedInputTokens;
  let firstAt: number | null = null;
  const t = performance.now();
  await interviewer.decide(context([first, answer]), { onToken: () => (firstAt ??= performance.now()) });
  const end = performance.now();
  return {
    ms: (firstAt ?? end) - t,
    streamed: firstAt !== null,
    evaluated: meter(chat.sequence).usedInputTokens - before,
  };
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      standin: { type: 'string' },
      threads: { type: 'string' },
      runs: { type: 'string' },
    },
  });
  const standin = values.standin as LlamaStandinName | undefined;
  if (standin !== undefined && !(standin in LLAMA_STANDINS))
    throw new Error(`--standin must be one of ${Object.keys(LLAMA_STANDINS).join(', ')}`);
  const modelPath = path.resolve(standin ? ensureLlamaStandin(standin).file : (values.model ?? FIXTURE_MODEL));
  const isFixture = values.model === undefined && standin === undefined;
  const threads = values.threads ? Number(values.threads) : isFixture ? 1 : undefined;
  const runs = Math.max(1, Number(values.runs ?? 5));
  const llm = createLlmService({ modelPath: () => modelPath, ...(threads ? { threads } : {}) });
  const loadStart = performance.now();
  const loaded = await llm.ready();
  const loadMs = performance.now() - loadStart;
  // The fixture runs any free text to the cap: a short cap keeps its follow-ups whole (no retries).
  // The fixture and stand-ins write random words by design: the bench measures speed, so the sanity gate is off.
  const base: LlmInterviewerLimits = {
    ...DEFAULT_LLM_LIMITS,
    ...(isFixture ? { followUpMaxChars: 60 } : {}),
    seed: 7,
    sanityGate: false,
  };

  console.log(
    `model: ${path.basename(modelPath)}${standin ? ` (stand-in for ${LLAMA_STANDINS[standin].label}: real shapes, random weights)` : ''} on ${loaded.gpu?.backend ?? 'cpu'}, threads ${threads ?? 'default'}, context ${loaded.context.contextSize} tokens, loaded in ${loadMs.toFixed(0)} ms`,
  );

  // Overhead and re-evaluation: the same conversation (same seed) `runs` times; each turn's
  // fastest time on each side is its cost without other processes' interference.
  const rows: OverheadRow[] = [];
  for (let run = 0; run < runs; run += 1) rows.push(...(await overheadRun(llm, base, `overhead-${run}`, 6)));
  const turnsMeasured = [...new Set(rows.map((r) => r.turn))];
  const perTurn = turnsMeasured.map((turn) => {
    const of = rows.filter((r) => r.turn === turn);
    const fastest = (pick: (r: OverheadRow) => number) => Math.min(...of.map(pick));
    return {
      ...of[0]!,
      appMs: fastest((r) => r.appMs),
      rawMs: fastest((r) => r.rawMs),
      appCpuMs: fastest((r) => r.appCpuMs),
      rawCpuMs: fastest((r) => r.rawCpuMs),
      sameTokens: of.every((r) => r.appTokens === r.rawTokens),
    };
  });
  console.log(
    `\nturn  wall ms app/raw  cpu ms app/raw  (fastest of ${runs})  tokens app/raw  prompt evaluated/added  re-tokenized in background`,
  );
  for (const r of perTurn) {
    console.log(
      `${String(r.turn).padStart(4)}  ${`${r.appMs.toFixed(1)}/${r.rawMs.toFixed(1)}`.padStart(16)}  ${`${r.appCpuMs.toFixed(1)}/${r.rawCpuMs.toFixed(1)}`.padStart(15)}  ${''.padStart(15)}  ${`${r.appTokens}/${r.rawTokens}`.padStart(14)}  ${`${r.evaluated}/${r.added}`.padStart(22)}  ${String(r.settle).padStart(26)}`,
    );
  }
  const same = perTurn.filter((r) => r.sameTokens);
  const overhead = same.reduce((s, r) => s + r.appMs, 0) / same.reduce((s, r) => s + r.rawMs, 0);
  const overheadMedian = median(rows.filter((r) => r.appTokens === r.rawTokens).map((r) => r.appMs / r.rawMs));
  const followUpTurns = rows.filter((r) => r.turn > 0 && r.added > 0);
  const reeval = followUpTurns.reduce((s, r) => s + r.evaluated, 0) / followUpTurns.reduce((s, r) => s + r.added, 0);
  const reevalWithSettle =
    followUpTurns.reduce((s, r) => s + r.evaluated + r.settle, 0) / followUpTurns.reduce((s, r) => s + r.added, 0);
  const overheadCpu = same.reduce((s, r) => s + r.appCpuMs, 0) / same.reduce((s, r) => s + r.rawCpuMs, 0);
  console.log(
    `turns with equal token counts: ${same.length}/${perTurn.length}; wall-time ratio, median of single runs ${overheadMedian.toFixed(3)}; cpu-time ratio ${overheadCpu.toFixed(3)}`,
  );

  // Pre-evaluation: seeds whose decision on the measured answer is a (streamed) follow-up, each
  // measured `runs` times both ways (fastest kept); the figure is the median over seeds.
  const ratios: number[] = [];
  const ttftRows: string[] = [];
  for (let seed = 1, tries = 0; ratios.length < 3 && tries < 40; tries += 1, seed += 1) {
    const limits = { ...base, seed };
    const probe = await ttft(llm, limits, `ttft-probe-${seed}`, false);
    if (!probe.streamed) continue;
    const cold = [probe];
    const warm = [];
    for (let run = 0; run < runs; run += 1) {
      if (run > 0) cold.push(await ttft(llm, limits, `ttft-cold-${seed}-${run}`, false));
      warm.push(await ttft(llm, limits, `ttft-warm-${seed}-${run}`, true));
    }
    if (!warm.every((w) => w.streamed)) continue;
    const coldMs = Math.min(...cold.map((c) => c.ms));
    const warmMs = Math.min(...warm.map((w) => w.ms));
    ratios.push(warmMs / coldMs);
    ttftRows.push(
      `${String(seed).padStart(4)}  ${coldMs.toFixed(1).padStart(10)}  ${warmMs.toFixed(1).padStart(10)}  ${`${cold[0]!.evaluated}/${warm[0]!.evaluated}`.padStart(24)}`,
    );
  }
  console.log(`\nseed  without ms  preload ms  (fastest of ${runs})  tokens evaluated w/o/with`);
  for (const line of ttftRows) console.log(line);
  const preloadTtft = ratios.length > 0 ? median(ratios) : Number.NaN;

  console.log(
    `\nreeval including the background re-tokenization of the model's replies: ${reevalWithSettle.toFixed(2)}`,
  );
  await llm.close();
  console.log(
    `llm: overhead=${overhead.toFixed(3)} reeval=${reeval.toFixed(2)} preload_ttft=${preloadTtft.toFixed(2)}`,
  );
}
