/**
 * Size-faithful stand-ins for llama-architecture language models: the real tensor names and
 * shapes of a published model, random quantized values, and the tokenizer of a small real GGUF
 * (the test fixture's 32,000-token Llama vocabulary). llama.cpp does the same work for random
 * values as for trained ones, so loading, prompt evaluation and generation cost what the real
 * model costs; the words it writes are nonsense.
 */
import { createCipheriv, createHash } from 'node:crypto';
import {
  GGML_BLOCK,
  GgmlType,
  kvArrayLength,
  kvFloat32,
  kvString,
  kvUint32,
  readGgufKvs,
  tensorElements,
  writeGguf,
  type GgufKv,
  type GgufLayout,
  type TensorSpec,
} from './gguf-format.js';

export interface LlamaShape {
  /** What it stands in for, e.g. "TinyLlama 1.1B". */
  label: string;
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  ffn: number;
  contextLength: number;
  ropeFreqBase: number;
  /** The output layer reuses the token embedding (Llama 3.2 does; TinyLlama has its own). */
  tiedEmbeddings: boolean;
  /** The real model's vocabulary and published parameter count, to compare against. */
  real?: { vocab: number; parameters: number };
}

export const LLAMA_STANDINS = {
  '1b': {
    label: 'TinyLlama 1.1B',
    hidden: 2048,
    layers: 22,
    heads: 32,
    kvHeads: 4,
    ffn: 5632,
    contextLength: 2048,
    ropeFreqBase: 10_000,
    tiedEmbeddings: false,
    real: { vocab: 32_000, parameters: 1_100_048_384 },
  },
  '3b': {
    label: 'Llama 3.2 3B',
    hidden: 3072,
    layers: 28,
    heads: 24,
    kvHeads: 8,
    ffn: 8192,
    contextLength: 131_072,
    ropeFreqBase: 500_000,
    tiedEmbeddings: true,
    real: { vocab: 128_256, parameters: 3_212_749_824 },
  },
} as const satisfies Record<string, LlamaShape>;

export type LlamaStandinName = keyof typeof LLAMA_STANDINS;

export type StandinQuant = 'q4_0' | 'q8_0';

const QUANT_TYPES: Record<StandinQuant, { type: GgmlType; fileType: number }> = {
  // general.file_type as llama.cpp numbers it (LLAMA_FTYPE_MOSTLY_Q4_0 = 2, _Q8_0 = 7).
  q4_0: { type: GgmlType.Q4_0, fileType: 2 },
  q8_0: { type: GgmlType.Q8_0, fileType: 7 },
};

/** Tensors in the order and shapes llama.cpp's llama loader expects (ggml order: input dimension first). */
export function llamaTensors(shape: LlamaShape, vocab: number, quant: StandinQuant): TensorSpec[] {
  const q = QUANT_TYPES[quant].type;
  const { hidden: e, ffn: f } = shape;
  const kv = (e / shape.heads) * shape.kvHeads;
  const tensors: TensorSpec[] = [{ name: 'token_embd.weight', dims: [e, vocab], type: q }];
  for (let i = 0; i < shape.layers; i += 1) {
    const p = `blk.${i}.`;
    tensors.push(
      { name: `${p}attn_norm.weight`, dims: [e], type: GgmlType.F32 },
      { name: `${p}attn_q.weight`, dims: [e, e], type: q },
      { name: `${p}attn_k.weight`, dims: [e, kv], type: q },
      { name: `${p}attn_v.weight`, dims: [e, kv], type: q },
      { name: `${p}attn_output.weight`, dims: [e, e], type: q },
      { name: `${p}ffn_norm.weight`, dims: [e], type: GgmlType.F32 },
      { name: `${p}ffn_gate.weight`, dims: [e, f], type: q },
      { name: `${p}ffn_up.weight`, dims: [e, f], type: q },
      { name: `${p}ffn_down.weight`, dims: [f, e], type: q },
    );
  }
  tensors.push({ name: 'output_norm.weight', dims: [e], type: GgmlType.F32 });
  if (!shape.tiedEmbeddings) tensors.push({ name: 'output.weight', dims: [e, vocab], type: q });
  return tensors;
}

/** Parameters of a llama model of this shape with this vocabulary (every tensor's elements). */
export function llamaParameters(shape: LlamaShape, vocab: number): number {
  return llamaTensors(shape, vocab, 'q8_0').reduce((sum, t) => sum + tensorElements(t.dims), 0);
}

