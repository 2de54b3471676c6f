/**
 * The bug-bash interviewer's nudge on a fake clock, through the real core: after three quiet
 * minutes it asks the candidate to talk it through; typing counts as activity; never while the
 * round is paused (and the moment is not lost: it comes after resuming); at most every five
 * minutes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { DEBUG_PROMPTS, NUDGE_EVERY_MS, QUIET_MS } from '../../../main/core/workspace-rounds/debug-triggers.js';

const bundledRolesDir = path.resolve(import.meta.dirname, '../../../content/roles');
const RECEIPTS = 'stripe-be-bugbash-receipts';
const SECOND = 1000;
const MINUTE = 60 * SECOND;

let dir: string;
let core: Core;

beforeEach(() => {
  // Only the clock and the service's interval are fake: everything else (SQLite, content) runs as usual.
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: Date.UTC(2026, 0, 5, 9, 0) });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-nudge-'));
  core = createCore({
    dataDir: path.join(dir, 'data'),
    bundledRolesDir,
    transport: 'bridge',
    version: 't',
    log: () => {},
  });
});
afterEach(async () => {
  await core.close();
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function nudges(sessionId: string): Promise<number> {
  const view = await core.services.interview.get({ sessionId });
  return view.messages.filter((m) => m.speaker === 'interviewer' && m.text === DEBUG_PROMPTS.nudge).length;
}

describe('bug-bash nudge', () => {
  it('speaks after quiet minutes, waits while typing, never while paused, and not again too soon', async () => {
    const s = core.services;
    const { sessionId } = await s.interview.start({
      roleId: 'stripe-backend-engineer',
      roundId: 'bug-bash',
      questionIds: [RECEIPTS],
      seed: 1,
    });
    await s.interview.begin({ sessionId });
    await s.project.open({ sessionId });

    // Quiet for a little under three minutes: nothing yet. Typing then restarts the quiet.
    await vi.advanceTimersByTimeAsync(QUIET_MS - 40 * SECOND);
    expect(await nudges(sessionId)).toBe(0);
    await s.project.saveFile({ sessionId, questionId: RECEIPTS, path: 'notes.md', text: 'looking at parse.js' });
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(await nudges(sessionId)).toBe(0);
    await vi.advanceTimersByTimeAsync(QUIET_MS - 2 * MINUTE + 40 * SECOND);
    expect(await nudges(sessionId)).toBe(1);

    // Paused: however long, the interviewer says nothing.
    await s.interview.pause({ sessionId });
    await vi.advanceTimersByTimeAsync(4 * NUDGE_EVERY_MS);
    expect(await nudges(sessionId)).toBe(1);

    // Resumed and still quiet: the nudge comes at the next look.
    await s.interview.resume({ sessionId });
    await vi.advanceTimersByTimeAsync(40 * SECOND);
    expect(await nudges(sessionId)).toBe(2);

    // Still quiet, but the last nudge was just now: the next waits its five minutes.
    await vi.advanceTimersByTimeAsync(NUDGE_EVERY_MS - MINUTE);
    expect(await nudges(sessionId)).toBe(2);
    await vi.advanceTimersByTimeAsync(MINUTE + 40 * SECOND);
    expect(await nudges(sessionId)).toBe(3);
  }, 60_000);
});
