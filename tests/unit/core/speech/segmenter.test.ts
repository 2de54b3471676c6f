import { describe, expect, it } from 'vitest';
import { concatSamples } from '../../../../main/core/speech/pcm.js';
import { Segmenter } from '../../../../main/core/speech/segmenter.js';
import type { Vad } from '../../../../main/core/speech/vad.js';
import { chunks, silence, tone } from './audio.js';
import { energyVad, heldVad } from './fakes.js';

const speech = (ms: number) => tone(ms, 220, 0.4);

/** A VAD that hears speech everywhere, cut into spans of at most max samples. */
function cutEvery(length: number, max: number) {
  const spans = [];
  for (let start = 0; start < length; start += max) spans.push({ start, end: Math.min(length, start + max) });
  return spans;
}

describe('Segmenter', () => {
  it('finishes a span once enough silence follows it, not before', async () => {
    const seg = new Segmenter({ vad: energyVad(), finishAfterSilenceMs: 500 });
    seg.push(concatSamples([silence(500), speech(1000), silence(300)]));
    const early = await seg.analyze();
    expect(early.finished).toEqual([]);
    expect(early.open).not.toBeNull();
    seg.push(silence(400));
    const later = await seg.analyze();
    expect(later.finished).toHaveLength(1);
    expect(later.finished[0]!.start).toBeGreaterThanOrEqual(7000);
    expect(later.finished[0]!.start).toBeLessThanOrEqual(8160);
    expect(later.finished[0]!.end).toBeGreaterThanOrEqual(23_000);
  });

  it('reports positions from the recording start across cuts, and finishes everything at the end', async () => {
    const seg = new Segmenter({ vad: energyVad() }, 16_000);
    const found = [];
    for (const c of chunks(concatSamples([speech(600), silence(1000), speech(700), silence(200)]), 200)) {
      seg.push(c);
      found.push(...(await seg.analyze()).finished);
    }
    found.push(...(await seg.analyze(true)).finished);
    expect(found).toHaveLength(2);
    expect(found[0]!.start).toBe(16_000);
    expect(found[1]!.start).toBeGreaterThan(16_000 + 25_000);
  });

  it('keeps the open region short during long silence and long speech (memory stays bounded)', async () => {
    const vad = energyVad();
    const seg = new Segmenter({ vad });
    for (const c of chunks(silence(120_000), 250)) {
      seg.push(c);
      await seg.analyze();
    }
    // One second of lead-in plus the chunk that arrived since the last analysis.
    expect(seg.regionSamples).toBeLessThanOrEqual(16_000 + 4000);
    expect(Math.max(...vad.calls)).toBeLessThanOrEqual(16_000 + 4000);
    // Continuous speech: the VAD (like Silero at 15 s) cuts it, so the region never grows past that.
    const talker = new Segmenter({
      vad: { detect: async (s) => cutEvery(s.length, 15 * 16_000), release: async () => {} },
    });
    let largest = 0;
    for (const c of chunks(speech(120_000), 250)) {
      talker.push(c);
      await talker.analyze();
      largest = Math.max(largest, talker.regionSamples);
    }
    expect(largest).toBeLessThanOrEqual(17 * 16_000);
  });
});

/** A live pipeline whose recognizer hears nothing, with the VAD looking every 200 ms. */
async function quietPipeline(vad: Vad) {
  const { LivePipeline } = await import('../../../../main/core/speech/live-pipeline.js');
  const { scriptedTranscriber } = await import('./fakes.js');
  return new LivePipeline({
    vad,
    transcriber: scriptedTranscriber(() => []).transcriber,
    read: (s, e) => new Int16Array(e - s),
    prompt: () => '',
    onSegment: () => {},
    analyzeEveryMs: 200,
  });
}

/** Pushes audio in 200 ms chunks, letting each VAD look finish before the next chunk. */
async function feed(pipeline: { push(c: Int16Array): unknown; idle(): Promise<void> }, audio: Int16Array) {
  for (const c of chunks(audio, 200)) {
    pipeline.push(c);
    await pipeline.idle();
  }
}

