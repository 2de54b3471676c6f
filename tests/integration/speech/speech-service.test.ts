/**
 * The speech service inside the real core: a practice session, the real database, the real
 * Silero VAD and Whisper in sherpa-onnx (a stand-in with random weights), PCM fed in chunks
 * the way the UI sends it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope, EventMap } from '../../../main/contract/events.js';
import { readWavInfo } from '../../../main/core/speech/wav-format.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { readWavFile, silence, whiteNoise } from '../../unit/core/speech/audio.js';
import { call, feed, startSession, useSpeechCores } from './speech-core.js';

const { makeCore, forget, dataDir } = useSpeechCores();

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
      segments: { startMs: number; status: string; text: string }[];
      durationMs: number;
      noSpeech: boolean;
      speechMs: number;
      longestPauseMs: number;
    }>(core, 'speech:stop', { sessionId });

    expect(answer.noSpeech).toBe(false);
    // Silero VAD v5 hears three stretches of speech in jfk.wav.
    expect(answer.segments).toHaveLength(3);
    expect(answer.segments.every((s) => s.status === 'done')).toBe(true);
    expect(Math.abs(answer.durationMs - 11_000)).toBeLessThanOrEqual(100);
    expect(answer.speechMs).toBeGreaterThan(6000);
    expect(answer.longestPauseMs).toBeGreaterThan(2000);

    const file = path.join(dataDir(), 'sessions', sessionId, '1.wav');
    const info = readWavInfo(file)!;
    expect(info.headerDataBytes).toBe(jfk.length * 2);

    const rows = core
      .db!.prepare('SELECT start_ms, end_ms, status FROM segments WHERE turn_id = ? ORDER BY start_ms')
      .all(`${sessionId}:t1`) as { status: string }[];
    expect(rows).toHaveLength(3);
    const recording = core
      .db!.prepare('SELECT status, duration_ms FROM recordings WHERE turn_id = ?')
      .get(`${sessionId}:t1`) as { status: string; duration_ms: number };
    expect(recording.status).toBe('done');
    const turn = core.db!.prepare('SELECT raw_transcript FROM turns WHERE id = ?').get(`${sessionId}:t1`) as {
      raw_transcript: string | null;
    };
    // The stand-in model's words (nonsense, but words): the segments' text joined in order.
    expect(turn.raw_transcript).toBe(answer.segments.map((s) => s.text).join(' '));
    expect(turn.raw_transcript!.split(' ').length).toBeGreaterThanOrEqual(10);

    const segmentEvents = events.filter((e) => e.name === 'transcript:segment');
    expect(segmentEvents.length).toBeGreaterThanOrEqual(6);

    const recordings = await call<{ mediaPath: string; segments: unknown[] }[]>(core, 'speech:recordings', {
      sessionId,
    });
    expect(recordings).toHaveLength(1);
    expect(core.mediaFile(recordings[0]!.mediaPath)).toBe(file);
    expect(recordings[0]!.segments).toHaveLength(3);
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
    const file = path.join(dataDir(), 'sessions', sessionId, '1.wav');
    fs.truncateSync(file, fs.statSync(file).size - 1001);
    forget(first);

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
