/**
 * How core wires the LLM interviewer: the active model (settings) loads at start and reports
 * its state through models.llmStatus; a session gets the LLM interviewer only while the model
 * file is there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import type { InterviewView } from '../../../main/contract/services/interview.js';
import type { LlmStatus } from '../../../main/contract/services/models.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { validRole } from '../../unit/core/content/fixtures/valid-pack.js';

let fixture: string;
let root: string;
let core: Core | null = null;

beforeAll(async () => {
  fixture = await fixturePath('llama-2-tiny-random.gguf');
});

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-llm-core-'));
  fs.mkdirSync(path.join(root, 'roles'));
  fs.writeFileSync(path.join(root, 'roles', 'wired.yaml'), stringify(validRole('wired'), { lineWidth: 0 }));
});

afterEach(async () => {
  await core?.close();
  core = null;
  fs.rmSync(root, { recursive: true, force: true });
});

function start(activeLlmModel: string | null): Core {
  // The first core writes the setting; the second starts with it, as the app does after a restart.
  const first = createCore({
    dataDir: path.join(root, 'data'),
    bundledRolesDir: path.join(root, 'roles'),
    transport: 'bridge',
    version: '0',
    log: () => undefined,
    llmThreads: 1,
  });
  void first.services.settings.update({ activeLlmModel });
  void first.close();
  core = createCore({
    dataDir: path.join(root, 'data'),
    bundledRolesDir: path.join(root, 'roles'),
    transport: 'bridge',
    version: '0',
    log: () => undefined,
    llmThreads: 1,
  });
  return core;
}

async function call<T>(c: Core, channel: string, input?: unknown): Promise<T> {
  const result = await c.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe('core with an active interviewer model', () => {
  it('loads it at start, reports it ready, and interviews with it', async () => {
    const c = start(fixture);
    expect((await call<LlmStatus>(c, 'models:llmStatus')).state).toMatch(/loading|ready/);
    await vi.waitFor(async () => expect((await call<LlmStatus>(c, 'models:llmStatus')).state).toBe('ready'), {
      timeout: 30_000,
      interval: 100,
    });

    const { sessionId, interviewer } = await call<InterviewView>(c, 'interview:start', {
      roleId: 'wired',
      roundId: 'wired-behavioral',
    });
    expect(interviewer).toBe('llm');
    await call(c, 'interview:begin', { sessionId });
    await call(c, 'interview:startAnswer', { sessionId });
    await call(c, 'interview:saveDraft', { sessionId, text: 'We disagreed about the schema' });
    const view = await call<InterviewView>(c, 'interview:submitAnswer', {
      sessionId,
      text: 'We disagreed about the schema, so I measured both options.',
    });
    // The turn was decided (by the model or, with a notice, the scripted fallback): never stuck.
    expect(['question', 'wrap_up']).toContain(view.phase);
    expect(view.messages.filter((m) => m.kind === 'answer')).toHaveLength(1);
  });

  it('a model file that went away: the scripted interviewer, and a status that says why', async () => {
    const gone = path.join(root, 'gone.gguf');
    const c = start(gone);
    const { interviewer } = await call<InterviewView>(c, 'interview:start', {
      roleId: 'wired',
      roundId: 'wired-behavioral',
    });
    expect(interviewer).toBe('scripted');
    await vi.waitFor(async () => expect((await call<LlmStatus>(c, 'models:llmStatus')).state).toBe('failed'));
    expect((await call<LlmStatus>(c, 'models:llmStatus')).message).toMatch(/"gone\.gguf" is missing/);
  });

  it('no model chosen: idle, scripted', async () => {
    const c = start(null);
    expect(await call<LlmStatus>(c, 'models:llmStatus')).toMatchObject({ state: 'idle', modelPath: null });
    expect(
      (await call<InterviewView>(c, 'interview:start', { roleId: 'wired', roundId: 'wired-behavioral' })).interviewer,
    ).toBe('scripted');
  });
});
