/**
 * The speech service inside the real core: a practice session, the real database, the real
 * Silero VAD and whisper.cpp (fixture models), PCM fed in chunks the way the UI sends it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope, EventMap } from '../../../main/contract/events.js';
import type { Result } from '../../../main/contract/result.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { readWavInfo } from '../../../main/core/speech/wav-format.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { chunks, readWavFile, silence, whiteNoise } from '../../unit/core/speech/audio.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
let dataDir: string;
const cores: Core[] = [];

async function makeCore(withModels = true): Promise<Core> {
  if (withModels) {
    fs.mkdirSync(path.join(dataDir, 'models'), { recursive: true });
    fs.copyFileSync(
      await fixturePath('silero-vad-v6.2.0-ggml.bin'),
      path.join(dataDir, 'models', 'ggml-silero-v6.2.0.bin'),
    );
  }
  const core = createCore({
    dataDir,
    bundledRolesDir: path.join(ROOT, 'content', 'roles'),
    transport: 'bridge',
    version: 'test',
    log: () => {},
  });
  cores.push(core);
  if (withModels)
    await call(core, 'settings:update', {
      activeWhisperModel: await fixturePath('for-tests-ggml-mini.bin'),
      whisperThreads: 2,
    });
  return core;
}

async function call<T = unknown>(core: Core, channel: string, input?: unknown): Promise<T> {
  const result = (await core.dispatch(channel, input)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function startSession(core: Core): Promise<string> {
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

async function feed(core: Core, sessionId: string, samples: Int16Array, from = 0): Promise<number> {
  let seq = from;
  for (const c of chunks(samples, 200)) {
    const bytes = new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
    await call(core, 'speech:pushAudio', { sessionId, seq: seq++, pcm: bytes });
  }
  return seq;
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-service-'));
});
afterEach(() => {
  for (const core of cores.splice(0)) void core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('speech service', () => {
  it('says what is missing, and refuses to listen, without a speech model', async () => {
    const core = await makeCore(false);
    const readiness = await call<{ ready: boolean; problem: string }>(core, 'speech:readiness');
    expect(readiness.ready).toBe(false);
    expect(readiness.problem).toMatch(/Models screen/);
    const sessionId = await startSession(core);
    const result = await core.dispatch('speech:start', { sessionId, mode: 'answer' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('MODEL_MISSING');
  });

  it('records an answer to the turn: WAV file, segments in SQLite, events, raw transcript', async () => {
    const core = await makeCore();
    const events: EventEnvelope[] = [];
    core.events.subscribe((e) => events.push(e));
    const sessionId = await startSession(core);
    expect((await call<{ ready: boolean }>(core, 'speech:readiness')).ready).toBe(true);

    const started = await call<{ turnSeq: number; offsetMs: number }>(core, 'speech:start', {
      sessionId,
      mode: 'answer',
    });
    expect(started).toEqual({ turnSeq: 1, offsetMs: 0 });
    const jfk = readWavFile(await fixturePath('jfk.wav')).samples;
    const seq = await feed(core, sessionId, jfk);
    // A repeated chunk (a resend) is ignored.
    await call(core, 'speech:pushAudio', { sessionId, seq: seq - 1, pcm: new Uint8Array(3200) });
    const answer = await call<{
      segments: { startMs: number; status: string }[];
      durationMs: number;
      noSpeech: boolean;
      speechMs: number;
      longestPauseMs: number;
    }>(core, 'speech:stop', { sessionId });

    expect(answer.noSpeech).toBe(false);
    expect(answer.segments).toHaveLength(4);
    expect(answer.segments.every((s) => s.status === 'done')).toBe(true);
    expect(Math.abs(answer.durationMs - 11_000)).toBeLessThanOrEqual(100);
    expect(answer.speechMs).toBeGreaterThan(7000);
    expect(answer.longestPauseMs).toBeGreaterThan(800);

    const file = path.join(dataDir, 'sessions', sessionId, '1.wav');
    const info = readWavInfo(file)!;
    expect(info.headerDataBytes).toBe(jfk.length * 2);

    const rows = core
      .db!.prepare('SELECT start_ms, end_ms, status FROM segments WHERE turn_id = ? ORDER BY start_ms')
      .all(`${sessionId}:t1`) as { status: string }[];
    expect(rows).toHaveLength(4);
    const recording = core
      .db!.prepare('SELECT status, duration_ms FROM recordings WHERE turn_id = ?')
      .get(`${sessionId}:t1`) as { status: string; duration_ms: number };
    expect(recording.status).toBe('done');
    const turn = core.db!.prepare('SELECT raw_transcript FROM turns WHERE id = ?').get(`${sessionId}:t1`) as {
      raw_transcript: string | null;
    };
    expect(turn.raw_transcript).toBe('');

    const segmentEvents = events.filter((e) => e.name === 'transcript:segment');
    expect(segmentEvents.length).toBeGreaterThanOrEqual(8);

    const recordings = await call<{ mediaPath: string; segments: unknown[] }[]>(core, 'speech:recordings', {
      sessionId,
    });
    expect(recordings).toHaveLength(1);
    expect(core.mediaFile(recordings[0]!.mediaPath)).toBe(file);
    expect(recordings[0]!.segments).toHaveLength(4);
  });

  it('reports no speech for silence and for steady noise, and a second take continues the recording', async () => {
    const core = await makeCore();
    const sessionId = await startSession(core);
    await call(core, 'speech:start', { sessionId, mode: 'answer' });
    await feed(core, sessionId, silence(3000));
    const quiet = await call<{ noSpeech: boolean; segments: unknown[] }>(core, 'speech:stop', { sessionId });
    expect(quiet).toMatchObject({ noSpeech: true, segments: [] });

    const again = await call<{ offsetMs: number }>(core, 'speech:start', { sessionId, mode: 'answer' });
    expect(again.offsetMs).toBe(3000);
    await feed(core, sessionId, whiteNoise(3000, 0.2));
    const noisy = await call<{ noSpeech: boolean; durationMs: number }>(core, 'speech:stop', { sessionId });
    expect(noisy.noSpeech).toBe(true);
    expect(noisy.durationMs).toBe(6000);
  });

  it('resamples a capture at another rate to 16 kHz', async () => {
    const core = await makeCore();
    const sessionId = await startSession(core);
    await call(core, 'speech:start', { sessionId, mode: 'answer', sampleRate: 48_000 });
    await feed(core, sessionId, silence(1000 * 3), 0); // 3 s of 48 kHz samples = 1 s
    const result = await call<{ durationMs: number }>(core, 'speech:stop', { sessionId });
    expect(Math.abs(result.durationMs - 1000)).toBeLessThanOrEqual(5);
  });

  it('mic check transcribes in memory and stores nothing', async () => {
    const core = await makeCore();
    const events: EventEnvelope[] = [];
    core.events.subscribe((e) => events.push(e));
    await call(core, 'speech:start', { sessionId: 'mic-check', mode: 'check' });
    await feed(core, 'mic-check', readWavFile(await fixturePath('jfk.wav')).samples.slice(0, 16_000 * 3));
    const result = await call<{ segments: unknown[] }>(core, 'speech:stop', { sessionId: 'mic-check' });
    expect(result.segments).toHaveLength(1);
    expect(
      events.some(
        (e) => e.name === 'transcript:segment' && (e.payload as EventMap['transcript:segment']).mode === 'check',
      ),
    ).toBe(true);
    expect(core.db!.prepare('SELECT COUNT(*) AS n FROM recordings').get()).toEqual({ n: 0 });
  });

  it('recovers a recording left open by a crash on the next start', async () => {
    const first = await makeCore();
    const sessionId = await startSession(first);
    await call(first, 'speech:start', { sessionId, mode: 'answer' });
    const jfk = readWavFile(await fixturePath('jfk.wav')).samples;
    await feed(first, sessionId, jfk.slice(0, 16_000 * 6));
    // The crash: no stop, no close; the last write was cut mid-sample.
    const file = path.join(dataDir, 'sessions', sessionId, '1.wav');
    fs.truncateSync(file, fs.statSync(file).size - 1001);
    cores.splice(cores.indexOf(first), 1);

    const second = await makeCore();
    const recording = second
      .db!.prepare('SELECT status, duration_ms FROM recordings WHERE turn_id = ?')
      .get(`${sessionId}:t1`) as { status: string; duration_ms: number };
    expect(recording.status).toBe('recovered');
    expect(Math.abs(recording.duration_ms - 6000)).toBeLessThanOrEqual(1000);
    const info = readWavInfo(file)!;
    expect(info.headerDataBytes).toBe(info.fileDataBytes);
    const unfinished = second
      .db!.prepare(`SELECT COUNT(*) AS n FROM segments WHERE status IN ('pending', 'transcribing')`)
      .get() as { n: number };
    expect(unfinished.n).toBe(0);
    first.db?.close();
  });

  it('rejects audio when not listening, with a message that keeps typing available', async () => {
    const core = await makeCore();
    const result = await core.dispatch('speech:pushAudio', { sessionId: 'nobody', seq: 0, pcm: new Uint8Array(10) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/typed answer/);
  });
});
