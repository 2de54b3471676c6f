import { describe, expect, it } from 'vitest';
import {
  debugTrigger,
  type DebugState,
  type DebugTrigger,
} from '../../../../main/core/workspace-rounds/debug-triggers.js';

function state(changes: Partial<DebugState> = {}, asked: DebugTrigger[] = []): DebugState {
  return { nowMs: 60_000, runs: [], codeChangedNow: false, lastActivityMs: 50_000, asked: new Set(asked), ...changes };
}

const failingRun = { atMs: 30_000, failing: ['t > a'], codeChanged: false };

describe('debugTrigger', () => {
  it('asks for the hypothesis after the first failing run', () => {
    expect(debugTrigger(state())).toBeUndefined();
    expect(debugTrigger(state({ runs: [failingRun] }))).toBe('hypothesis');
    expect(debugTrigger(state({ runs: [failingRun] }, ['hypothesis']))).toBeUndefined();
  });

  it('asks how they will confirm it when code changes before anything confirmed it', () => {
    expect(debugTrigger(state({ runs: [failingRun], codeChangedNow: true }, ['hypothesis']))).toBe('confirm');
    // A run after the hypothesis with unchanged code (adding a test, say) counts as confirming first.
    const probe = { atMs: 40_000, failing: ['t > a', 't > mine'], codeChanged: false };
    expect(debugTrigger(state({ runs: [failingRun, probe], codeChangedNow: true }, ['hypothesis']))).toBeUndefined();
  });

  it('asks for the root cause once a failing test passes after a code change', () => {
    const fixed = { atMs: 50_000, failing: [], codeChanged: true };
    expect(debugTrigger(state({ runs: [failingRun, fixed], codeChangedNow: true }, ['hypothesis', 'confirm']))).toBe(
      'root_cause',
    );
    expect(debugTrigger(state({ runs: [failingRun, fixed] }, ['hypothesis', 'root_cause']))).toBeUndefined();
  });

  it('nudges after three quiet minutes, at most every five', () => {
    expect(debugTrigger(state({ nowMs: 240_000, lastActivityMs: 50_000 }))).toBe('nudge');
    expect(debugTrigger(state({ nowMs: 240_000, lastActivityMs: 50_000, lastNudgeMs: 200_000 }))).toBeUndefined();
    expect(debugTrigger(state({ nowMs: 600_000, lastActivityMs: 50_000, lastNudgeMs: 200_000 }))).toBe('nudge');
  });
});
