/**
 * Speculative start of the interviewer's reply, on the real engine (the tiny fixture model,
 * greedy sampling so the same prompt gives the same reply): a turn with the same answer adopts
 * the reply already under way, a newer draft drops it, and the chat never keeps a dropped reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnOutcome, TurnRequest } from '../../../main/core/interview/interviewers/llm/round-chat.js';
import { createRoundChats, type RoundChats } from '../../../main/core/interview/interviewers/llm/round-chats.js';
import type { Decision, DecisionContext } from '../../../main/core/interview/interviewers/types.js';
import { createLlmService, type LlmService } from '../../../main/core/llm/llm-service.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { validRole } from '../../unit/core/content/fixtures/valid-pack.js';

let llm: LlmService;
let chats: RoundChats;

beforeAll(async () => {
  const fixture = await fixturePath('llama-2-tiny-random.gguf');
  llm = createLlmService({ modelPath: () => fixture, threads: 1, gpu: false });
  chats = createRoundChats(llm);
  await llm.ready();
});

afterAll(async () => {
  await llm.close();
});

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

function request(ctx: DecisionContext): Omit<TurnRequest, 'onToken' | 'signal'> {
  return {
    context: ctx,
    allowFollowUp: true,
    allowNextQuestion: true,
    allowMoveOn: true,
    maxTokens: 40,
    followUpMaxChars: 16,
    deadline: Date.now() + 60_000,
    temperature: 0,
    seed: 1,
  };
}

const ANSWER = 'We split the write path and added an idempotency key, then shipped it behind a flag.';

/** Runs a turn, returning the model's outcome and what streamed. */
async function turn(chatId: string, ctx: DecisionContext) {
  const chat = await chats.roundChat(chatId, role, round);
  let streamed = '';
  let outcome: TurnOutcome | null = null;
  const before = chat.sequence.tokenMeter.getState();
  await chat.turn({ ...request(ctx), onToken: (t) => (streamed += t) }, (o): Decision => {
    outcome = o;
    return { action: 'next_question', coveredRubricIds: [] };
  });
  const after = chat.sequence.tokenMeter.getState();
  return {
    chat,
    streamed,
    outcome: outcome as TurnOutcome | null,
    evaluated: after.usedInputTokens - before.usedInputTokens,
    generated: after.usedOutputTokens - before.usedOutputTokens,
  };
}

describe('a new round chat', () => {
  it('evaluates its system prompt in the background, so the first answer adds only its own tokens', async () => {
    const chat = await chats.roundChat('warm', role, round);
    await chat.idle();
    const warmed = chat.sequence.contextTokens.length;
    expect(warmed).toBeGreaterThan(0);
    const first = await turn('warm', context([ANSWER]));
    // Only the question and the answer were evaluated by the turn, not the system prompt again.
    const answerTokens = (await llm.ready()).model.tokenize(ANSWER).length;
    expect(first.evaluated).toBeGreaterThanOrEqual(answerTokens);
    expect(first.evaluated).toBeLessThan(warmed);
  });
});

describe('threads of a speculative reply', () => {
  it('take every core: a speculation starts only once the recognizer is idle, and speech stops it', async () => {
    const calls: string[] = [];
    // The same model host, with the lease's thread switch recorded.
    const recording = createRoundChats({
      ready: (signal) => llm.ready(signal),
      isReady: () => llm.isReady(),
      claimSequence: async (release, signal) => {
        const lease = await llm.claimSequence(release, signal);
        return { ...lease, useThreads: (kind) => (calls.push(kind), lease.useThreads(kind)) };
      },
    });
    const chat = await recording.roundChat('threads', role, round);
    await chat.idle();
    calls.length = 0;
    chat.speculate(request(context([ANSWER])));
    await chat.idle();
    expect(calls).toEqual(['foreground']);
    // A draft (the candidate may still be speaking) leaves a core to speech.
    await recording.preloadAnswer('threads', `${ANSWER} More.`, context([]));
    expect(calls).toEqual(['foreground', 'background']);
    // The app saves the settled draft and then starts the reply on it: the reply waits for
    // that draft's evaluation, which then takes every core too.
    const settled = context([`${ANSWER} Settled.`]);
    calls.length = 0;
    void chat.preload(settled);
    chat.speculate(request(settled));
    await chat.idle();
    expect(calls).toEqual(['foreground', 'foreground']);
  });
});

