/** Test audio made in JS, so the speech tests need no external tools. */
import fs from 'node:fs';
import { parseWavHeader } from '../../../../main/core/speech/wav-format.js';

export function silence(ms: number, rate = 16_000): Int16Array {
  return new Int16Array(Math.round((ms * rate) / 1000));
}

/** Deterministic white noise (a small LCG), amplitude in 0..1 of full scale. */
export function whiteNoise(ms: number, amplitude = 0.3, seed = 1, rate = 16_000): Int16Array {
  const out = new Int16Array(Math.round((ms * rate) / 1000));
  let state = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = Math.round(((state / 2 ** 32) * 2 - 1) * amplitude * 32767);
  }
  return out;
}

export function tone(ms: number, hz: number, amplitude = 0.5, rate = 16_000): Int16Array {
  const out = new Int16Array(Math.round((ms * rate) / 1000));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * amplitude * 32767);
  return out;
}

/** The samples of a 16-bit mono WAV file (e.g. the jfk.wav fixture). */
export function readWavFile(file: string): { samples: Int16Array; sampleRate: number } {
  const bytes = fs.readFileSync(file);
  const info = parseWavHeader(bytes, bytes.length);
  if (!info || info.bitsPerSample !== 16 || info.channels !== 1) throw new Error(`${file}: not 16-bit mono PCM`);
  const data = bytes.subarray(info.dataOffset, info.dataOffset + info.fileDataBytes);
  return {
    samples: new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
    sampleRate: info.sampleRate,
  };
}

export function* chunks(samples: Int16Array, ms: number, rate = 16_000): Generator<Int16Array> {
  const size = Math.round((ms * rate) / 1000);
  for (let i = 0; i < samples.length; i += size) yield samples.subarray(i, i + size);
}
