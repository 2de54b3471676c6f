import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionTimers } from '../../../../main/core/util/session-timers.js';

describe('SessionTimers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks each started session on its interval, once per session, until stopped', () => {
    const ticks: string[] = [];
    const timers = new SessionTimers(1000, (id) => ticks.push(id));
    timers.start('a');
    timers.start('a');
    timers.start('b');
    vi.advanceTimersByTime(2500);
    expect(ticks).toEqual(['a', 'b', 'a', 'b']);
    timers.stop('a');
    vi.advanceTimersByTime(1000);
    expect(ticks.slice(4)).toEqual(['b']);
    timers.stopAll();
    vi.advanceTimersByTime(5000);
    expect(ticks).toHaveLength(5);
  });

  it('never ticks when the interval is 0 (checks off)', () => {
    const tick = vi.fn();
    new SessionTimers(0, tick).start('a');
    vi.advanceTimersByTime(60_000);
    expect(tick).not.toHaveBeenCalled();
  });
});
