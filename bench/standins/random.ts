/**
 * Seeded random weights for stand-in models: the same seed gives the same bytes on every
 * machine, so a cached stand-in can be checked and rebuilt. Values only need the right scale
 * (real weights are small numbers around zero); they carry no meaning.
 */
import { mulberry32 } from '../../main/core/interview/plan.js';

/** Per-tensor seeds from one model seed and the tensor's name. */
export function tensorSeed(seed: number, name: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Normally distributed values (Box–Muller) times scale. */
export function normalFloats(count: number, seed: number, scale: number): Float32Array {
  const random = mulberry32(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u)) * scale;
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < count) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** Uniform int8 values in [-127, 127], as a symmetric int8 quantiser produces. */
export function randomInt8(count: number, seed: number): Int8Array {
  const random = mulberry32(seed);
  const out = new Int8Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.floor(random() * 255) - 127;
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 half-precision bits of a float (round to nearest even; no NaN handling needed here). */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exponent = ((x >>> 23) & 0xff) - 127 + 15;
  let mantissa = x & 0x7fffff;
  if (exponent >= 31) return sign | 0x7c00;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    mantissa = (mantissa | 0x800000) >>> (1 - exponent);
    return sign | ((mantissa + 0x1000) >>> 13);
  }
  const half = sign | (exponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  return rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1) ? half + 1 : half;
}

export function toHalfArray(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toHalf(values[i]!);
  return out;
}

export function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}
