/**
 * The LLM service on a real GGUF (the tiny random-weights fixture): loading, coded errors,
 * structured calls through a JSON-schema grammar, and the KV cache at work in a round's chat.
 * The fixture writes gibberish, so these tests check shapes, limits and token counts, never wording.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../main/contract/result.js';
import { answerMessage } from '../../../main/core/interview/interviewers/llm/prompts.js';
import type { TurnRequest } from '../../../main/core/interview/interviewers/llm/round-chat.js';
import { createRoundChats, type RoundChats } from '../../../main/core/interview/interviewers/llm/round-chats.js';
import type { Decision, DecisionContext } from '../../../main/core/interview/interviewers/types.js';
import { createLlmService, type LlmService } from '../../../main/core/llm/llm-service.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { validRole } from '../../unit/core/content/fixtures/valid-pack.js';

const roundChatsBy = new WeakMap<LlmService, RoundChats>();
/** One round-chat keeper per model host, as create-core makes it. */
function chatsOf(service: LlmService): RoundChats {
  let chats = roundChatsBy.get(service);
  if (!chats) roundChatsBy.set(service, (chats = createRoundChats(service)));
  return chats;
}

let fixture: string;
let tmp: string;
let llm: LlmService;
const others: LlmService[] = [];

beforeAll(async () => {
  fixture = await fixturePath('llama-2-tiny-random.gguf');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-llm-'));
  // gpu 'auto' as in the app: a GPU when there is one, else the CPU build.
  llm = createLlmService({ modelPath: () => fixture, threads: 1 });
});

