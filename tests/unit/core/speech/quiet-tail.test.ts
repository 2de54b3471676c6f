import { describe, expect, it } from 'vitest';
import { meanLevel, QuietTail } from '../../../../main/core/speech/quiet-tail.js';
import { chunks, silence, tone, whiteNoise } from './audio.js';

const speech = (ms: number) => tone(ms, 220, 0.4);

function quietAfter(tail: QuietTail, audio: Int16Array): number {
  let quiet = 0;
  for (const c of chunks(audio, 200)) quiet = tail.push(c);
  return quiet;
}

describe('QuietTail', () => {
  it('measures the mean level of a chunk', () => {
    expect(meanLevel(new Int16Array([100, -300]))).toBe(200);
    expect(meanLevel(new Int16Array(0))).toBe(0);
  });

  it('counts the quiet after speech, and starts again when speech returns', () => {
    const tail = new QuietTail();
    expect(quietAfter(tail, speech(2000))).toBe(0);
    expect(quietAfter(tail, silence(600))).toBe(600);
    expect(quietAfter(tail, speech(200))).toBe(0);
    expect(quietAfter(tail, silence(400))).toBe(400);
  });

  it('never calls anything quiet before there was something loud to compare with', () => {
    const tail = new QuietTail();
    expect(quietAfter(tail, silence(3000))).toBe(0);
  });

  it('judges against the speaker: room noise 30 dB under speech is quiet, speech as loud as the noise is not', () => {
    const tail = new QuietTail();
    quietAfter(tail, speech(2000));
    expect(quietAfter(tail, whiteNoise(600, 0.01))).toBe(600);
    const noisy = new QuietTail();
    // In a room as loud as the voice, nothing counts as quiet (the VAD keeps its usual pace).
    expect(quietAfter(noisy, whiteNoise(2000, 0.3))).toBe(0);
  });
});