function llamaMetadata(shape: LlamaShape, quant: StandinQuant, stamp: string): GgufKv[] {
  return [
    kvString('general.architecture', 'llama'),
    kvString('general.name', `stand-in for ${shape.label} (random weights)`),
    kvUint32('general.file_type', QUANT_TYPES[quant].fileType),
    kvUint32('llama.context_length', shape.contextLength),
    kvUint32('llama.embedding_length', shape.hidden),
    kvUint32('llama.block_count', shape.layers),
    kvUint32('llama.feed_forward_length', shape.ffn),
    kvUint32('llama.rope.dimension_count', shape.hidden / shape.heads),
    kvFloat32('llama.rope.freq_base', shape.ropeFreqBase),
    kvUint32('llama.attention.head_count', shape.heads),
    kvUint32('llama.attention.head_count_kv', shape.kvHeads),
    kvFloat32('llama.attention.layer_norm_rms_epsilon', 1e-5),
    // What made the file, so a cached copy is reused only when it would come out the same.
    kvString(STANDIN_STAMP_KEY, stamp),
  ];
}

export const STANDIN_STAMP_KEY = 'interview_rehearsal.standin';

/** An IEEE half-precision encoding of a small positive normal number. */
export function float16Bits(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  if (exponent <= 0 || exponent >= 31) throw new Error(`${value} is out of the half-precision normal range`);
  return sign | (exponent << 10) | ((bits >>> 13) & 0x3ff);
}

/**
 * Spread of the quantized integers: Q4_0 stores 0..15 (minus 8), Q8_0 stores int8, both uniform
 * here. The block scale brings each weight's spread to 1/√(inputs), so activations neither
 * vanish nor blow up through the layers, as in a trained model.
 */
const INTEGER_STD: Record<StandinQuant, number> = {
  q4_0: Math.sqrt((16 * 16 - 1) / 12),
  q8_0: Math.sqrt((256 * 256 - 1) / 12),
};

/** A seeded byte stream per tensor (AES-256-CTR over zeros): reproducible, and fast for gigabytes. */
function randomBytes(seed: number, tensorName: string): (length: number) => Buffer {
  const key = createHash('sha256').update(`standin:${seed}:${tensorName}`).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  let zeros = Buffer.alloc(0);
  return (length) => {
    if (zeros.length < length) zeros = Buffer.alloc(length);
    return cipher.update(zeros.subarray(0, length));
  };
}

/** Blocks per write: about 1 MiB at a time. */
const BLOCKS_PER_PIECE = 2 ** 15;

function fillTensor(seed: number, quant: StandinQuant) {
  return (tensor: TensorSpec, write: (bytes: Uint8Array) => void): void => {
    if (tensor.type === GgmlType.F32) {
      // Norm weights: RMSNorm's gain starts at one.
      write(new Uint8Array(new Float32Array(tensorElements(tensor.dims)).fill(1).buffer));
      return;
    }
    const block = GGML_BLOCK[tensor.type];
    const scale = float16Bits(1 / (INTEGER_STD[quant] * Math.sqrt(tensor.dims[0]!)));
    const random = randomBytes(seed, tensor.name);
    let blocks = tensorElements(tensor.dims) / block.elements;
    while (blocks > 0) {
      const n = Math.min(blocks, BLOCKS_PER_PIECE);
      const bytes = random(n * block.bytes);
      for (let b = 0; b < n; b += 1) bytes.writeUInt16LE(scale, b * block.bytes);
      write(bytes);
      blocks -= n;
    }
  };
}

export interface LlamaStandinOptions {
  shape: LlamaShape;
  /** A GGUF whose tokenizer.* entries (vocabulary, scores, token types, special ids) are copied. */
  tokenizerFrom: string;
  quant: StandinQuant;
  seed: number;
}

/** Identifies everything the file's bytes depend on (bump the version when the generator changes). */
export function standinStamp(options: LlamaStandinOptions): string {
  const { shape, quant, seed } = options;
  return JSON.stringify({ generator: 1, shape, quant, seed });
}

export interface WrittenStandin extends GgufLayout {
  vocab: number;
  parameters: number;
  tensors: number;
}

export function writeLlamaStandin(file: string, options: LlamaStandinOptions): WrittenStandin {
  const tokenizer = readGgufKvs(options.tokenizerFrom).filter((e) => e.key.startsWith('tokenizer.'));
  const tokens = tokenizer.find((e) => e.key === 'tokenizer.ggml.tokens');
  if (!tokens) throw new Error(`${options.tokenizerFrom} has no tokenizer vocabulary`);
  const vocab = kvArrayLength(tokens);
  const kvs = [...llamaMetadata(options.shape, options.quant, standinStamp(options)), ...tokenizer];
  const tensors = llamaTensors(options.shape, vocab, options.quant);
  const layout = writeGguf(file, kvs, tensors, fillTensor(options.seed, options.quant));
  return { ...layout, vocab, parameters: llamaParameters(options.shape, vocab), tensors: tensors.length };
}
