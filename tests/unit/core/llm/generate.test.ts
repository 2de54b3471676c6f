import { describe, expect, it } from 'vitest';
import { parseJsonReply, withLimits } from '../../../../main/core/llm/generate.js';

describe('parseJsonReply', () => {
  it('reads complete JSON, even when it ended exactly at maxTokens', () => {
    expect(parseJsonReply({ text: '{"a": 1}', stopReason: 'done' })).toEqual({ value: { a: 1 } });
    expect(parseJsonReply({ text: '{"a": 1}', stopReason: 'maxTokens' })).toEqual({ value: { a: 1 } });
  });

  it('tells a cut-off reply from one that is not JSON', () => {
    expect(parseJsonReply({ text: '{"a": "unfini', stopReason: 'maxTokens' })).toEqual({ failure: 'cut_off' });
    expect(parseJsonReply({ text: 'Sure! Here you go', stopReason: 'done' })).toEqual({ failure: 'invalid_json' });
  });
});

describe('withLimits', () => {
  it('reports a deadline already past as a timeout, without starting the work', async () => {
    let started = false;
    const result = await withLimits(Date.now() - 1, undefined, async () => {
      started = true;
    });
    expect(result).toMatchObject({ failure: 'timeout' });
    expect(started).toBe(false);
  });

  it('tells the caller aborting from the deadline passing', async () => {
    const controller = new AbortController();
    const aborted = withLimits(
      Date.now() + 60_000,
      controller.signal,
      (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))),
    );
    controller.abort();
    expect(await aborted).toMatchObject({ failure: 'aborted' });
    const timedOut = await withLimits(
      Date.now() + 5,
      undefined,
      (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))),
    );
    expect(timedOut).toMatchObject({ failure: 'timeout' });
  });

  it('passes other errors through as "error"', async () => {
    const result = await withLimits(Date.now() + 60_000, undefined, async () => {
      throw new Error('native failure');
    });
    expect(result).toMatchObject({ failure: 'error' });
  });
});
