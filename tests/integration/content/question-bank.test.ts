import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { QuestionListItem } from '../../../main/contract/services/content.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { validRole } from '../../unit/core/content/fixtures/valid-pack.js';

const ROLE = 'bank-role';
const ROUND = `${ROLE}-behavioral`;

let root: string;
const cores: Core[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ir-bank-'));
  mkdirSync(join(root, 'bundled'));
  const role = validRole(ROLE);
  const behavioral = role.rounds[1]!;
  const base = behavioral.questions[0]!;
  // Three questions, so a chosen pair is a real choice.
  behavioral.questions = ['a', 'b', 'c'].map((s) => ({ ...base, id: `${ROLE}-q-${s}`, prompt: `Question ${s}?` }));
  writeFileSync(join(root, 'bundled', `${ROLE}.yaml`), stringify(role, { lineWidth: 0 }));
});

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  rmSync(root, { recursive: true, force: true });
});

function newCore(): Core {
  const core = createCore({
    dataDir: join(root, 'data'),
    bundledRolesDir: join(root, 'bundled'),
    transport: 'bridge',
    version: '0.0.0-test',
    log: () => undefined,
  });
  cores.push(core);
  return core;
}

async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const list = (core: Core) => call<QuestionListItem[]>(core, 'content:questions', { roleId: ROLE, roundId: ROUND });

describe('the question bank of a round', () => {
  it('lists what each question asks, never how to answer it', async () => {
    const items = await list(newCore());
    expect(items.map((q) => q.id)).toEqual([`${ROLE}-q-a`, `${ROLE}-q-b`, `${ROLE}-q-c`]);
    expect(items[0]).toEqual({
      id: `${ROLE}-q-a`,
      prompt: 'Question a?',
      difficulty: expect.any(String),
      topics: expect.any(Array),
      answerMinutes: expect.any(Number),
      coding: false,
      lastPracticedAt: null,
      timesPracticed: 0,
      revisit: false,
    });
    const text = JSON.stringify(items);
    for (const hidden of ['rubric', 'outline', 'pitfalls', 'followUps', 'signals', 'reference']) {
      expect(text).not.toContain(hidden);
    }
  });

  it('starts a round on a chosen set, and the list then says they were practised', async () => {
    const core = newCore();
    const chosen = [`${ROLE}-q-c`, `${ROLE}-q-a`];
    const view = await call<{ sessionId: string; questionCount: number }>(core, 'interview:start', {
      roleId: ROLE,
      roundId: ROUND,
      questionIds: chosen,
    });
    expect(view.questionCount).toBe(2);
    const { sessionId } = view;
    await call(core, 'interview:begin', { sessionId });
    await call(core, 'interview:submitAnswer', { sessionId, text: 'An answer to question c.' });
    const items = await list(core);
    const c = items.find((q) => q.id === `${ROLE}-q-c`)!;
    expect(c.timesPracticed).toBe(1);
    expect(c.lastPracticedAt).toEqual(expect.any(Number));
    expect(items.find((q) => q.id === `${ROLE}-q-b`)?.timesPracticed).toBe(0);
  });

  it('keeps a revisit mark across restarts, and clears it', async () => {
    const core = newCore();
    expect(await call(core, 'content:markRevisit', { roleId: ROLE, questionId: `${ROLE}-q-b`, revisit: true })).toEqual(
      { revisit: true },
    );
    // Marking twice is harmless.
    await call(core, 'content:markRevisit', { roleId: ROLE, questionId: `${ROLE}-q-b`, revisit: true });
    await core.close();
    cores.splice(0);
    const again = newCore();
    expect((await list(again)).filter((q) => q.revisit).map((q) => q.id)).toEqual([`${ROLE}-q-b`]);
    await call(again, 'content:markRevisit', { roleId: ROLE, questionId: `${ROLE}-q-b`, revisit: false });
    expect((await list(again)).some((q) => q.revisit)).toBe(false);
  });

  it('an unknown round says what to do', async () => {
    const result = await newCore().dispatch('content:questions', { roleId: ROLE, roundId: 'nope' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NOT_FOUND');
  });
});
