/**
 * The real core with the speech test models, for the speech service's integration tests: a
 * fresh data folder per test, cores closed and the folder removed after it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Result } from '../../../main/contract/result.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { installTestSpeechModels } from '../../helpers/speech-models.js';
import { chunks } from '../../unit/core/speech/audio.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export async function call<T = unknown>(core: Core, channel: string, input?: unknown): Promise<T> {
  const result = (await core.dispatch(channel, input)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export async function startSession(core: Core): Promise<string> {
  const library = await call<{ roles: { id: string; rounds: { id: string }[] }[] }>(core, 'content:library');
  const role = library.roles[0]!;
  const view = await call<{ sessionId: string }>(core, 'interview:start', {
    roleId: role.id,
    roundId: role.rounds[0]!.id,
    seed: 1,
  });
  await call(core, 'interview:begin', { sessionId: view.sessionId });
  return view.sessionId;
}

/** Sends PCM the way the page does: 200 ms chunks with increasing sequence numbers. */
export async function feed(core: Core, sessionId: string, samples: Int16Array, from = 0): Promise<number> {
  let seq = from;
  for (const c of chunks(samples, 200)) {
    const bytes = new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
    await call(core, 'speech:pushAudio', { sessionId, seq: seq++, pcm: bytes });
  }
  return seq;
}

/** Registers the per-test data folder; makeCore builds a core in it (with speech models unless told not to). */
export function useSpeechCores() {
  let dataDir = '';
  const cores: Core[] = [];
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-service-'));
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  async function makeCore(withModels = true): Promise<Core> {
    const models = withModels ? await installTestSpeechModels(path.join(dataDir, 'models')) : null;
    const core = createCore({
      dataDir,
      bundledRolesDir: path.join(ROOT, 'content', 'roles'),
      transport: 'bridge',
      version: 'test',
      log: () => {},
    });
    cores.push(core);
    if (models) await call(core, 'settings:update', { activeWhisperModel: models.whisper, whisperThreads: 2 });
    return core;
  }
  /** A core the test lets die (a crash): not closed after the test. */
  const forget = (core: Core) => void cores.splice(cores.indexOf(core), 1);
  return { makeCore, forget, dataDir: () => dataDir };
}
