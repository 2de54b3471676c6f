/**
 * The LLM interviewer on the fixture GGUF: grammar-checked decisions, the follow-up streamed
 * token by token, and the scripted interviewer taking the turn (with a notice) whenever the
 * model cannot: cut-off JSON, a timeout, no model, a corrupt model. Aborting is silent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoundChats } from '../../../main/core/interview/interviewers/llm/round-chats.js';
import {
  createLlmInterviewerFactory,
  NONSENSE_NOTICE,
  NONSENSE_STOP_NOTICE,
  type LlmInterviewerLimits,
} from '../../../main/core/interview/interviewers/llm-interviewer.js';
import { scriptedClarification, scriptedDecision } from '../../../main/core/interview/interviewers/scripted.js';
import type { Decision, DecisionContext } from '../../../main/core/interview/interviewers/types.js';
import { createLlmService, type LlmService } from '../../../main/core/llm/llm-service.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { validRole } from '../../unit/core/content/fixtures/valid-pack.js';

let fixture: string;
let tmp: string;
let llm: LlmService;
const services: LlmService[] = [];

beforeAll(async () => {
  fixture = await fixturePath('llama-2-tiny-random.gguf');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-llm-interviewer-'));
  llm = serviceFor(fixture);
  await llm.ready();
});

afterAll(async () => {
  for (const service of services) await service.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function serviceFor(modelPath: string): LlmService {
  const service = createLlmService({ modelPath: () => modelPath, threads: 1, gpu: false });
  services.push(service);
  return service;
}

const role = validRole();
const round = role.rounds[1]!;
const question = round.questions[0]!;
const rubricIds = question.rubric.map((r) => r.id);

function context(over: Partial<DecisionContext> = {}): DecisionContext {
  return {
    role,
    round,
    question,
    answers: ['We disagreed about the schema, so I wrote down both options and we measured them.'],
    askedFollowUps: [],
    followUpsAsked: 0,
    maxFollowUps: 2,
    revealedParts: 1,
    roundRemainingMs: 30 * 60_000,
    questionsLeft: 1,
    nextQuestionMinutes: 5,
    ...over,
  };
}

/** Small limits: the fixture runs free text to the cap, so the cap keeps each turn short. */
function interviewerWith(service: LlmService, limits: Partial<LlmInterviewerLimits>) {
  const notices: { sessionId: string; message: string }[] = [];
  const factory = createLlmInterviewerFactory({
    llm: service,
    chats: createRoundChats(service),
    notify: (sessionId, message) => notices.push({ sessionId, message }),
    limits: { decisionMaxTokens: 48, followUpMaxChars: 16, ...limits },
  });
  return { factory, notices };
}

interface Turn {
  seed: number;
  decision: Decision;
  tokens: string[];
  notices: string[];
}

async function turnWithSeed(seed: number, over: Partial<DecisionContext> = {}): Promise<Turn> {
  const { factory, notices } = interviewerWith(llm, { seed });
  const tokens: string[] = [];
  const decision = await factory(`seed-${seed}`).decide(context(over), { onToken: (t) => tokens.push(t) });
  return { seed, decision, tokens, notices: notices.map((n) => n.message) };
}

describe('decisions from the model', () => {
  let turns: Turn[];

  beforeAll(async () => {
    turns = [];
    for (let seed = 1; seed <= 16; seed += 1) turns.push(await turnWithSeed(seed));
  });

  it('are grammar-constrained: only the allowed actions, only known rubric ids', () => {
    for (const { decision } of turns) {
      expect(['follow_up', 'next_question']).toContain(decision.action);
      for (const id of decision.coveredRubricIds) expect(rubricIds).toContain(id);
    }
    // Decisions the model made itself (no fallback notice) exist: valid JSON came back.
    expect(turns.filter((t) => t.notices.length === 0).length).toBeGreaterThan(0);
  });

  it('stream a follow-up (held until its words read as English), and the streamed text is the follow-up asked', () => {
    const followUps = turns.filter((t) => t.decision.action === 'follow_up' && t.notices.length === 0);
    expect(followUps.length).toBeGreaterThan(0);
    for (const { decision, tokens } of followUps) {
      expect(tokens.length).toBeGreaterThan(0);
      expect(tokens.join('').replace(/\s+/g, ' ').trim()).toBe(decision.followUp);
      expect(decision.followUp!.length).toBeLessThanOrEqual(16);
    }
  });

  it('offer no follow-up when none is left: the only choice is to move on, valid JSON, nothing streamed', async () => {
    const { decision, notices, tokens } = await turnWithSeed(3, { followUpsAsked: 2 });
    expect(notices).toEqual([]);
    expect(tokens).toEqual([]);
    expect(decision.action).toBe('next_question');
    // The spoken line before the next question is the scripted one: a whole sentence.
    expect(decision.transition).toMatch(/^[A-Z].*[.!?]$/);
  });

  it('wrap up when the next question does not fit', async () => {
    const { decision, notices } = await turnWithSeed(3, { followUpsAsked: 2, roundRemainingMs: 4 * 60_000 });
    expect(notices).toEqual([]);
    expect(decision.action).toBe('wrap_up');
  });

  it('abort mid-turn: back at once, no notice, and the next turn works', async () => {
    const streaming = turns.find((t) => t.decision.action === 'follow_up' && t.notices.length === 0);
    expect(streaming).toBeDefined();
    const { factory, notices } = interviewerWith(llm, { seed: streaming!.seed });
    const interviewer = factory('abort');
    const controller = new AbortController();
    const tokens: string[] = [];
    const deciding = interviewer.decide(context(), { signal: controller.signal, onToken: (t) => tokens.push(t) });
    controller.abort();
    const decision = await deciding;
    expect(tokens).toEqual([]);
    expect(notices).toEqual([]);
    expect(decision).toEqual(scriptedDecision(context()));
    const again = await interviewer.decide(context(), { onToken: () => undefined });
    expect(again).toEqual(streaming!.decision);
  });
});