afterAll(async () => {
  await llm.close();
  for (const other of others) await other.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function serviceFor(modelPath: string | null): LlmService {
  const service = createLlmService({ modelPath: () => modelPath, threads: 1, gpu: false });
  others.push(service);
  return service;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected the load to fail');
}

const role = validRole();
const round = role.rounds[1]!;
const question = round.questions[0]!;

function context(answers: string[]): DecisionContext {
  return {
    role,
    round,
    question,
    answers,
    askedFollowUps: [],
    followUpsAsked: 0,
    maxFollowUps: 2,
    revealedParts: 1,
    roundRemainingMs: 30 * 60_000,
    questionsLeft: 1,
    nextQuestionMinutes: 5,
  };
}

function request(ctx: DecisionContext): TurnRequest {
  return {
    context: ctx,
    allowFollowUp: false,
    allowNextQuestion: true,
    allowMoveOn: true,
    maxTokens: 48,
    followUpMaxChars: 16,
    deadline: Date.now() + 60_000,
    temperature: 0,
    seed: 1,
  };
}

const keep = (): Decision => ({ action: 'next_question', coveredRubricIds: [] });
const words = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => ['we', 'agreed', 'to', 'split', 'the', 'schema', 'change', 'because', 'latency', 'mattered'][i % 10],
  ).join(' ');

describe('loading', () => {
  it('loads lazily: idle until used, then ready', async () => {
    expect(llm.status()).toMatchObject({ state: 'idle', modelPath: fixture });
    llm.warmUp();
    expect(llm.status().state).toBe('loading');
    const loaded = await llm.ready();
    expect(loaded.modelPath).toBe(fixture);
    expect(loaded.context.contextSize).toBeGreaterThanOrEqual(1024);
    expect(llm.status()).toMatchObject({ state: 'ready', gpu: loaded.gpu || null });
    expect(llm.status().message).toMatch(/runs on the (CPU|GPU)/);
    expect(await llm.ready()).toBe(loaded);
  });

  it('no model chosen, or a file that is gone: MODEL_MISSING', async () => {
    expect(await codeOf(serviceFor(null).ready())).toBe('MODEL_MISSING');
    const gone = serviceFor(path.join(tmp, 'gone.gguf'));
    expect(await codeOf(gone.ready())).toBe('MODEL_MISSING');
    expect(gone.status()).toMatchObject({ state: 'failed' });
    expect(gone.status().message).toMatch(/"gone\.gguf" is missing.*Models/);
  });

  it('a text file renamed .gguf: MODEL_INVALID, with a message that says what to do', async () => {
    const fake = path.join(tmp, 'notes.gguf');
    fs.writeFileSync(fake, 'these are my interview notes, not a model\n');
    const service = serviceFor(fake);
    expect(await codeOf(service.ready())).toBe('MODEL_INVALID');
    expect(service.status().message).toMatch(/not a usable GGUF model.*Import a \.gguf model/);
  });

  it('a GGUF cut short: MODEL_INVALID or MODEL_LOAD_FAILED, never a crash', async () => {
    const cut = path.join(tmp, 'cut.gguf');
    fs.writeFileSync(cut, fs.readFileSync(fixture).subarray(0, 200_000));
    expect(['MODEL_INVALID', 'MODEL_LOAD_FAILED']).toContain(await codeOf(serviceFor(cut).ready()));
  });

  it('follows the active model: a new path is loaded on the next use', async () => {
    const copy = path.join(tmp, 'copy.gguf');
    fs.copyFileSync(fixture, copy);
    let active = fixture;
    const service = createLlmService({ modelPath: () => active, threads: 1, gpu: false });
    others.push(service);
    expect((await service.ready()).modelPath).toBe(fixture);
    active = copy;
    expect((await service.ready()).modelPath).toBe(copy);
  });
});

describe('generateJson', () => {
  const schema = { type: 'object', properties: { verdict: { enum: ['strong', 'weak'] } } };

  it('an enum schema gives valid JSON, streamed token by token', async () => {
    const chunks: string[] = [];
    const result = await llm.generateJson<{ verdict: string }>(
      'You judge answers.',
      'Judge: "we used a queue".',
      schema,
      {
        maxTokens: 24,
        timeoutMs: 60_000,
        onToken: (t) => chunks.push(t),
      },
    );
    expect(result.failure).toBeUndefined();
    expect(['strong', 'weak']).toContain(result.value?.verdict);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(result.raw);
  });

  it('free text that runs past maxTokens comes back as cut_off', async () => {
    const result = await llm.generateJson(
      'You judge answers.',
      'Explain.',
      { type: 'object', properties: { why: { type: 'string' } } },
      { maxTokens: 8, timeoutMs: 60_000 },
    );
    expect(result).toMatchObject({ value: null, failure: 'cut_off' });
    expect(result.raw.startsWith('{')).toBe(true);
  });

  it('stops when aborted mid-stream', async () => {
    const controller = new AbortController();
    const chunks: string[] = [];
    const result = await llm.generateJson(
      'You judge answers.',
      'Explain.',
      { type: 'object', properties: { why: { type: 'string' } } },
      {
        maxTokens: 400,
        timeoutMs: 60_000,
        signal: controller.signal,
        onToken: (t) => {
          chunks.push(t);
          if (chunks.length === 3) controller.abort();
        },
      },
    );
    expect(result.failure).toBe('aborted');
    expect(chunks.length).toBeLessThan(20);
  });

  it('stops at its time limit', async () => {
    const result = await llm.generateJson(
      'You judge answers.',
      'Explain.',
      { type: 'object', properties: { why: { type: 'string' } } },
      { maxTokens: 4000, timeoutMs: 1 },
    );
    expect(result.failure).toBe('timeout');
  });

  it('without a usable model: failure "error" with the reason', async () => {
    const result = await serviceFor(path.join(tmp, 'nothing.gguf')).generateJson('s', 'p', schema, {
      maxTokens: 8,
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ value: null, failure: 'error' });
    expect(result.message).toMatch(/missing/);
  });
});

describe("a round's chat", () => {
  it('a pre-evaluated draft leaves only the tail to evaluate after "done"', async () => {
    const answer = words(300);
    const draft = answer.split(' ').slice(0, -5).join(' ');

    const cold = await chatsOf(llm).roundChat('cold', role, round);
    await cold.idle();
    const coldBefore = cold.sequence.tokenMeter.getState().usedInputTokens;
    await cold.turn(request(context([answer])), keep);
    const coldEvaluated = cold.sequence.tokenMeter.getState().usedInputTokens - coldBefore;

    const warm = await chatsOf(llm).roundChat('warm', role, round);
    await chatsOf(llm).preloadAnswer('warm', draft, context([]));
    const warmBefore = warm.sequence.tokenMeter.getState().usedInputTokens;
    await warm.turn(request(context([answer])), keep);
    const warmEvaluated = warm.sequence.tokenMeter.getState().usedInputTokens - warmBefore;

    const answerTokens = (await llm.ready()).model.tokenize(answer).length;
    expect(coldEvaluated).toBeGreaterThan(answerTokens);
    expect(warmEvaluated).toBeLessThan(answerTokens / 10);
  });

  it('the next turn evaluates only what it adds, not the history', async () => {
    const chat = await chatsOf(llm).roundChat('history', role, round);
    const first = context([words(120)]);
    await chat.turn(request(first), keep);
    await chat.idle();

    const second = { ...context([words(120), 'And then we shipped it behind a flag.']), followUpsAsked: 1 };
    const before = chat.sequence.tokenMeter.getState().usedInputTokens;
    const contextBefore = chat.sequence.contextTokens.length;
    await chat.turn(request(second), keep);
    const evaluated = chat.sequence.tokenMeter.getState().usedInputTokens - before;

    const added = (await llm.ready()).model.tokenize(answerMessage(second, true)).length;
    expect(contextBefore).toBeGreaterThan(200); // the first turn is in the cache
    expect(evaluated).toBeGreaterThanOrEqual(added);
    expect(evaluated).toBeLessThanOrEqual(added + 16); // chat-template tokens around the message
  });
});

describe('a long round in a small context', () => {
  it('before a new question, a nearly full context becomes a summary of the finished questions', async () => {
    const small = createLlmService({ modelPath: () => fixture, threads: 1, gpu: false, maxContextSize: 1024 });
    others.push(small);
    const chat = await chatsOf(small).roundChat('small', role, round);
    expect(chat.sequence.contextSize).toBe(1024);
    const first = context([words(300)]);
    await chat.turn(request(first), keep);
    await chat.idle();
    expect(chat.sequence.contextTokens.length).toBeGreaterThan(1024 * 0.6);

    const nextQuestion = { ...question, id: 'second-question', prompt: 'Tell me about a deadline you missed.' };
    await chat.turn(request({ ...context(['We shipped late.']), question: nextQuestion }), keep);
    const history = chat.history();
    expect(history).toHaveLength(3); // the new system prompt, this answer, the reply
    expect(history[0]).toMatchObject({ type: 'system' });
    const system = history[0];
    expect(system?.type === 'system' ? system.text : '').toContain(
      `Earlier in this interview (summary):\n- "${question.prompt}"`,
    );
    expect(history[1]).toMatchObject({ type: 'user' });
    expect((history[1] as { text: string }).text).toContain('Question: Tell me about a deadline you missed.');
  });

  it('one question longer than the context still gets a reply (the oldest turns are shifted out)', async () => {
    const small = createLlmService({ modelPath: () => fixture, threads: 1, gpu: false, maxContextSize: 1024 });
    others.push(small);
    const chat = await chatsOf(small).roundChat('overflow', role, round);
    const answers: string[] = [];
    const outcomes: string[] = [];
    for (let turn = 0; turn < 5; turn += 1) {
      answers.push(words(250));
      await chat.turn(request(context([...answers])), (outcome) => {
        outcomes.push(outcome.ok ? 'model' : outcome.failure);
        return keep();
      });
    }
    // Five answers of ~330 tokens do not fit in 1024 tokens together, yet every turn was answered.
    expect(outcomes).toEqual(['model', 'model', 'model', 'model', 'model']);
    expect(chat.sequence.contextTokens.length).toBeLessThanOrEqual(1024);
  });
});
