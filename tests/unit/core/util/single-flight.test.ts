import { describe, expect, it } from 'vitest';
import { createSingleFlight } from '../../../../main/core/util/single-flight.js';

describe('createSingleFlight', () => {
  it('gives a repeat of a running action the same promise, and runs it again once it settled', async () => {
    const once = createSingleFlight();
    let runs = 0;
    let release: (value: number) => void = () => undefined;
    const action = () => {
      runs++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const first = once('run:s1', action);
    const second = once('run:s1', action);
    expect(second).toBe(first);
    expect(runs).toBe(1);
    release(7);
    expect(await second).toBe(7);
    void once('run:s1', action);
    expect(runs).toBe(2);
  });

  it('runs different keys side by side and forgets a failed run', async () => {
    const once = createSingleFlight();
    let runs = 0;
    const failing = () => {
      runs++;
      return Promise.reject(new Error('no'));
    };
    await expect(once('a', failing)).rejects.toThrow('no');
    await expect(once('a', failing)).rejects.toThrow('no');
    expect(runs).toBe(2);
    const b = once('b', () => Promise.resolve('b'));
    const c = once('c', () => Promise.resolve('c'));
    expect(await Promise.all([b, c])).toEqual(['b', 'c']);
  });
});