describe('speculative start of a reply', () => {
  it('a turn on the same answer adopts the reply under way: same reply, nothing evaluated twice', async () => {
    const direct = await turn('direct', context([ANSWER]));

    const chat = await chats.roundChat('speculated', role, round);
    const start = chat.sequence.tokenMeter.getState();
    chat.speculate(request(context([ANSWER])));
    // The same draft arriving after the speculation (the app sends both) changes nothing.
    await chats.preloadAnswer('speculated', ANSWER, context([]));
    const adopted = await turn('speculated', context([ANSWER]));
    const total = chat.sequence.tokenMeter.getState();

    expect(adopted.outcome?.raw).toBe(direct.outcome?.raw);
    expect(adopted.streamed).toBe(direct.streamed);
    // The reply was written once, by the speculation.
    expect(total.usedOutputTokens - start.usedOutputTokens).toBe(direct.generated);
    expect(chat.history().filter((h) => h.type === 'model')).toHaveLength(1);
    expect(adopted.evaluated).toBe(0);
    // The answer was evaluated once, by the speculation (not again by the draft that followed).
    expect(total.usedInputTokens - start.usedInputTokens).toBe(direct.evaluated);
  });

  it('a newer draft drops it, and the chat forgets the dropped reply', async () => {
    const chat = await chats.roundChat('resumed', role, round);
    await chats.preloadAnswer('resumed', ANSWER, context([]));
    chat.speculate(request(context([ANSWER])));
    const longer = `${ANSWER} Then we watched the error budget for a week.`;
    await chats.preloadAnswer('resumed', longer, context([]));
    await chat.idle();
    expect(chat.history().filter((h) => h.type === 'model')).toHaveLength(0);

    const resumed = await turn('resumed', context([longer]));
    const fresh = await turn('fresh', context([longer]));
    expect(resumed.outcome?.raw).toBe(fresh.outcome?.raw);
    expect(resumed.chat.history().filter((h) => h.type === 'model')).toHaveLength(1);
  });

  it('speech resuming stops it, and the chat forgets it (a reply never runs beside the recognizer)', async () => {
    const chat = await chats.roundChat('held-back', role, round);
    await chats.preloadAnswer('held-back', ANSWER, context([]));
    chat.speculate(request(context([ANSWER])));
    chats.stopSpeculation('held-back');
    await chat.idle();
    expect(chat.history().filter((h) => h.type === 'model')).toHaveLength(0);
    // Another session's stop leaves this chat's speculation alone.
    chat.speculate(request(context([ANSWER])));
    chats.stopSpeculation('someone-else');
    await chat.idle();
    const adopted = await turn('held-back', context([ANSWER]));
    expect(adopted.evaluated).toBe(0);
  });

  it('a turn on other text decides afresh and keeps one exchange', async () => {
    const chat = await chats.roundChat('other', role, round);
    chat.speculate(request(context([ANSWER])));
    const other = await turn('other', context([`${ANSWER} And we load-tested it.`]));
    const fresh = await turn('other-fresh', context([`${ANSWER} And we load-tested it.`]));
    expect(other.outcome?.raw).toBe(fresh.outcome?.raw);
    expect(chat.history().filter((h) => h.type === 'user')).toHaveLength(1);
  });
});

describe('an answer taken back (undo)', () => {
  it('the chat forgets the decision made on it, and only on those words', async () => {
    const chat = await chats.roundChat('undo', role, round);
    await turn('undo', context([ANSWER]));
    expect(chat.history().filter((h) => h.type === 'model')).toHaveLength(1);
    await chat.takeBack('Some other answer');
    expect(chat.history().filter((h) => h.type === 'model')).toHaveLength(1);
    await chat.takeBack(ANSWER);
    expect(chat.history().filter((h) => h.type === 'model')).toHaveLength(0);
    expect(chat.history().filter((h) => h.type === 'user')).toHaveLength(0);
    // Nothing left to take back a second time.
    await chat.takeBack(ANSWER);
    expect(chat.history().filter((h) => h.type === 'system')).toHaveLength(1);
  });
});
