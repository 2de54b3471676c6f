import { describe, expect, it } from 'vitest';
import { bytesToSamples, clippedShare, concatSamples, Resampler } from '../../../../main/core/speech/pcm.js';
import { tone } from './audio.js';

describe('bytesToSamples', () => {
  it('reads little-endian Int16 and drops a trailing odd byte', () => {
    const bytes = new Uint8Array([0x01, 0x00, 0xff, 0xff, 0x07]);
    expect(Array.from(bytesToSamples(bytes))).toEqual([1, -1]);
  });

  it('copies a Node Buffer view that starts on an odd byte of a shared pool', () => {
    const frame = Buffer.from([7, 0x04, 0x00, 0x05, 0x00, 9, 9]);
    const view = frame.subarray(1, 5);
    expect(view.byteOffset % 2).toBe(1);
    expect(Array.from(bytesToSamples(view))).toEqual([4, 5]);
  });

  it('copies a view that starts on an odd byte', () => {
    const backing = new Uint8Array([9, 0x02, 0x00, 0x03, 0x00]);
    expect(Array.from(bytesToSamples(backing.subarray(1)))).toEqual([2, 3]);
  });
});

describe('Resampler', () => {
  it('turns 48 kHz into 16 kHz with a third of the samples', () => {
    const input = tone(1000, 440, 0.5, 48_000);
    const out = new Resampler(48_000).push(input);
    expect(Math.abs(out.length - 16_000)).toBeLessThanOrEqual(1);
  });

  it('gives the same result whether the stream comes in one piece or in chunks', () => {
    const input = tone(500, 300, 0.5, 44_100);
    const whole = new Resampler(44_100).push(input);
    const chunked = new Resampler(44_100);
    const parts: Int16Array[] = [];
    for (let i = 0; i < input.length; i += 1234) parts.push(chunked.push(input.subarray(i, i + 1234)));
    const joined = concatSamples(parts);
    expect(joined.length).toBe(whole.length);
    const maxDiff = Math.max(...Array.from(joined, (v, i) => Math.abs(v - (whole[i] ?? 0))));
    expect(maxDiff).toBeLessThanOrEqual(1);
  });

  it('passes 16 kHz through untouched', () => {
    const input = tone(100, 200);
    expect(new Resampler(16_000).push(input)).toBe(input);
  });
});

describe('clippedShare', () => {
  it('is the share of full-scale samples', () => {
    expect(clippedShare(Int16Array.from([32767, -32768, 0, 100]))).toBe(0.5);
    expect(clippedShare(tone(100, 200, 0.5))).toBe(0);
  });
});
