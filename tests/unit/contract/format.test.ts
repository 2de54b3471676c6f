import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, formatLength } from '../../../main/contract/format.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [999, '999 bytes'],
    [1_000, '1 KB'],
    [12_345, '12 KB'],
    [1_800_000, '1.8 MB'],
    [82_400_000, '82 MB'],
    [1_100_000_000, '1.1 GB'],
    [4_920_000_000, '4.9 GB'],
  ])('%d bytes → %s (decimal units, like disks)', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatClock', () => {
  it('rounds to the nearest second by default and shows hours only from an hour', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65_400)).toBe('1:05');
    expect(formatClock(65_600)).toBe('1:06');
    expect(formatClock(3_599_000)).toBe('59:59');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });

  it('count-downs round up, positions round down', () => {
    expect(formatClock(100, 'up')).toBe('0:01');
    expect(formatClock(59_001, 'up')).toBe('1:00');
    expect(formatClock(1_999, 'down')).toBe('0:01');
  });

  it('shows the size of an overrun, not a negative sign', () => {
    expect(formatClock(-61_000, 'up')).toBe('1:01');
  });
});

describe('formatLength', () => {
  it.each([
    [0, '0 s'],
    [40_000, '40 s'],
    [60_000, '1 min'],
    [12 * 60_000, '12 min'],
    [65 * 60_000, '1 h 05 min'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatLength(ms)).toBe(text);
  });
});
