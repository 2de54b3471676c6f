import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { method, type ImplementationOf } from '../../../main/contract/define.js';
import { AppError } from '../../../main/contract/result.js';
import { createDispatcher } from '../../../main/core/rpc/dispatcher.js';

const testContract = {
  math: {
    add: method(z.object({ a: z.number(), b: z.number() })).returns<number>(),
    ping: method(z.undefined()).returns<string>(),
    trimmed: method(z.object({ name: z.string().trim().min(1) })).returns<string>(),
  },
  fail: {
    known: method(z.undefined()).returns<never>(),
    unknown: method(z.undefined()).returns<never>(),
    asyncUnknown: method(z.undefined()).returns<never>(),
  },
};

function setup() {
  const add = vi.fn(({ a, b }: { a: number; b: number }) => a + b);
  const trimmed = vi.fn(({ name }: { name: string }) => Promise.resolve(`hello ${name}`));
  const services: ImplementationOf<typeof testContract> = {
    math: { add, ping: () => 'pong', trimmed },
    fail: {
      known: () => {
        throw new AppError('NOT_FOUND', 'There is no such thing.');
      },
      unknown: () => {
        throw new Error('boom');
      },
      asyncUnknown: async () => {
        await Promise.resolve();
        throw new TypeError('late boom');
      },
    },
  };
  const onUnexpectedError = vi.fn();
  const dispatch = createDispatcher(testContract, services, { onUnexpectedError });
  return { dispatch, add, trimmed, onUnexpectedError };
}

describe('createDispatcher', () => {
  it('runs a valid call and wraps the value', async () => {
    const { dispatch, add } = setup();
    await expect(dispatch('math:add', { a: 2, b: 3 })).resolves.toEqual({ ok: true, value: 5 });
    await expect(dispatch('math:ping', undefined)).resolves.toEqual({ ok: true, value: 'pong' });
    expect(add).toHaveBeenCalledTimes(1);
  });

  it('hands the service the parsed (not the raw) input', async () => {
    const { dispatch, trimmed } = setup();
    await expect(dispatch('math:trimmed', { name: '  Ada  ' })).resolves.toEqual({ ok: true, value: 'hello Ada' });
    expect(trimmed).toHaveBeenCalledWith({ name: 'Ada' });
  });

  it.each([
    ['a string for a number', { a: '2', b: 3 }],
    ['a missing field', { a: 2 }],
    ['no input', undefined],
    ['null', null],
    ['an array', [2, 3]],
  ])('refuses %s with VALIDATION and never calls the service', async (_label, input) => {
    const { dispatch, add } = setup();
    const result = await dispatch('math:add', input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).toContain('math.add');
    }
    expect(add).not.toHaveBeenCalled();
  });

  it('names the offending field in the validation message', async () => {
    const { dispatch } = setup();
    const result = await dispatch('math:add', { a: 1, b: 'two' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.message).toContain('"b"');
  });

  it('refuses input for a method that takes none', async () => {
    const { dispatch } = setup();
    await expect(dispatch('math:ping', { sneaky: true })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it.each(['math:subtract', 'nope:add', 'math', '', 'toString', '__proto__:add', 'constructor'])(
    'answers UNKNOWN_METHOD for %j',
    async (channel) => {
      const { dispatch, add, onUnexpectedError } = setup();
      await expect(dispatch(channel, { a: 1, b: 2 })).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_METHOD' },
      });
      expect(add).not.toHaveBeenCalled();
      expect(onUnexpectedError).not.toHaveBeenCalled();
    },
  );

  it('passes an AppError through with its code and message', async () => {
    const { dispatch, onUnexpectedError } = setup();
    await expect(dispatch('fail:known', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no such thing.' },
    });
    expect(onUnexpectedError).not.toHaveBeenCalled();
  });

  it('turns a plain Error into INTERNAL and reports it', async () => {
    const { dispatch, onUnexpectedError } = setup();
    const result = await dispatch('fail:unknown', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) expect(result.error.message).toContain('boom');
    expect(onUnexpectedError).toHaveBeenCalledTimes(1);
    const [channel, error] = onUnexpectedError.mock.calls[0] ?? [];
    expect(channel).toBe('fail:unknown');
    expect((error as Error).message).toBe('boom');
  });

  it('catches a rejected promise too', async () => {
    const { dispatch, onUnexpectedError } = setup();
    await expect(dispatch('fail:asyncUnknown', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(onUnexpectedError).toHaveBeenCalledWith('fail:asyncUnknown', expect.any(TypeError));
  });

  it('refuses to build when a contract method has no implementation', () => {
    const partial = { math: { add: () => 1, ping: () => 'pong' }, fail: {} } as unknown as ImplementationOf<
      typeof testContract
    >;
    expect(() => createDispatcher(testContract, partial)).toThrow(/math:trimmed/);
  });
});