describe('the scripted interviewer takes the turn', () => {
  it('when the model writes text that is not English (the random test model), with a notice, and for good after two', async () => {
    const { factory, notices } = interviewerWith(llm, { followUpMaxChars: 240, decisionMaxTokens: 160, seed: 5 });
    const interviewer = factory('gibberish');
    const decisions: Decision[] = [];
    const streamed: string[] = [];
    for (let i = 0; i < 6 && notices.length < 2; i++) {
      decisions.push(await interviewer.decide(context(), { onToken: (t) => streamed.push(t) }));
    }
    expect(notices.map((n) => n.message)).toEqual([NONSENSE_NOTICE, NONSENSE_STOP_NOTICE]);
    // Nothing of the gibberish reached the screen, and the turns were the scripted interviewer's.
    expect(streamed).toEqual([]);
    expect(decisions.at(-1)).toEqual(scriptedDecision(context()));
    // From now on the model sits out: the scripted decision comes at once, with no new notice.
    const started = Date.now();
    expect(await interviewer.decide(context())).toEqual(scriptedDecision(context()));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(notices).toHaveLength(2);
  });

  it('when the JSON is cut off (after one retry), with a notice', async () => {
    const { factory, notices } = interviewerWith(llm, { decisionMaxTokens: 6, seed: 1 });
    const decision = await factory('cut').decide(context());
    expect(decision).toEqual(scriptedDecision(context()));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ sessionId: 'cut' });
    expect(notices[0]!.message).toMatch(/cut off, so the scripted interviewer took this turn/);
  });

  it('when the model takes too long', async () => {
    const { factory, notices } = interviewerWith(llm, {
      decisionTimeoutMs: 1,
      decisionMaxTokens: 400,
      followUpMaxChars: 240,
    });
    const decision = await factory('slow').decide(context());
    expect(decision).toEqual(scriptedDecision(context()));
    expect(notices.map((n) => n.message)).toEqual([expect.stringMatching(/took longer than 1 second/)]);
  });

  it('when no model file is there: MODEL_MISSING, noticed once per session', async () => {
    const { factory, notices } = interviewerWith(serviceFor(path.join(tmp, 'missing.gguf')), {});
    const interviewer = factory('missing');
    expect(await interviewer.decide(context())).toEqual(scriptedDecision(context()));
    expect(await interviewer.decide(context({ followUpsAsked: 1 }))).toEqual(
      scriptedDecision(context({ followUpsAsked: 1 })),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toMatch(/"missing\.gguf" is missing.*scripted interviewer is asking/);
  });

  it('when the model file is not a model (a text file renamed .gguf): MODEL_INVALID', async () => {
    const fake = path.join(tmp, 'fake.gguf');
    fs.writeFileSync(fake, 'not a model at all\n');
    const { factory, notices } = interviewerWith(serviceFor(fake), {});
    expect(await factory('fake').decide(context())).toEqual(scriptedDecision(context()));
    expect(notices[0]!.message).toMatch(/not a usable GGUF model/);
  });

  it('for a clarifying question the model cannot finish in one sentence', async () => {
    const { factory, notices } = interviewerWith(llm, { clarifyMaxTokens: 4 });
    const reply = await factory('clarify').clarify({
      role,
      round,
      question,
      candidateQuestion: 'Should I assume a small team?',
    });
    expect(reply).toBe(scriptedClarification('Should I assume a small team?'));
    expect(notices.map((n) => n.message)).toEqual([expect.stringMatching(/standard reply/)]);
  });
});
