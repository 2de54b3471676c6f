import { describe, expect, it } from 'vitest';
import {
  checkpointClock,
  elapsed,
  remaining,
  resumeClock,
  startClock,
  stopClock,
  warningLevel,
  type Clock,
  type WarningLevel,
} from '../../../../main/core/interview/clock.js';

const T0 = 1_700_000_000_000;
const SEC = 1_000;
const MIN = 60_000;

describe('clock', () => {
  it('a started clock counts from its start', () => {
    const c = startClock(5 * MIN, T0);
    expect(c).toEqual({ budgetMs: 5 * MIN, elapsedMs: 0, runningSince: T0 });
    expect(elapsed(c, T0)).toBe(0);
    expect(elapsed(c, T0 + 42 * SEC)).toBe(42 * SEC);
    expect(remaining(c, T0 + 42 * SEC)).toBe(5 * MIN - 42 * SEC);
  });

  it('never counts backwards if the wall clock goes back', () => {
    const c = startClock(MIN, T0);
    expect(elapsed(c, T0 - 10 * SEC)).toBe(0);
  });

  it('remaining goes negative once over budget', () => {
    const c = startClock(MIN, T0);
    expect(remaining(c, T0 + 90 * SEC)).toBe(-30 * SEC);
  });

  it('stop freezes elapsed; time while stopped does not count', () => {
    const stopped = stopClock(startClock(5 * MIN, T0), T0 + 20 * SEC);
    expect(stopped).toEqual({ budgetMs: 5 * MIN, elapsedMs: 20 * SEC, runningSince: null });
    expect(elapsed(stopped, T0 + 60 * MIN)).toBe(20 * SEC);
    expect(remaining(stopped, T0 + 60 * MIN)).toBe(5 * MIN - 20 * SEC);
    // Stopping twice changes nothing.
    expect(stopClock(stopped, T0 + 90 * MIN)).toEqual(stopped);
  });

  it('resume carries on from the elapsed time', () => {
    const stopped: Clock = { budgetMs: 5 * MIN, elapsedMs: 20 * SEC, runningSince: null };
    const resumed = resumeClock(stopped, T0 + 60 * SEC);
    expect(resumed.runningSince).toBe(T0 + 60 * SEC);
    expect(elapsed(resumed, T0 + 75 * SEC)).toBe(35 * SEC);
  });

  it('resuming a running clock leaves it alone', () => {
    const running = startClock(MIN, T0);
    expect(resumeClock(running, T0 + 30 * SEC)).toBe(running);
  });

  it('checkpoint folds running time into elapsed without changing the reading', () => {
    const running = startClock(5 * MIN, T0);
    const cp = checkpointClock(running, T0 + 10 * SEC);
    expect(cp).toEqual({ budgetMs: 5 * MIN, elapsedMs: 10 * SEC, runningSince: T0 + 10 * SEC });
    for (const t of [T0 + 10 * SEC, T0 + 11 * SEC, T0 + 10 * MIN]) expect(elapsed(cp, t)).toBe(elapsed(running, t));
    // Dropping runningSince (what crash recovery does) keeps what the checkpoint saved.
    expect(elapsed({ ...cp, runningSince: null }, T0 + 10 * MIN)).toBe(10 * SEC);
  });

  it('checkpointing a stopped clock returns it unchanged', () => {
    const stopped: Clock = { budgetMs: MIN, elapsedMs: 5 * SEC, runningSince: null };
    expect(checkpointClock(stopped, T0)).toBe(stopped);
  });
});

describe('warningLevel', () => {
  it.each([
    ['10:00 left', 10 * MIN, 'none'],
    ['2:00.001 left', 2 * MIN + 1, 'none'],
    ['2:00 left', 2 * MIN, 'two_minutes'],
    ['1:00 left', MIN, 'two_minutes'],
    ['0:31 left', 31 * SEC, 'two_minutes'],
    ['0:30.001 left', 30 * SEC + 1, 'two_minutes'],
    ['0:30 left', 30 * SEC, 'thirty_seconds'],
    ['0:01 left', SEC, 'thirty_seconds'],
    ['0 left', 0, 'thirty_seconds'],
    ['1 ms over', -1, 'over'],
    ['5 minutes over', -5 * MIN, 'over'],
  ] as [string, number, WarningLevel][])('%s → %s', (_, ms, level) => {
    expect(warningLevel(ms)).toBe(level);
  });

  it('follows a running answer clock through its warnings', () => {
    const c = startClock(3 * MIN, T0);
    const levels = [0, 61 * SEC, 149 * SEC, 150 * SEC, 180 * SEC, 181 * SEC].map((t) =>
      warningLevel(remaining(c, T0 + t)),
    );
    expect(levels).toEqual(['none', 'two_minutes', 'two_minutes', 'thirty_seconds', 'thirty_seconds', 'over']);
  });
});
