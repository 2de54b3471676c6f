/**
 * A whisper.cpp (ggml) stand-in: the fixture for-tests-ggml-tiny.en.bin's header, mel filters
 * and vocabulary with the dimensions of the chosen size patched in, followed by every tensor
 * whisper.cpp loads, under its name and shape, filled with seeded random F16 weights (F32 for
 * biases, norms and positions, as in the real files). It runs exactly as much arithmetic as the
 * real model; it just recognises nothing.
 */
import fs from 'node:fs';
import { GGML_MAGIC } from '../../main/core/models/model-headers.js';
import { Rope, writeRope, type Piece } from './protobuf.js';
import { bytesOf, normalFloats, tensorSeed, toHalfArray } from './random.js';
import { elementCount, WEIGHT_SCALE, whisperTensors, type WhisperShape, type WhisperTensor } from './whisper-shapes.js';

const GGML_F32 = 0;
const GGML_F16 = 1;
/** The header's ftype: mostly F16 weights. */
const FTYPE_F16 = 1;
/** hparams are eleven int32 after the magic: bytes 4–47. */
const HPARAMS_END = 48;

/** whisper.cpp keeps 2-D and 3-D weights in F16, vectors and positional tables in F32. */
function ggmlType(tensor: WhisperTensor): number {
  if (tensor.name.endsWith('positional_embedding')) return GGML_F32;
  return tensor.dims.length >= 2 ? GGML_F16 : GGML_F32;
}

/** ggml lists dimensions fastest-first (the reverse of PyTorch); conv biases are [1, state]. */
function ggmlDims(tensor: WhisperTensor): number[] {
  if (/conv\d\.bias$/.test(tensor.name)) return [1, tensor.dims[0]!];
  return [...tensor.dims].reverse();
}

function tensorData(tensor: WhisperTensor, type: number, seed: number): Piece {
  const count = elementCount(tensor.dims);
  const length = count * (type === GGML_F16 ? 2 : 4);
  return {
    length,
    produce: () => {
      if (tensor.fill !== 'random') {
        const values = new Float32Array(count).fill(tensor.fill === 'one' ? 1 : 0);
        return type === GGML_F16 ? bytesOf(toHalfArray(values)) : bytesOf(values);
      }
      const values = normalFloats(count, tensorSeed(seed, tensor.name), WEIGHT_SCALE);
      return type === GGML_F16 ? bytesOf(toHalfArray(values)) : bytesOf(values);
    },
  };
}

/** The fixture's header with this shape's hparams: n_vocab, n_audio_ctx, n_audio_state, … ftype. */
export function ggmlHeader(fixture: Uint8Array, shape: WhisperShape): Uint8Array {
  const out = new Uint8Array(fixture);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (out.byteLength < HPARAMS_END || view.getUint32(0, true) !== GGML_MAGIC)
    throw new Error('The whisper fixture is not a ggml whisper model (bad magic).');
  const hparams = [
    shape.nVocab,
    shape.nAudioCtx,
    shape.state,
    shape.heads,
    shape.layers,
    shape.nTextCtx,
    shape.state,
    shape.heads,
    shape.layers,
    shape.nMels,
    FTYPE_F16,
  ];
  hparams.forEach((value, i) => view.setInt32(4 + i * 4, value, true));
  return out;
}

export function ggmlRope(fixture: Uint8Array, shape: WhisperShape, seed: number): Rope {
  const rope = new Rope().push(ggmlHeader(fixture, shape));
  for (const tensor of whisperTensors(shape)) {
    const type = ggmlType(tensor);
    const dims = ggmlDims(tensor);
    const name = new TextEncoder().encode(tensor.name);
    const header = new DataView(new ArrayBuffer(12 + dims.length * 4));
    header.setInt32(0, dims.length, true);
    header.setInt32(4, name.length, true);
    header.setInt32(8, type, true);
    dims.forEach((d, i) => header.setInt32(12 + i * 4, d, true));
    rope
      .push(new Uint8Array(header.buffer))
      .push(name)
      .push(tensorData(tensor, type, seed));
  }
  return rope;
}

/** Writes the stand-in to file; the fixture supplies the header, mel filters and vocabulary. */
export function writeWhisperGgml(fixtureFile: string, file: string, shape: WhisperShape, seed: number): void {
  writeRope(file, ggmlRope(fs.readFileSync(fixtureFile), shape, seed));
}

/** The vocabulary stored in a ggml whisper file (after the hparams and mel filters), as raw bytes per token. */
export function ggmlVocabulary(file: Uint8Array): Uint8Array[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let at = HPARAMS_END;
  const mels = view.getInt32(at, true);
  const fft = view.getInt32(at + 4, true);
  at += 8 + mels * fft * 4;
  const count = view.getInt32(at, true);
  at += 4;
  const tokens: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const length = view.getInt32(at, true);
    tokens.push(file.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return tokens;
}