describe('LivePipeline state', () => {
  it('counts silence only after speech, for the auto-end countdown', async () => {
    const { LivePipeline } = await import('../../../../main/core/speech/live-pipeline.js');
    const { scriptedTranscriber } = await import('./fakes.js');
    const pipeline = new LivePipeline({
      vad: energyVad(),
      transcriber: scriptedTranscriber(() => []).transcriber,
      read: () => new Int16Array(0),
      prompt: () => '',
      onSegment: () => {},
      analyzeEveryMs: 200,
    });
    for (const c of chunks(silence(2000), 200)) {
      expect(pipeline.push(c).silenceMs).toBeNull();
      await pipeline.idle();
    }
    for (const c of chunks(concatSamples([speech(1000), silence(3000)]), 200)) {
      pipeline.push(c);
      await pipeline.idle();
    }
    const state = pipeline.push(silence(200));
    expect(state.silenceMs).toBeGreaterThanOrEqual(2500);
    expect(state.silenceMs).toBeLessThanOrEqual(3400);
    expect(state.speechMs).toBeGreaterThanOrEqual(900);
    const done = await pipeline.finish();
    expect(done.segments).toHaveLength(1);
  });

  it('does not count audio the VAD has not looked at yet as silence (a slow VAD never ends an answer early)', async () => {
    const vad = heldVad();
    const pipeline = await quietPipeline(vad);
    await feed(pipeline, speech(1000));
    // The VAD stalls (a busy machine) while the candidate keeps talking for 4 s.
    vad.hold();
    let state = pipeline.push(speech(200));
    for (const c of chunks(speech(4000), 200)) state = pipeline.push(c);
    expect(state.silenceMs).toBeLessThan(500);
    vad.resume();
    await pipeline.idle();
    await pipeline.finish();
  });

  it('once the VAD confirmed a pause, counts the quiet audio it has not looked at yet, but not speech', async () => {
    const vad = heldVad();
    const pipeline = await quietPipeline(vad);
    await feed(pipeline, concatSamples([speech(1000), silence(1000)]));
    const confirmed = pipeline.state().silenceMs!;
    expect(confirmed).toBeGreaterThanOrEqual(700);
    // The VAD stalls; the room stays quiet: the countdown goes on with the audio.
    vad.hold();
    let state = pipeline.push(silence(200));
    expect(state.silenceMs).toBe(confirmed + 200);
    state = pipeline.push(silence(200));
    expect(state.silenceMs).toBe(confirmed + 400);
    // The candidate speaks again before the VAD has looked: only the confirmed silence counts.
    state = pipeline.push(speech(200));
    expect(state.silenceMs).toBe(confirmed);
    vad.resume();
    await pipeline.idle();
    await feed(pipeline, silence(1000));
    const seen = pipeline.state().silenceMs!;
    expect(seen).toBeGreaterThanOrEqual(900);
    // A long stall: past the credit, quiet audio waits for the VAD too.
    vad.hold();
    for (const c of chunks(silence(2000), 200)) state = pipeline.push(c);
    expect(state.silenceMs).toBeLessThanOrEqual(seen);
    vad.resume();
    await pipeline.idle();
    await pipeline.finish();
  });

  it('an answer that ends in a silence the VAD confirmed needs no last VAD call', async () => {
    const { LivePipeline } = await import('../../../../main/core/speech/live-pipeline.js');
    const { scriptedTranscriber } = await import('./fakes.js');
    const vad = energyVad();
    const pipeline = new LivePipeline({
      vad,
      transcriber: scriptedTranscriber(() => [{ text: 'hello', startMs: 0, endMs: 500 }]).transcriber,
      read: (s, e) => new Int16Array(e - s),
      prompt: () => '',
      onSegment: () => {},
      analyzeEveryMs: 200,
    });
    for (const c of chunks(concatSamples([speech(1000), silence(2000)]), 200)) {
      pipeline.push(c);
      await pipeline.idle();
    }
    // Up to date: the last chunk pushed was analyzed. Then a moment of silence arrives that is not.
    for (let before = -1; before !== vad.calls.length - 1;) {
      before = vad.calls.length;
      pipeline.push(silence(200));
      await pipeline.idle();
    }
    pipeline.push(silence(100));
    const calls = vad.calls.length;
    const done = await pipeline.finish();
    expect(vad.calls).toHaveLength(calls);
    expect(done.segments).toHaveLength(1);
    expect(done.transcript).toBe('hello');
  });

  it('notices the end of a long utterance within a second of quiet, not a third of the utterance later', async () => {
    const { LivePipeline } = await import('../../../../main/core/speech/live-pipeline.js');
    const { scriptedTranscriber } = await import('./fakes.js');
    let audioMs = 0;
    let finishedAt: number | null = null;
    const vad = energyVad();
    const pipeline = new LivePipeline({
      vad,
      transcriber: scriptedTranscriber(() => []).transcriber,
      read: (s, e) => new Int16Array(e - s),
      prompt: () => '',
      onSegment: (segment) => {
        if (segment.status === 'pending') finishedAt ??= audioMs;
      },
    });
    // 14 s without a pause (under the VAD's 15 s cut), then silence; the usual pace would look
    // only every third of the ~15 s region.
    for (const c of chunks(concatSamples([speech(14_000), silence(6000)]), 200)) {
      audioMs += 200;
      pipeline.push(c);
      await pipeline.idle();
    }
    expect(finishedAt).not.toBeNull();
    expect(finishedAt! - 14_000).toBeLessThanOrEqual(1000);
    // Once the silence is long, the VAD goes back to its usual pace (a look costs CPU).
    const before = vad.calls.length;
    for (const c of chunks(silence(8000), 200)) {
      pipeline.push(c);
      await pipeline.idle();
    }
    expect(vad.calls.length - before).toBeLessThanOrEqual(8000 / 800 + 1);
    await pipeline.finish();
  });

  it('says when the candidate speaks again after a pause, once per pause', async () => {
    const { LivePipeline } = await import('../../../../main/core/speech/live-pipeline.js');
    const { scriptedTranscriber } = await import('./fakes.js');
    let resumed = 0;
    const pipeline = new LivePipeline({
      vad: energyVad(),
      transcriber: scriptedTranscriber(() => []).transcriber,
      read: (s, e) => new Int16Array(e - s),
      prompt: () => '',
      onSegment: () => {},
      onSpeechResumed: () => (resumed += 1),
    });
    const feed = async (audio: Int16Array) => {
      for (const c of chunks(audio, 200)) {
        pipeline.push(c);
        await pipeline.idle();
      }
    };
    await feed(concatSamples([speech(2000), silence(200), speech(1000)]));
    expect(resumed).toBe(0);
    await feed(concatSamples([silence(1000), speech(1000)]));
    expect(resumed).toBe(1);
    await feed(concatSamples([silence(2000), speech(600)]));
    expect(resumed).toBe(2);
    await pipeline.finish();
  });
});
