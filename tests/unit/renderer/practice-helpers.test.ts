import { describe, expect, it } from 'vitest';
import type { ClockView } from '../../../main/contract/services/interview.js';
import { levelAnnouncement, remainingMs, usedMs, warningLevel } from '../../../renderer/src/screens/practice/clock.js';
import { isAltKey, isModEnter } from '../../../renderer/src/screens/practice/keys.js';

const clock = (over: Partial<ClockView>): ClockView => ({
  budgetMs: 300_000,
  elapsedMs: 0,
  runningSince: null,
  ...over,
});

describe('practice clocks', () => {
  it('counts time only while the clock runs, at the server time given', () => {
    expect(remainingMs(clock({ elapsedMs: 60_000 }), 10_000_000)).toBe(240_000);
    expect(remainingMs(clock({ elapsedMs: 60_000, runningSince: 1_000 }), 31_000)).toBe(210_000);
    expect(usedMs(clock({ elapsedMs: 60_000, runningSince: 1_000 }), 31_000)).toBe(90_000);
    // A server time before the clock started (clock skew) never adds negative time.
    expect(remainingMs(clock({ runningSince: 50_000 }), 40_000)).toBe(300_000);
    expect(remainingMs(clock({ elapsedMs: 310_000 }), 0)).toBe(-10_000);
  });

  it('warns at two minutes, then thirty seconds, then over time', () => {
    expect(warningLevel(121_000)).toBe('normal');
    expect(warningLevel(120_000)).toBe('warn');
    expect(warningLevel(30_000)).toBe('critical');
    expect(warningLevel(0)).toBe('over');
    expect(levelAnnouncement('Answer time', 'warn')).toMatch(/Answer time/);
  });
});

describe('practice keys', () => {
  const key = (over: Partial<KeyboardEvent>) =>
    ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...over }) as KeyboardEvent;

  it('Ctrl or Cmd with Enter submits, not Alt+Ctrl+Enter', () => {
    expect(isModEnter(key({ key: 'Enter', ctrlKey: true }))).toBe(true);
    expect(isModEnter(key({ key: 'Enter', metaKey: true }))).toBe(true);
    expect(isModEnter(key({ key: 'Enter' }))).toBe(false);
    expect(isModEnter(key({ key: 'Enter', ctrlKey: true, altKey: true }))).toBe(false);
  });

  it('Alt shortcuts match the physical key, so macOS Option characters still count', () => {
    expect(isAltKey(key({ altKey: true, code: 'KeyP', key: 'π' }), 'p')).toBe(true);
    expect(isAltKey(key({ altKey: true, ctrlKey: true, code: 'KeyP' }), 'P')).toBe(false);
    expect(isAltKey(key({ code: 'KeyP', key: 'p' }), 'P')).toBe(false);
  });
});
