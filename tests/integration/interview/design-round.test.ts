/**
 * The phase-timed design round through the real core (scripted interviewer, real SQLite, the
 * bundled Stripe pack) with a fake clock: the round goes on for as long as its clock says, moves
 * through its phases, and wraps up only near the end, saying the time left truthfully.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InterviewView } from '../../../main/contract/services/interview.js';
import { parsePack } from '../../../main/core/content/parse-pack.js';
import { createCore, type Core } from '../../../main/core/create-core.js';

const ROLES = join(import.meta.dirname, '..', '..', '..', 'content', 'roles');
const STRIPE = 'stripe-backend-engineer';
const MIN = 60_000;
const pack = parsePack(readFileSync(join(ROLES, `${STRIPE}.yaml`)), 'stripe').role!;
const designRound = pack.rounds.find((r) => r.id === 'system-design')!;

const dirs: string[] = [];
const cores: Core[] = [];

beforeEach(() => {
  // Only Date is faked: the clock the interview reads; timers and I/O stay real.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
});

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.useRealTimers();
});

function makeCore(): Core {
  const dataDir = mkdtempSync(join(tmpdir(), 'ir-design-round-'));
  dirs.push(dataDir);
  const core = createCore({
    dataDir,
    bundledRolesDir: ROLES,
    transport: 'bridge',
    version: '0.0.0-test',
    log: () => {},
  });
  cores.push(core);
  return core;
}

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
/** Round time used as the view's clock has it now. */
const used = (view: InterviewView) =>
  view.round.elapsedMs + (view.round.runningSince === null ? 0 : view.now - view.round.runningSince);
const interviewerLines = (view: InterviewView) =>
  view.messages.filter((m) => m.speaker === 'interviewer').map((m) => m.text);

/** Answers the current prompt after `minutes` of thinking and talking. */
async function answer(core: Core, sessionId: string, text: string, minutes: number): Promise<InterviewView> {
  await core.services.interview.startAnswer({ sessionId });
  advance(minutes * MIN);
  return core.services.interview.submitAnswer({ sessionId, text });
}

describe('a 60-minute system design round (scripted interviewer)', () => {
  it('is still running after 3 answers, moving through its phases, and wraps up only when the clock says so', async () => {
    const core = makeCore();
    const { interview } = core.services;
    let view = await interview.start({ roleId: STRIPE, roundId: 'system-design', seed: 7 });
    const sessionId = view.sessionId;
    expect(view.round.budgetMs).toBe(60 * MIN);
    expect(view.questionCount).toBe(1);
    expect(view.designPhase?.plan.map((p) => [p.title, p.minutes])).toEqual(
      designRound.phases!.map((p) => [p.title, p.minutes]),
    );
    view = await interview.begin({ sessionId });
    expect(view.designPhase).toMatchObject({ id: 'requirements', number: 1, boxMs: 6 * MIN, startedAtMs: 0 });

    view = await answer(core, sessionId, 'I would start by clarifying what is in scope and what is not.', 3);
    expect(view.phase).toBe('question');
    expect(view.messages.at(-1)?.kind).toBe('follow_up');
    const first = view.currentPrompt;

    view = await answer(core, sessionId, 'A few thousand requests per second at peak, a few terabytes a year.', 2);
    expect(view.phase).toBe('question');
    const second = view.currentPrompt;

    // Requirements and estimates have come up: the interviewer has moved on to the API phase.
    view = await answer(core, sessionId, 'The clients call us over HTTPS and we answer quickly.', 4);
    expect(view.phase).toBe('question');
    expect(view.messages.at(-1)?.kind).toBe('follow_up');
    expect(view.designPhase).toMatchObject({ id: 'api', number: 2, title: 'API' });
    expect(new Set([first, second, view.currentPrompt]).size).toBe(3);
    expect(view.messages.filter((m) => m.kind === 'transition').map((m) => m.text)).toEqual([
      designRound.phases![1]!.intro,
    ]);
    expect(view.messages.some((m) => m.kind === 'wrap_up')).toBe(false);

    // Keep answering every few minutes: follow-ups keep coming while the clock has room.
    let answers = 3;
    while (view.phase === 'question') {
      if (used(view) > 50 * MIN) break;
      view = await answer(core, sessionId, `Answer number ${answers + 1}, with some detail about the design.`, 5);
      answers += 1;
    }
    expect(view.phase).toBe('question');
    expect(answers).toBeGreaterThanOrEqual(10);
    expect(view.designPhase?.id).toBe('failure-modes');
    // Each phase was announced once, in order, on the way in.
    const transitions = view.messages.filter((m) => m.kind === 'transition').map((m) => m.text);
    expect(transitions).toHaveLength(designRound.phases!.length - 1);
    transitions.forEach((line, i) => expect(line.endsWith(designRound.phases![i + 1]!.intro!)).toBe(true));

    // 56 minutes used, 4 left: the next answer brings the wrap-up, saying so truthfully.
    advance(56 * MIN - used(view) - 2 * MIN);
    view = await answer(core, sessionId, 'And if the primary fails we promote a replica.', 2);
    expect(view.phase).toBe('wrap_up');
    expect(view.messages.at(-1)?.text).toMatch(/about 4 minutes left/);
    expect(interviewerLines(view).some((line) => /a few minutes/.test(line))).toBe(false);
  });

  it('gives a skipped follow-up another instead of ending the round', async () => {
    const core = makeCore();
    const { interview } = core.services;
    const { sessionId } = await interview.start({
      roleId: STRIPE,
      roundId: 'system-design',
      questionIds: ['stripe-be-sd-payments-api'],
    });
    await interview.begin({ sessionId });
    let view = await answer(core, sessionId, 'Cards only; refunds are out of scope.', 3);
    const skipped = view.currentPrompt;
    view = await interview.skip({ sessionId });
    expect(view.phase).toBe('question');
    const skip = view.messages.findIndex((m) => m.kind === 'skip');
    expect(view.messages.slice(skip).map((m) => m.kind)).toEqual(['skip', 'transition', 'follow_up']);
    expect(view.currentPrompt).not.toBe(skipped);
  });

  it("answers a clarifying question from the question's stated constraints", async () => {
    const core = makeCore();
    const { interview } = core.services;
    const question = designRound.questions.find((q) => q.id === 'stripe-be-sd-payments-api')!;
    const { sessionId } = await interview.start({
      roleId: STRIPE,
      roundId: 'system-design',
      questionIds: [question.id],
    });
    await interview.begin({ sessionId });
    const byTopic = (topic: string) => question.design!.constraints.find((c) => c.topic === topic)!.answer;

    let view = await interview.clarify({ sessionId, text: 'How many payments per second should we expect at peak?' });
    expect(view.messages.at(-1)).toMatchObject({ kind: 'clarify_answer', text: byTopic('Traffic') });

    // While answering a follow-up too, and about another constraint.
    const followUp = await answer(core, sessionId, 'First the requirements.', 2);
    expect(followUp.messages.at(-1)?.kind).toBe('follow_up');
    await interview.startAnswer({ sessionId });
    view = await interview.clarify({ sessionId, text: 'Are refunds in scope, or only cards?' });
    expect(view.messages.at(-1)).toMatchObject({ kind: 'clarify_answer', text: byTopic('Scope') });
    expect(view.phase).toBe('answering');
  });
});
