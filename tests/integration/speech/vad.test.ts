/** The real Silero VAD and whisper.cpp (fixture models) through the app's wrappers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivePipeline } from '../../../main/core/speech/live-pipeline.js';
import { loadWhisper, type Transcriber } from '../../../main/core/speech/transcriber.js';
import { loadSileroVad, type Vad } from '../../../main/core/speech/vad.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { chunks, readWavFile, silence, whiteNoise } from '../../unit/core/speech/audio.js';

/** jfk.wav's speech in 10 ms units, as listed in the fixtures README. */
const JFK_SEGMENTS = [
  [32, 227],
  [327, 441],
  [538, 768],
  [816, 1062],
];

let vad: Vad;
let whisper: Transcriber;
let jfk: Int16Array;

beforeAll(async () => {
  vad = await loadSileroVad(await fixturePath('silero-vad-v6.2.0-ggml.bin'));
  whisper = await loadWhisper({
    modelPath: await fixturePath('for-tests-ggml-mini.bin'),
    threads: 2,
    language: 'en',
    useGpu: false,
  });
  jfk = readWavFile(await fixturePath('jfk.wav')).samples;
});
afterAll(async () => {
  await vad?.release();
  await whisper?.release();
});

describe('Silero VAD', () => {
  it('finds the four speech segments of jfk.wav', async () => {
    const spans = await vad.detect(jfk);
    expect(spans.map((s) => [s.start / 160, s.end / 160])).toEqual(JFK_SEGMENTS);
  });

  it('finds no speech in silence or in white noise', async () => {
    expect(await vad.detect(silence(5000))).toEqual([]);
    expect(await vad.detect(whiteNoise(5000, 0.3))).toEqual([]);
    expect(await vad.detect(whiteNoise(5000, 0.02, 7))).toEqual([]);
  });
});

describe('live pipeline on jfk.wav fed in 200 ms chunks', () => {
  it('finds the same segments (±50 ms; the last one may run to the end of the audio) and hands them to whisper while audio still arrives', async () => {
    const seen: { index: number; status: string; atSample: number }[] = [];
    let fed = 0;
    const pipeline = new LivePipeline({
      vad,
      transcriber: whisper,
      read: (s, e) => jfk.slice(s, e),
      prompt: () => 'Um, uh.',
      onSegment: (s) => seen.push({ index: s.index, status: s.status, atSample: fed }),
    });
    for (const c of chunks(jfk, 200)) {
      pipeline.push(c);
      fed += c.length;
      // Feed as fast as the VAD keeps up (simulated time), so what is found when does not
      // depend on how busy the machine is.
      await pipeline.idle();
    }
    const { segments } = await pipeline.finish();
    expect(segments).toHaveLength(4);
    segments.forEach((s, i) => {
      expect(Math.abs(s.start / 160 - JFK_SEGMENTS[i]![0]!)).toBeLessThanOrEqual(5);
      // The last span was still open when the audio ended: it runs to the end of the audio.
      if (i < 3) expect(Math.abs(s.end / 160 - JFK_SEGMENTS[i]![1]!)).toBeLessThanOrEqual(5);
      else expect(s.end / 160).toBeGreaterThanOrEqual(JFK_SEGMENTS[i]![1]! - 5);
      expect(s.end).toBeLessThanOrEqual(jfk.length);
      // The fixture model has no weights: whisper runs for real and returns no words.
      expect(s.status).toBe('done');
    });
    // The first three segments were found, and sent to whisper, while audio was still coming in.
    for (const index of [0, 1, 2]) {
      const found = seen.find((e) => e.index === index);
      expect(found!.atSample).toBeLessThan(jfk.length);
    }
    expect(seen.filter((e) => e.status === 'done')).toHaveLength(4);
  });
});
