/** The real Silero VAD and Whisper (a stand-in with random weights) in sherpa-onnx, through the app's wrappers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectWhisperSet } from '../../../main/core/models/speech-files.js';
import { LivePipeline } from '../../../main/core/speech/live-pipeline.js';
import type { Transcriber } from '../../../main/core/speech/transcriber.js';
import { loadSileroVad, VAD_LATE_ONSET_MS, type Vad } from '../../../main/core/speech/vad.js';
import { loadWhisperOnnx } from '../../../main/core/speech/whisper-onnx.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { testVadModel, testWhisperModel } from '../../helpers/speech-models.js';
import { chunks, readWavFile, silence, whiteNoise } from '../../unit/core/speech/audio.js';

/**
 * jfk.wav's speech in seconds as Silero VAD v5 hears it with the app's settings (it misses
 * the short, quiet "ask not" at 3.3 s).
 */
const JFK_SPANS = [
  [0.29, 2.29],
  [5.37, 7.67],
  [8.16, 10.58],
];
/** Where "ask not" is: the live pipeline, looking at shorter regions, may hear it. */
const ASK_NOT = [3.2, 4.6];

let vad: Vad;
let whisper: Transcriber;
let jfk: Int16Array;

beforeAll(async () => {
  vad = await loadSileroVad(await testVadModel());
  whisper = await loadWhisperOnnx({ files: inspectWhisperSet(await testWhisperModel()), threads: 2, language: 'en' });
  jfk = readWavFile(await fixturePath('jfk.wav')).samples;
});
afterAll(async () => {
  await vad?.release();
  await whisper?.release();
});

const seconds = (samples: number) => samples / 16_000;

describe('Silero VAD', () => {
  it('finds the speech in jfk.wav', async () => {
    const spans = await vad.detect(jfk);
    expect(spans).toHaveLength(JFK_SPANS.length);
    spans.forEach((s, i) => {
      expect(Math.abs(seconds(s.start) - JFK_SPANS[i]![0]!)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(seconds(s.end) - JFK_SPANS[i]![1]!)).toBeLessThanOrEqual(0.05);
    });
    // A fresh state on every call: the same audio gives the same spans.
    expect(await vad.detect(jfk)).toEqual(spans);
  });

  it('finds no speech in silence or in white noise', async () => {
    expect(await vad.detect(silence(5000))).toEqual([]);
    expect(await vad.detect(whiteNoise(5000, 0.3))).toEqual([]);
    expect(await vad.detect(whiteNoise(5000, 0.02, 7))).toEqual([]);
  });
});

describe('Whisper in sherpa-onnx', () => {
  it('transcribes a stretch of speech into one piece spanning the call (no timestamps)', async () => {
    expect(whisper.timestamps).toBe(false);
    const pieces = await whisper.transcribe(jfk.subarray(0, 16_000 * 2));
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toMatchObject({ startMs: 0, endMs: 2000 });
    // The stand-in says 3.5 tokens per second of speech: 7 words of nonsense for 2 s.
    expect(pieces[0]!.text.split(/\s+/).length).toBeGreaterThanOrEqual(3);
  });
});

describe('live pipeline on jfk.wav fed in 200 ms chunks', () => {
  it('finds the same spans and hands each to the recognizer while audio still arrives', async () => {
    const seen: { index: number; status: string; atSample: number }[] = [];
    let fed = 0;
    const pipeline = new LivePipeline({
      vad,
      transcriber: whisper,
      read: (s, e) => jfk.slice(s, e),
      onSegment: (s) => seen.push({ index: s.index, status: s.status, atSample: fed }),
    });
    for (const c of chunks(jfk, 200)) {
      pipeline.push(c);
      fed += c.length;
      // Feed as fast as the VAD keeps up (simulated time), so what is found when does not
      // depend on how busy the machine is.
      await pipeline.idle();
    }
    const { segments: all, transcript } = await pipeline.finish();
    const insideAskNot = (s: { start: number; end: number }) =>
      seconds(s.start) >= ASK_NOT[0]! && seconds(s.end) <= ASK_NOT[1]!;
    // Nothing is found outside real speech: a segment beyond the whole-clip spans is "ask not".
    const segments = all.filter((s) => !insideAskNot(s));
    expect(all.length - segments.length).toBeLessThanOrEqual(1);
    expect(segments).toHaveLength(JFK_SPANS.length);
    segments.forEach((s, i) => {
      // Silero v5 finds an onset later from a fresh state than with the whole clip behind it
      // (0.46 s for "ask what you can do"): the recognizer gets VAD_LATE_ONSET_MS of audio before each segment.
      expect(seconds(s.start) - JFK_SPANS[i]![0]!).toBeGreaterThanOrEqual(-0.05);
      expect(seconds(s.start) - JFK_SPANS[i]![0]!).toBeLessThanOrEqual(VAD_LATE_ONSET_MS / 1000);
      // The last span was still open when the audio ended: it runs to the end of the audio.
      if (i < JFK_SPANS.length - 1) expect(Math.abs(seconds(s.end) - JFK_SPANS[i]![1]!)).toBeLessThanOrEqual(0.05);
      expect(s.end).toBeLessThanOrEqual(jfk.length);
      expect(s.status).toBe('done');
      expect(s.text.length).toBeGreaterThan(0);
    });
    expect(transcript.split(/\s+/).length).toBeGreaterThanOrEqual(10);
    // The first two segments were found, and sent to the recognizer, while audio was still coming in.
    for (const segment of segments.slice(0, 2)) {
      const found = seen.find((e) => e.index === segment.index);
      expect(found!.atSample).toBeLessThan(jfk.length);
    }
    expect(seen.filter((e) => e.status === 'done')).toHaveLength(all.length);
  });
});
