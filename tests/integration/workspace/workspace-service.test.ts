/**
 * The workspace through the real core (SQLite, engine, sandboxed runner): files autosave and
 * survive a restart, parts appear on passing submits without using up follow-ups, a double
 * submit runs once, languages keep their own code, snapshots and per-part feedback.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/create-core.js';

const bundledRolesDir = path.resolve(import.meta.dirname, '../../../content/roles');
let dir: string;
let core: Core;

const open = () =>
  createCore({ dataDir: path.join(dir, 'data'), bundledRolesDir, transport: 'bridge', version: 't', log: () => {} });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-workspace-'));
  core = open();
});
afterEach(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const PART1 =
  'function fee(amount, bps) {\n  const p = amount * bps;\n  const r = p % 10000;\n  return (p - r) / 10000 + (r * 2 >= 10000 ? 1 : 0);\n}\n';

async function startFees() {
  const s = core.services;
  const view = await s.interview.start({
    roleId: 'stripe-backend-engineer',
    roundId: 'practical-coding',
    questionIds: ['stripe-be-ex-fees'],
    seed: 1,
  });
  await s.interview.begin({ sessionId: view.sessionId });
  return view.sessionId;
}

describe('workspace', () => {
  it('opens on the first part in the default language, with the languages the references prove', async () => {
    const sessionId = await startFees();
    expect((await core.services.interview.get({ sessionId })).workspace).toBe(true);
    const ws = (await core.services.workspace.open({ sessionId }))!;
    expect(ws.languages).toEqual(['javascript', 'typescript', 'python']);
    expect(ws.language).toBe('python');
    expect(ws.parts.map((p) => p.title)).toEqual(['A percentage fee']);
    expect(ws.parts[0]!.tests[0]).toMatchObject({ input: 'fee(1000, 290)', expected: '29' });
    expect(ws.files.solution).toMatch(/^def fee\(amount, bps\):/);
  });

  it('keeps each language its own code, and files survive closing the app without a goodbye', async () => {
    const s = core.services;
    const sessionId = await startFees();
    await s.workspace.open({ sessionId });
    await s.workspace.saveFile({
      sessionId,
      questionId: 'stripe-be-ex-fees',
      language: 'python',
      file: 'solution',
      text: 'def fee(a, b):\n    return 0\n',
    });
    let ws = await s.workspace.setLanguage({ sessionId, language: 'javascript' });
    expect(ws.files.solution).toMatch(/^function fee/);
    await s.workspace.saveFile({
      sessionId,
      questionId: 'stripe-be-ex-fees',
      language: 'javascript',
      file: 'solution',
      text: PART1,
    });
    // No close(): like a kill -9, only what was committed remains.
    core = open();
    ws = (await core.services.workspace.open({ sessionId }))!;
    expect(ws.language).toBe('javascript');
    expect(ws.files.solution).toBe(PART1);
    ws = await core.services.workspace.setLanguage({ sessionId, language: 'python' });
    expect(ws.files.solution).toBe('def fee(a, b):\n    return 0\n');
  });

  it('fails then passes visible tests, reveals part 2 on a passing submit (not a follow-up), submits once when clicked twice', async () => {
    const s = core.services;
    const sessionId = await startFees();
    await s.workspace.open({ sessionId });
    await s.workspace.setLanguage({ sessionId, language: 'javascript' });
    const save = (text: string) =>
      s.workspace.saveFile({
        sessionId,
        questionId: 'stripe-be-ex-fees',
        language: 'javascript',
        file: 'solution',
        text,
      });

    await save('function fee(amount, bps) {\n  return Math.floor(amount * bps / 10000);\n}\n');
    const failing = await s.workspace.run({ sessionId, kind: 'visible' });
    expect(failing).toMatchObject({ kind: 'visible', passed: 1, total: 2 });
    expect(failing.results[1]).toMatchObject({ passed: false, input: 'fee(1234, 290)', expected: '36', got: '35' });

    await save(PART1);
    expect(await s.workspace.run({ sessionId, kind: 'visible' })).toMatchObject({ passed: 2, total: 2 });

    const before = await s.interview.get({ sessionId });
    const [a, b] = await Promise.all([s.workspace.submit({ sessionId }), s.workspace.submit({ sessionId })]);
    expect(a).toBe(b);
    expect(a.run).toMatchObject({ kind: 'submit', passed: 6, total: 6 });
    expect(a.run.results.find((r) => r.hidden)).toEqual(expect.not.objectContaining({ input: expect.anything() }));
    expect(a.workspace.parts.map((p) => [p.title, p.status])).toEqual([
      ['A percentage fee', 'passed'],
      ['Fixed part, minimum and maximum', 'current'],
    ]);
    const messages = a.interview.messages.slice(before.messages.length);
    expect(messages.map((m) => m.kind)).toEqual(['part', 'nudge']);
    expect(messages[0]!.text).toMatch(/^Part 2: Fixed part, minimum and maximum\./);
    expect(messages[1]!.text).toMatch(/exact-half case/);
    const snapshots = await s.workspace.snapshots({ sessionId });
    expect(snapshots.map((x) => x.reason)).toEqual(['run', 'run', 'submit']);
    expect(snapshots[2]).toMatchObject({ part: 0, language: 'javascript', passed: 6, total: 6 });
    expect(snapshots[0]!.files.solution).toMatch(/Math\.floor/);
  });

  it('runs own tests, stops an infinite loop with a clear message, and reports per-part feedback', async () => {
    const s = core.services;
    const sessionId = await startFees();
    await s.workspace.open({ sessionId });
    await s.workspace.setLanguage({ sessionId, language: 'javascript' });
    const save = (file: 'solution' | 'tests', text: string) =>
      s.workspace.saveFile({ sessionId, questionId: 'stripe-be-ex-fees', language: 'javascript', file, text });

    await save(
      'tests',
      "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { fee } from './solution.js';\ntest('zero amount', () => assert.equal(fee(0, 290), 0));\n",
    );
    await save('solution', PART1);
    const own = await s.workspace.run({ sessionId, kind: 'own' });
    expect(own.results).toEqual([expect.objectContaining({ name: 'zero amount', passed: true })]);

    await save('solution', 'function fee(a, b) {\n  while (true) {}\n}\n');
    const loop = await s.workspace.run({ sessionId, kind: 'visible' });
    expect(loop.status).toBe('timeout');
    expect(loop.message).toMatch(/did not finish/);
    // The app keeps working: the next run goes through.
    await save('solution', PART1);
    await s.workspace.submit({ sessionId });
    const moved = await s.workspace.moveOn({ sessionId });
    expect(moved.workspace.parts.map((p) => p.status)).toEqual(['passed', 'moved_on', 'current']);
    const view = await s.workspace.finishProblem({ sessionId });
    expect(view.phase).toBe('wrap_up');
    const [fb] = await s.workspace.feedback({ sessionId });
    expect(fb!.parts.map((p) => p.outcome)).toEqual(['passed', 'moved_on', 'not_finished']);
    expect(fb!.parts[0]).toMatchObject({ hiddenPassed: 4, hiddenTotal: 4, runs: 1, submits: 1 });
    expect(fb!.ownTests).toMatchObject({ written: true, runs: 1, names: ['zero amount'], passing: 1 });
    expect((await s.workspace.snapshots({ sessionId })).at(-1)!.reason).toBe('finish');
  });

  it('a syntax error comes back with its line', async () => {
    const s = core.services;
    const sessionId = await startFees();
    await s.workspace.open({ sessionId });
    await s.workspace.setLanguage({ sessionId, language: 'typescript' });
    await s.workspace.saveFile({
      sessionId,
      questionId: 'stripe-be-ex-fees',
      language: 'typescript',
      file: 'solution',
      text: 'function fee(a: number, b: number): number {\n  return a +* b;\n}\n',
    });
    const run = await s.workspace.run({ sessionId, kind: 'visible' });
    expect(run).toMatchObject({ status: 'syntax_error', line: 2 });
  });
});
