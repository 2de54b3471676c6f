/**
 * 16-bit PCM helpers. Everything in the speech pipeline is 16 kHz mono Int16, the format
 * whisper.cpp and its Silero VAD expect; positions are sample indexes from the recording start.
 */
export const SAMPLE_RATE = 16_000;
export const BYTES_PER_SAMPLE = 2;

export function samplesToMs(samples: number, sampleRate = SAMPLE_RATE): number {
  return Math.round((samples * 1000) / sampleRate);
}

export function msToSamples(ms: number, sampleRate = SAMPLE_RATE): number {
  return Math.round((ms * sampleRate) / 1000);
}

/**
 * Little-endian Int16 samples from bytes as they came off the wire. A trailing odd byte is
 * dropped (it cannot be half a sample we could use); unaligned views are copied.
 */
export function bytesToSamples(bytes: Uint8Array): Int16Array {
  const usable = bytes.byteLength - (bytes.byteLength % 2);
  if (bytes.byteOffset % 2 === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, usable / 2);
  // Copy into a fresh buffer: Buffer#slice is a view into a shared pool, not a copy.
  const copy = new Uint8Array(usable);
  copy.set(bytes.subarray(0, usable));
  return new Int16Array(copy.buffer);
}

/** The samples as an ArrayBuffer of exactly their bytes (whisper.node wants a whole ArrayBuffer). */
export function samplesToArrayBuffer(samples: Int16Array): ArrayBuffer {
  if (
    samples.byteOffset === 0 &&
    samples.byteLength === samples.buffer.byteLength &&
    samples.buffer instanceof ArrayBuffer
  ) {
    return samples.buffer;
  }
  return samples.slice().buffer;
}

export function concatSamples(parts: readonly Int16Array[]): Int16Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Int16Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const CLIP_LEVEL = 32_000;

/** Share of samples at (or next to) full scale: above ~1% the microphone is too loud. */
export function clippedShare(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let clipped = 0;
  for (const s of samples) if (s >= CLIP_LEVEL || s <= -CLIP_LEVEL) clipped++;
  return clipped / samples.length;
}

/**
 * Converts a stream from another sample rate to 16 kHz by linear interpolation, keeping its
 * position between chunks so chunk boundaries leave no clicks. Speech below 8 kHz survives;
 * a microphone at 44.1/48 kHz only happens when the browser would not resample for us.
 */
export class Resampler {
  private readonly step: number;
  private position = 0;
  private previous = 0;

  constructor(
    readonly fromRate: number,
    readonly toRate = SAMPLE_RATE,
  ) {
    this.step = fromRate / toRate;
  }

  push(input: Int16Array): Int16Array {
    if (this.fromRate === this.toRate) return input;
    const out: number[] = [];
    // position is measured in input samples, relative to the start of this chunk; index -1 is
    // the last sample of the previous chunk.
    while (this.position < input.length - 1) {
      const i = Math.floor(this.position);
      const frac = this.position - i;
      const a = i < 0 ? this.previous : (input[i] ?? 0);
      const b = input[i + 1] ?? a;
      out.push(Math.round(a + (b - a) * frac));
      this.position += this.step;
    }
    this.position -= input.length;
    if (input.length > 0) this.previous = input[input.length - 1] ?? 0;
    return Int16Array.from(out);
  }
}
