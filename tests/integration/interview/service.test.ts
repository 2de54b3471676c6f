import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import type { Question, Role } from '../../../content/schema.js';
import type { ErrorInfo } from '../../../main/contract/result.js';
import type { InterruptedSession, InterviewView, RoundSummaryView } from '../../../main/contract/services/interview.js';
import { createContentService } from '../../../main/core/content/service.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { EventBus } from '../../../main/core/events.js';
import type { Interviewer } from '../../../main/core/interview/interviewers/types.js';
import { createInterviewRepository } from '../../../main/core/interview/repository.js';
import { createInterviewService } from '../../../main/core/interview/service.js';
import { openDatabase, type Db } from '../../../main/core/storage/database.js';
import { validRole } from '../../unit/core/content/fixtures/valid-pack.js';

const ROLE = 'svc-role';
const BEHAVIORAL = `${ROLE}-behavioral`;
const BANK = `${ROLE}-bank`;

function question(id: string, answerMinutes = 4): Question {
  return {
    id,
    prompt: `Tell me about ${id}.`,
    difficulty: 'medium',
    topics: ['collaboration'],
    answerMinutes,
    rubric: ['a', 'b', 'c'].map((s) => ({
      id: `${id}-${s}`,
      point: `Covers ${s}`,
      why: `Shows ${s}`,
      signals: [`signal ${s}`],
    })),
    followUps: [
      { prompt: `What did you learn from ${id}?`, probes: `${id}-c` },
      { prompt: `Would you do ${id} again?` },
    ],
    outline: ['Situation', 'Action', 'Result'],
    pitfalls: ['Blaming others'],
  };
}

/** The fixture role with a 4-question behavioral round (2 a session, 1 follow-up) and a 4-question bank (no follow-ups). */
function role(): Role {
  const base = validRole(ROLE);
  const behavioral = base.rounds[1]!;
  return {
    ...base,
    rounds: [
      base.rounds[0]!,
      {
        ...behavioral,
        minutes: 30,
        questionsPerSession: 2,
        maxFollowUps: 1,
        questions: [question('conflict'), question('failure'), question('mentoring'), question('deadline')],
      },
      {
        ...behavioral,
        id: BANK,
        title: 'Bank',
        minutes: 30,
        questionsPerSession: 2,
        maxFollowUps: 0,
        questions: ['b1', 'b2', 'b3', 'b4'].map((id) => question(id)),
      },
    ],
  };
}

let root: string;
let dataDir: string;
let bundledDir: string;
const cores: Core[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ir-interview-'));
  dataDir = join(root, 'data');
  bundledDir = join(root, 'bundled');
  mkdirSync(bundledDir);
  writeFileSync(join(bundledDir, 'svc-role.yaml'), stringify(role(), { lineWidth: 0 }));
});

afterEach(() => {
  for (const core of cores.splice(0)) void core.close();
  rmSync(root, { recursive: true, force: true });
});

function newCore(): Core {
  const core = createCore({
    dataDir,
    bundledRolesDir: bundledDir,
    transport: 'bridge',
    version: '0.0.0-test',
    log: () => undefined,
  });
  cores.push(core);
  return core;
}

