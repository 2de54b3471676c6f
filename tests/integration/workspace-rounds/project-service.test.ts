/**
 * The project workspace through the real core (SQLite, engine, sandboxed runner, mock API):
 * a bug bash's files autosave and survive a restart, runs report per-test failures located in
 * the workspace, the interviewer asks for a hypothesis and then the root cause, delete and reset
 * work, finishing moves on, and the feedback is judged from hidden tests; an integration round
 * serves its API while the question is open, checks a part with faults and stops the API after.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../../main/core/content/library.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { referenceFiles } from '../../../main/core/runner/suites/patch.js';
import { DEBUG_PROMPTS } from '../../../main/core/workspace-rounds/debug-triggers.js';

const bundledRolesDir = path.resolve(import.meta.dirname, '../../../content/roles');
let dir: string;
let core: Core;

const open = () =>
  createCore({ dataDir: path.join(dir, 'data'), bundledRolesDir, transport: 'bridge', version: 't', log: () => {} });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-project-'));
  core = open();
});
afterEach(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const RECEIPTS = 'stripe-be-bugbash-receipts';
const LEDGER = 'stripe-be-integration-ledger-sync';

async function start(roundId: string, questionId: string) {
  const s = core.services;
  const view = await s.interview.start({
    roleId: 'stripe-backend-engineer',
    roundId,
    questionIds: [questionId],
    seed: 1,
  });
  await s.interview.begin({ sessionId: view.sessionId });
  return view.sessionId;
}

async function interviewerLines(sessionId: string): Promise<string[]> {
  const view = await core.services.interview.get({ sessionId });
  return view.messages.filter((m) => m.speaker === 'interviewer').map((m) => m.text);
}

describe('project workspace: bug bash', () => {
  it('runs the suite, asks for a hypothesis then the root cause, keeps files, resets, and judges the fix', async () => {
    const s = core.services;
    const sessionId = await start('bug-bash', RECEIPTS);
    expect((await s.interview.get({ sessionId })).project).toBe('bug_bash');
    const project = (await s.project.open({ sessionId }))!;
    expect(project.kind).toBe('bug_bash');
    expect(project.language).toBe('javascript');
    expect(Object.keys(project.files)).toContain('src/parse.js');
    expect(Object.keys(project.files).some((p) => p.includes('_hidden'))).toBe(false);
    expect(project.brief).toMatch(/cent/);

    const first = await s.project.runTests({ sessionId });
    expect(first.status).toBe('failed');
    const failing = first.tests.filter((t) => !t.passed);
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.some((t) => t.at && project.files[t.at.file] !== undefined)).toBe(true);
    expect((await interviewerLines(sessionId)).at(-1)).toBe(DEBUG_PROMPTS.hypothesis);

    // The reference's parse.js fix, typed in; it survives a restart without a goodbye.
    const question = loadLibrary({ bundledDir: bundledRolesDir, userDir: path.join(dir, 'none') })
      .roles.flatMap((r) => r.role.rounds.flatMap((round) => round.questions))
      .find((q) => q.id === RECEIPTS)!.bugBash!;
    const fixed = referenceFiles(question.files, question.reference)['src/parse.js']!;
    await s.project.saveFile({ sessionId, questionId: RECEIPTS, path: 'src/parse.js', text: fixed });
    core = open();
    const reopened = (await core.services.project.open({ sessionId }))!;
    expect(reopened.files['src/parse.js']).toBe(fixed);
    expect(reopened.changed).toEqual(['src/parse.js']);
    // Reopened after a crash the round is paused: the interviewer waits for the resume.
    await core.services.interview.resume({ sessionId });

    const second = await core.services.project.runTests({ sessionId });
    expect(second.failed).toBeLessThan(first.failed);
    expect((await interviewerLines(sessionId)).at(-1)).toBe(DEBUG_PROMPTS.root_cause);

    // Delete, add, and reset to the start (the fix is gone again), then put the fix back.
    let view = await core.services.project.deleteFile({ sessionId, questionId: RECEIPTS, path: 'src/money.js' });
    expect(view.deleted).toEqual(['src/money.js']);
    expect(view.files['src/money.js']).toBeUndefined();
    view = await core.services.project.reset({ sessionId });
    expect(view.changed).toEqual([]);
    expect(view.files['src/money.js']).toBeDefined();
    await core.services.project.saveFile({ sessionId, questionId: RECEIPTS, path: 'src/parse.js', text: fixed });
    await core.services.project.saveFile({
      sessionId,
      questionId: RECEIPTS,
      path: 'test/cents.test.js',
      text: "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { parseAmount } from '../src/parse.js';\n\ntest('4.35 is 435 cents', () => assert.equal(parseAmount('4.35', 'USD').minor, 435));\n",
    });
    const third = await core.services.project.runTests({ sessionId });
    expect(third.tests.find((t) => t.file === 'test/cents.test.js')?.passed).toBe(true);

    const after = await core.services.project.finish({ sessionId });
    expect(after.phase === 'wrap_up' || after.phase === 'summary').toBe(true);
    const [judged] = await core.services.project.feedback({ sessionId });
    expect(judged?.feedback.kind).toBe('bug_bash');
    if (judged?.feedback.kind !== 'bug_bash') return;
    expect(judged.feedback.bugs.map((b) => [b.id, b.fixed])).toEqual([
      ['float-parse', true],
      ['independent-rounding', false],
    ]);
    expect(judged.feedback.bugs[0]!.fixedAtMs).toBeGreaterThanOrEqual(0);
    expect(judged.feedback.process.testRuns).toBe(3);
    expect(judged.feedback.process.ranTestsBeforeChangingCode).toBe(true);
    expect(judged.feedback.regressions).toEqual([]);
    // Once the session is over its files cannot change: a review gets the same judgement back
    // without running the hidden tests again.
    if (after.phase !== 'summary') await core.services.interview.finish({ sessionId });
    const [ended] = await core.services.project.feedback({ sessionId });
    expect(await core.services.project.feedback({ sessionId })).toEqual([ended]);
    expect((await core.services.project.feedback({ sessionId }))[0]).toBe(ended);
    expect((await core.services.project.snapshots({ sessionId })).map((x) => x.reason)).toEqual([
      'run',
      'run',
      'reset',
      'run',
      'finish',
    ]);
  }, 120_000);
});

describe('project workspace: integration', () => {
  it('serves the API while the question is open, checks a part with faults, and stops the API after', async () => {
    const s = core.services;
    const sessionId = await start('integration', LEDGER);
    const project = (await s.project.open({ sessionId }))!;
    expect(project.kind).toBe('integration');
    expect(project.parts.map((p) => p.status)).toEqual(['current']);
    expect(project.partCount).toBeGreaterThan(1);
    expect(project.readOnly.every((p) => p.startsWith('_support/'))).toBe(true);
    const baseUrl = project.api!.baseUrl;
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect((await fetch(`${baseUrl}/invoices`)).status).toBe(401);

    await expect(
      Promise.resolve().then(() =>
        s.project.saveFile({ sessionId, questionId: LEDGER, path: '_support/http.mjs', text: 'x' }),
      ),
    ).rejects.toThrow(/_support/);

    const { check, project: after } = await s.project.submitPart({ sessionId });
    expect(check.passed).toBe(false);
    expect(check.runs.length).toBeGreaterThan(0);
    expect(after.lastCheck?.part).toBe(0);
    const moved = await s.project.moveOn({ sessionId });
    expect(moved.project.parts.map((p) => p.status)).toEqual(['moved_on', 'current']);
    expect((await interviewerLines(sessionId)).at(-1)).toMatch(/^Part 2: /);

    await s.project.finish({ sessionId });
    await expect(fetch(`${baseUrl}/invoices`)).rejects.toThrow();
  }, 180_000);
});
