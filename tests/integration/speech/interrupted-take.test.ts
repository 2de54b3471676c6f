/**
 * A spoken take the page never got the end of — a reload, a second start, a crash — is kept
 * (audio and segments) but held out of the answer until the candidate uses it or leaves it out:
 * it never silently joins the next typed answer's transcript or delivery figures.
 * The real core, database, Silero VAD v5 and Whisper in sherpa-onnx (a fixture and a stand-in).
 */
import { describe, expect, it } from 'vitest';
import type { InterruptedTake } from '../../../main/contract/services/speech.js';
import type { Core } from '../../../main/core/create-core.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { readWavFile, silence } from '../../unit/core/speech/audio.js';
import { call, feed, startSession, useSpeechCores } from './speech-core.js';

const { makeCore, forget } = useSpeechCores();

const segmentStatuses = (core: Core, sessionId: string) =>
  (
    core.db!.prepare('SELECT status FROM segments WHERE turn_id = ? ORDER BY start_ms').all(`${sessionId}:t1`) as {
      status: string;
    }[]
  ).map((r) => r.status);

/** What the feedback's delivery metrics read: transcribed segments of the round. */
const countedSegments = (core: Core, sessionId: string) =>
  (
    core
      .db!.prepare(
        `SELECT COUNT(*) AS n FROM segments s JOIN turns t ON t.id = s.turn_id WHERE t.round_id = ? AND s.status = 'done'`,
      )
      .get(`${sessionId}:r1`) as { n: number }
  ).n;

describe('interrupted takes', () => {
  it('a reload mid-take: the new page ends the orphan take, holds its words, and offers it', async () => {
    const core = await makeCore();
    const sessionId = await startSession(core);
    await call(core, 'speech:start', { sessionId, mode: 'answer' });
    const jfk = readWavFile(await fixturePath('jfk.wav')).samples;
    await feed(core, sessionId, jfk);
    // A take started after the page loaded is that page's own: left alone.
    expect(await call(core, 'speech:interrupted', { sessionId, pageLoadedAt: 0 })).toBeNull();

    const take = await call<InterruptedTake>(core, 'speech:interrupted', { sessionId, pageLoadedAt: Date.now() + 1 });
    expect(take).toMatchObject({ turnSeq: 1, offsetMs: expect.any(Number), cause: 'reload' });
    expect(Math.abs(take.durationMs - 11_000)).toBeLessThanOrEqual(100);
    expect(segmentStatuses(core, sessionId).length).toBeGreaterThan(0);
    expect(segmentStatuses(core, sessionId).every((s) => s === 'held')).toBe(true);
    expect(countedSegments(core, sessionId)).toBe(0);
    // Asking again gives the same offer (nothing live any more).
    expect(await call(core, 'speech:interrupted', { sessionId, pageLoadedAt: Date.now() + 1 })).toEqual(take);

    // A typed answer submitted meanwhile does not pick the held words up.
    await call(core, 'interview:submitAnswer', { sessionId, text: 'A typed answer instead.' });
    expect(countedSegments(core, sessionId)).toBe(0);
  });

  it('using the take puts its words in the answer; leaving it out keeps the audio only', async () => {
    const core = await makeCore();
    const sessionId = await startSession(core);
    await call(core, 'speech:start', { sessionId, mode: 'answer' });
    await feed(core, sessionId, readWavFile(await fixturePath('jfk.wav')).samples);
    // A second start while listening (what a reloaded page does when it speaks first).
    await call(core, 'speech:start', { sessionId, mode: 'answer' });
    await feed(core, sessionId, silence(1000));
    await call(core, 'speech:stop', { sessionId });
    expect(segmentStatuses(core, sessionId).every((s) => s === 'held')).toBe(true);
    expect(await call(core, 'speech:interrupted', { sessionId, pageLoadedAt: 0 })).not.toBeNull();

    expect(await call(core, 'speech:resolveInterrupted', { sessionId, use: false })).toEqual({ text: '' });
    expect(segmentStatuses(core, sessionId).every((s) => s === 'set_aside')).toBe(true);
    expect(countedSegments(core, sessionId)).toBe(0);
    expect(await call(core, 'speech:interrupted', { sessionId, pageLoadedAt: 0 })).toBeNull();
    // The audio is all still there for playback.
    const [recording] = await call<{ durationMs: number; status: string }[]>(core, 'speech:recordings', { sessionId });
    expect(recording?.status).toBe('done');
    expect(Math.abs((recording?.durationMs ?? 0) - 12_000)).toBeLessThanOrEqual(100);
  });

  it('a crash mid-take: recovery holds the words of the take it cut short, not the earlier take', async () => {
    const first = await makeCore();
    const sessionId = await startSession(first);
    const jfk = readWavFile(await fixturePath('jfk.wav')).samples;
    await call(first, 'speech:start', { sessionId, mode: 'answer' });
    await feed(first, sessionId, jfk);
    await call(first, 'speech:stop', { sessionId }); // a take that ended normally
    const kept = segmentStatuses(first, sessionId).length;
    await call(first, 'speech:start', { sessionId, mode: 'answer' });
    let seq = await feed(first, sessionId, jfk);
    // Fed faster than real time: keep the audio coming (silence) until the VAD has finished a segment.
    // Then wait for its words, so nothing is left running when the "crashed" core is dropped.
    const transcribed = () => segmentStatuses(first, sessionId).slice(kept).includes('done');
    for (let i = 0; i < 200 && !transcribed(); i++) {
      seq = await feed(first, sessionId, silence(200), seq);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(transcribed()).toBe(true);
    // The crash: no stop, no close.
    forget(first);

    const second = await makeCore();
    const statuses = segmentStatuses(second, sessionId);
    expect(statuses.slice(0, kept).every((s) => s === 'done')).toBe(true);
    expect(statuses.slice(kept).length).toBeGreaterThan(0);
    expect(statuses.slice(kept).every((s) => s === 'held' || s === 'failed')).toBe(true);
    const take = await call<InterruptedTake>(second, 'speech:interrupted', { sessionId, pageLoadedAt: Date.now() });
    expect(take.cause).toBe('crash');
    expect(Math.abs(take.offsetMs - 11_000)).toBeLessThanOrEqual(1500);

    await call(second, 'speech:resolveInterrupted', { sessionId, use: true });
    expect(segmentStatuses(second, sessionId).every((s) => s === 'done' || s === 'failed')).toBe(true);
    first.db?.close();
  });
});