async function call<T = InterviewView>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(`interview:${method}`, input);
  if (!result.ok) throw new Error(`interview:${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function failure(core: Core, method: string, input: unknown): Promise<ErrorInfo> {
  const result = await core.dispatch(`interview:${method}`, input);
  if (result.ok) throw new Error(`interview:${method} unexpectedly succeeded`);
  return result.error;
}

const prompts = (qs: string[]) => qs.map((id) => `Tell me about ${id}.`);
const answerCount = (view: InterviewView) => view.messages.filter((m) => m.kind === 'answer').length;

describe('interview service over dispatch, on a real database', () => {
  it('runs a round end to end and survives a crash mid-answer', async () => {
    const core = newCore();
    let view = await call(core, 'start', { roleId: ROLE, roundId: BEHAVIORAL, seed: 1 });
    const sessionId = view.sessionId;
    expect(view).toMatchObject({
      phase: 'intro',
      paused: false,
      questionCount: 2,
      questionNumber: 1,
      interviewer: 'scripted',
      roleTitle: 'Test Engineer',
      company: 'Acme',
      currentPrompt: 'Tell me about yourself.',
    });
    expect(view.round).toEqual({ budgetMs: 30 * 60_000, elapsedMs: 0, runningSince: null });

    view = await call(core, 'begin', { sessionId });
    expect(view.phase).toBe('question');
    expect(view.round.runningSince).not.toBeNull();
    const firstPrompt = view.currentPrompt;
    expect(prompts(['conflict', 'failure', 'mentoring', 'deadline'])).toContain(firstPrompt);

    view = await call(core, 'startAnswer', { sessionId });
    expect(view.phase).toBe('answering');
    expect(view.answer?.runningSince).not.toBeNull();
    const saved = await call<{ savedAt: number }>(core, 'saveDraft', { sessionId, text: 'It started when signal a…' });
    expect(saved.savedAt).toEqual(expect.any(Number));

    // The app dies; a new process opens the same data folder.
    await core.close();
    const after = newCore();
    expect(await call<InterruptedSession[]>(after, 'interrupted', undefined)).toEqual([
      expect.objectContaining({
        sessionId,
        roleTitle: 'Test Engineer',
        roundTitle: 'Behavioral',
        questionNumber: 1,
        questionCount: 2,
      }),
    ]);
    view = await call(after, 'get', { sessionId });
    expect(view).toMatchObject({
      phase: 'answering',
      paused: true,
      draft: 'It started when signal a…',
      currentPrompt: firstPrompt,
    });
    expect(view.round.runningSince).toBeNull();
    expect(view.answer?.runningSince).toBeNull();

    // Paused: a submit is ignored.
    view = await call(after, 'submitAnswer', { sessionId, text: 'too early' });
    expect(view).toMatchObject({ phase: 'answering', paused: true });
    expect(answerCount(view)).toBe(0);

    view = await call(after, 'resume', { sessionId });
    expect(view.paused).toBe(false);
    expect(view.answer?.runningSince).not.toBeNull();

    // Points a and b evidenced: the follow-up probes c.
    view = await call(after, 'submitAnswer', { sessionId, text: 'We disagreed. I showed Signal A and then signal b.' });
    expect(view.phase).toBe('question');
    expect(view.currentPrompt).toMatch(/^What did you learn from /);
    expect(view.questionNumber).toBe(1);

    // One follow-up at most: the next question comes.
    view = await call(after, 'submitAnswer', { sessionId, text: 'I learned signal c.' });
    expect(view.phase).toBe('question');
    expect(view.questionNumber).toBe(2);
    expect(view.currentPrompt).not.toBe(firstPrompt);

    view = await call(after, 'skip', { sessionId });
    expect(view.phase).toBe('wrap_up');

    view = await call(after, 'askInterviewer', { sessionId, text: 'How big is the team?' });
    expect(view.messages.slice(-2).map((m) => [m.kind, m.text])).toEqual([
      ['candidate_question', 'How big is the team?'],
      ['candidate_answer', 'Six people.'],
    ]);

    view = await call(after, 'finish', { sessionId });
    expect(view.phase).toBe('summary');

    const summary = await call<RoundSummaryView>(after, 'summary', { sessionId });
    expect(summary).toMatchObject({ sessionId, roleId: ROLE, roundId: BEHAVIORAL, roundBudgetMs: 30 * 60_000 });
    expect(summary.endedAt).toEqual(expect.any(Number));
    expect(summary.questions).toHaveLength(2);
    const [first, second] = summary.questions;
    expect(first?.prompt).toBe(firstPrompt);
    expect(first?.skipped).toBe(false);
    expect(first?.answers.map((a) => [a.kind, a.text])).toEqual([
      ['question', 'We disagreed. I showed Signal A and then signal b.'],
      ['follow_up', 'I learned signal c.'],
    ]);
    expect(first?.coverage.map((c) => [c.covered, c.evidence])).toEqual([
      [true, ['Signal A']],
      [true, ['signal b']],
      [true, ['signal c']],
    ]);
    expect(second?.skipped).toBe(true);
    expect(second?.answers).toEqual([]);
    expect(second?.coverage.every((c) => !c.covered)).toBe(true);

    // Every turn is in the turns table too.
    const rows = after.db!.prepare('SELECT kind, status, answer_text FROM turns ORDER BY seq').all();
    expect(rows).toEqual([
      { kind: 'question', status: 'answered', answer_text: 'We disagreed. I showed Signal A and then signal b.' },
      { kind: 'follow_up', status: 'answered', answer_text: 'I learned signal c.' },
      { kind: 'question', status: 'skipped', answer_text: null },
    ]);

    expect(await call<InterruptedSession[]>(after, 'interrupted', undefined)).toEqual([]);
    // A finished session reopens finished, not paused.
    await after.close();
    expect(await call(newCore(), 'get', { sessionId })).toMatchObject({ phase: 'summary', paused: false });
  });

  it('lists an interrupted session until it is abandoned', async () => {
    const core = newCore();
    const { sessionId } = await call(core, 'start', { roleId: ROLE, roundId: BEHAVIORAL, seed: 3 });
    await call(core, 'begin', { sessionId });
    const done = await call(core, 'start', { roleId: ROLE, roundId: BEHAVIORAL, questionIds: ['deadline'] });
    await call(core, 'finish', { sessionId: done.sessionId });

    const listed = await call<InterruptedSession[]>(core, 'interrupted', undefined);
    expect(listed.map((s) => s.sessionId)).toEqual([sessionId]);
    expect(listed[0]).toMatchObject({
      roleTitle: 'Test Engineer',
      roundTitle: 'Behavioral',
      questionNumber: 1,
      questionCount: 2,
      updatedAt: expect.any(Number),
    });

    expect(await call(core, 'abandon', { sessionId })).toEqual({ sessionId });
    expect(await call<InterruptedSession[]>(core, 'interrupted', undefined)).toEqual([]);
    expect((await call(core, 'get', { sessionId })).phase).toBe('summary');
    expect((await call<RoundSummaryView>(core, 'summary', { sessionId })).endedAt).toEqual(expect.any(Number));
    expect(core.db!.prepare('SELECT status FROM sessions WHERE id = ?').get(sessionId)).toEqual({
      status: 'abandoned',
    });
    // Still not listed after a restart.
    await core.close();
    expect(await call<InterruptedSession[]>(newCore(), 'interrupted', undefined)).toEqual([]);
  });

  it('a session deleted from History while open answers NOT_FOUND, not an internal error', async () => {
    const core = newCore();
    const { sessionId } = await call(core, 'start', { roleId: ROLE, roundId: BEHAVIORAL, seed: 4 });
    await call(core, 'begin', { sessionId });
    const deleted = await core.dispatch('sessions:delete', { sessionId });
    expect(deleted.ok).toBe(true);
    expect((await failure(core, 'startAnswer', { sessionId })).code).toBe('NOT_FOUND');
    expect((await failure(core, 'get', { sessionId })).code).toBe('NOT_FOUND');
  });

  it('a double submit records exactly one answer', async () => {
    const core = newCore();
    const { sessionId } = await call(core, 'start', { roleId: ROLE, roundId: BEHAVIORAL, questionIds: ['conflict'] });
    await call(core, 'begin', { sessionId });
    await call(core, 'startAnswer', { sessionId });
    const [a, b] = await Promise.all([
      call(core, 'submitAnswer', { sessionId, text: 'My one answer.' }),
      call(core, 'submitAnswer', { sessionId, text: 'My one answer.' }),
    ]);
    expect(answerCount(a)).toBe(1);
    expect(answerCount(b)).toBe(1);
    const view = await call(core, 'get', { sessionId });
    expect(answerCount(view)).toBe(1);
    expect(view.phase).toBe('question'); // the follow-up waits, unanswered
    expect(core.db!.prepare(`SELECT COUNT(*) AS n FROM turns WHERE status = 'answered'`).get()).toEqual({ n: 1 });

    // The next submit is a new click and answers the follow-up.
    const next = await call(core, 'submitAnswer', { sessionId, text: 'The follow-up answer.' });
    expect(answerCount(next)).toBe(2);
  });

  it('a double skip skips one question', async () => {
    const core = newCore();
    const { sessionId } = await call(core, 'start', {
      roleId: ROLE,
      roundId: BEHAVIORAL,
      questionIds: ['conflict', 'failure', 'mentoring'],
    });
    await call(core, 'begin', { sessionId });
    await Promise.all([call(core, 'skip', { sessionId }), call(core, 'skip', { sessionId })]);
    const view = await call(core, 'get', { sessionId });
    expect(view.questionNumber).toBe(2);
    expect(view.currentPrompt).toBe('Tell me about failure.');
  });

  it.each([
    ['submitAnswer', 'wrong types', { sessionId: 42, text: 7 }],
    ['submitAnswer', 'no text', { sessionId: 'x' }],
    ['submitAnswer', 'a text over 200,000 characters', { sessionId: 'x', text: 'a'.repeat(200_001) }],
    ['saveDraft', 'an empty session id', { sessionId: '', text: 'draft' }],
    ['get', 'a string', 'not-an-object'],
    ['start', 'a numeric role id', { roleId: 5, roundId: BEHAVIORAL }],
    ['start', 'questionIds as a string', { roleId: ROLE, roundId: BEHAVIORAL, questionIds: 'conflict' }],
    ['start', 'a fractional seed', { roleId: ROLE, roundId: BEHAVIORAL, seed: 1.5 }],
    ['clarify', 'an empty question', { sessionId: 'x', text: '' }],
  ])('%s with %s → VALIDATION', async (method, _, input) => {
    const error = await failure(newCore(), method, input);
    expect(error.code).toBe('VALIDATION');
  });

  it.each([
    ['get', { sessionId: 'no-such-session' }],
    ['submitAnswer', { sessionId: 'no-such-session', text: 'hello' }],
    ['summary', { sessionId: 'no-such-session' }],
    ['abandon', { sessionId: 'no-such-session' }],
    ['start', { roleId: 'no-such-role', roundId: BEHAVIORAL }],
    ['start', { roleId: ROLE, roundId: 'no-such-round' }],
    ['start', { roleId: ROLE, roundId: BEHAVIORAL, questionIds: ['no-such-question'] }],
  ])('%s with %j → NOT_FOUND', async (method, input) => {
    const error = await failure(newCore(), method, input);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('questionIds starts a session with exactly those questions, in that order', async () => {
    const core = newCore();
    let view = await call(core, 'start', {
      roleId: ROLE,
      roundId: BEHAVIORAL,
      questionIds: ['mentoring', 'conflict', 'gone'],
    });
    const { sessionId } = view;
    expect(view.questionCount).toBe(2);
    // 2 questions × 4 min × 1.5 + 3 = 15 minutes.
    expect(view.round.budgetMs).toBe(15 * 60_000);
    view = await call(core, 'begin', { sessionId });
    expect(view.currentPrompt).toBe('Tell me about mentoring.');
    view = await call(core, 'skip', { sessionId });
    expect(view.currentPrompt).toBe('Tell me about conflict.');
    view = await call(core, 'skip', { sessionId });
    expect(view.phase).toBe('wrap_up');
  });

  it('a new session prefers questions not practised before', async () => {
    const core = newCore();
    const run = async (answer: boolean): Promise<string[]> => {
      const { sessionId } = await call(core, 'start', { roleId: ROLE, roundId: BANK, seed: 7 });
      await call(core, 'begin', { sessionId });
      for (let i = 0; i < 2; i++) await call(core, answer ? 'submitAnswer' : 'skip', { sessionId, text: 'An answer.' });
      expect((await call(core, 'finish', { sessionId })).phase).toBe('summary');
      return (await call<RoundSummaryView>(core, 'summary', { sessionId })).questions.map((q) => q.questionId);
    };
    const first = await run(true);
    expect(first).toHaveLength(2);
    const second = await run(false);
    expect(second).toHaveLength(2);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    // Skipped is not practised: the same seed picks the skipped ones again before the answered ones.
    const third = await run(true);
    expect([...third].sort()).toEqual([...second].sort());
  });
});

describe('interview service with an injected clock', () => {
  const T0 = 1_700_000_000_000;
  let t: number;
  let db: Db;

  beforeEach(() => {
    t = T0;
    const opened = openDatabase(dataDir);
    if (!opened.ok) throw new Error(opened.status.message);
    db = opened.db;
  });
  afterEach(() => db.close());

  function service(interviewer?: () => Interviewer) {
    const content = createContentService({ bundledDir, userDir: join(dataDir, 'roles') });
    const repository = createInterviewRepository(db);
    return createInterviewService({
      repository: () => repository,
      content,
      events: new EventBus(),
      now: () => t,
      ...(interviewer ? { interviewer } : {}),
    });
  }

  it('records answer times, and the round time, from its clock', async () => {
    const s = service();
    const { sessionId } = await s.start({ roleId: ROLE, roundId: BEHAVIORAL, questionIds: ['conflict'] });
    t = T0 + 1_000;
    await s.begin({ sessionId });
    t = T0 + 5_000;
    await s.startAnswer({ sessionId });
    t = T0 + 65_000;
    const view = await s.submitAnswer({ sessionId, text: 'signal a' });
    expect(view.now).toBe(t);
    expect(view.phase).toBe('question');
    t = T0 + 100_000;
    await s.endRound({ sessionId });
    t = T0 + 10 * 60_000;
    const summary = await s.summary({ sessionId });
    expect(summary.roundElapsedMs).toBe(99_000);
    expect(summary.endedAt).toBe(T0 + 100_000);
    expect(summary.questions[0]?.answers).toEqual([
      {
        kind: 'question',
        prompt: 'Tell me about conflict.',
        text: 'signal a',
        elapsedMs: 60_000,
        budgetMs: 4 * 60_000,
      },
    ]);
    expect(summary.questions[0]?.timeUsedMs).toBe(60_000);
  });

  it('after a crash, the time the app was down does not count', async () => {
    const s = service();
    const { sessionId } = await s.start({ roleId: ROLE, roundId: BEHAVIORAL, questionIds: ['conflict'] });
    t = T0 + 1_000;
    await s.begin({ sessionId });
    t = T0 + 5_000;
    await s.startAnswer({ sessionId });
    t = T0 + 20_000;
    await s.saveDraft({ sessionId, text: 'draft' });

    t = T0 + 10 * 3_600_000; // ten hours later, a new process
    const restarted = service();
    const view = await restarted.get({ sessionId });
    expect(view).toMatchObject({ phase: 'answering', paused: true, draft: 'draft' });
    expect(view.round).toMatchObject({ elapsedMs: 19_000, runningSince: null });
    expect(view.answer).toMatchObject({ elapsedMs: 15_000, runningSince: null });
    await restarted.resume({ sessionId });
    t += 10_000;
    await restarted.submitAnswer({ sessionId, text: 'signal a' });
    await restarted.finish({ sessionId });
    const summary = await restarted.summary({ sessionId });
    expect(summary.questions[0]?.answers[0]?.elapsedMs).toBe(25_000);
    expect(summary.roundElapsedMs).toBe(29_000);
  });

  it('a crash while the interviewer was deciding: resuming gets the decision', async () => {
    const never: Interviewer = {
      kind: 'llm',
      decide: () => new Promise(() => undefined),
      clarify: async () => 'ok',
      answerCandidateQuestion: async () => 'ok',
    };
    const s = service(() => never);
    const { sessionId, interviewer } = await s.start({
      roleId: ROLE,
      roundId: BEHAVIORAL,
      questionIds: ['conflict', 'failure'],
    });
    expect(interviewer).toBe('llm');
    await s.begin({ sessionId });
    await s.startAnswer({ sessionId });
    void s.submitAnswer({ sessionId, text: 'signal a, signal b' }); // never settles: the model hangs, then the app dies
    const repository = createInterviewRepository(db);
    await vi.waitFor(() => expect(repository.load(sessionId)?.state.phase).toBe('deciding'));

    t = T0 + 3_600_000;
    const restarted = service(); // no model now: the scripted interviewer decides
    expect(await restarted.get({ sessionId })).toMatchObject({ phase: 'deciding', paused: true });
    const view = await restarted.resume({ sessionId });
    expect(view.paused).toBe(false);
    expect(view.phase).toBe('question');
    expect(view.currentPrompt).toBe('What did you learn from conflict?');
    expect(answerCount(view)).toBe(1);
  });

  it('keeps a 50,000-character answer intact through the database', async () => {
    const long = Array.from({ length: 50_000 }, (_, i) => 'ab c\n"é’'[i % 8]).join('');
    const s = service();
    const { sessionId } = await s.start({ roleId: ROLE, roundId: BEHAVIORAL, questionIds: ['conflict'] });
    await s.begin({ sessionId });
    await s.submitAnswer({ sessionId, text: long });
    const summary = await service().summary({ sessionId });
    expect(summary.questions[0]?.answers[0]?.text).toBe(long);
    expect(db.prepare(`SELECT answer_text FROM turns WHERE status = 'answered'`).get()).toEqual({ answer_text: long });
  });
});
