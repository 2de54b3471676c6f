/**
 * The GGUF stand-in writer, read back by node-llama-cpp's own GGUF parser (an independent
 * reader): header, metadata, tokenizer, tensor names and shapes, offsets and alignment, the
 * quantized blocks, and that a seed reproduces a file byte for byte.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GGUF_DEFAULT_ALIGNMENT,
  GgmlType,
  kvArrayLength,
  readGgufKvs,
  tensorBytes,
} from '../../../../bench/standins/gguf-format.js';
import {
  float16Bits,
  LLAMA_STANDINS,
  llamaParameters,
  llamaTensors,
  writeLlamaStandin,
} from '../../../../bench/standins/gguf-llama.js';
import { fixturePath } from '../../../helpers/fixtures.js';
import { SMALL_LLAMA_SHAPE } from '../../../helpers/standin-shapes.js';

const SMALL_SHAPE = SMALL_LLAMA_SHAPE;

let tmp: string;
let fixture: string;

beforeAll(async () => {
  fixture = await fixturePath('llama-2-tiny-random.gguf');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-gguf-'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('parameter counts', () => {
  it('match the published counts of TinyLlama 1.1B and Llama 3.2 3B with their own vocabularies', () => {
    expect(llamaParameters(LLAMA_STANDINS['1b'], 32_000)).toBe(1_100_048_384);
    expect(llamaParameters(LLAMA_STANDINS['3b'], 128_256)).toBe(3_212_749_824);
  });

  it('shrink only by the smaller vocabulary for the 3B stand-in (its output layer is the embedding)', () => {
    const lost = (128_256 - 32_000) * 3072;
    expect(llamaParameters(LLAMA_STANDINS['3b'], 32_000)).toBe(3_212_749_824 - lost);
    expect(llamaTensors(LLAMA_STANDINS['3b'], 32_000, 'q4_0').some((t) => t.name === 'output.weight')).toBe(false);
  });
});

describe('GGUF writer', () => {
  it('writes a header, metadata and tensor table that node-llama-cpp reads back', async () => {
    const file = path.join(tmp, 'small.gguf');
    const written = writeLlamaStandin(file, { shape: SMALL_SHAPE, tokenizerFrom: fixture, quant: 'q4_0', seed: 3 });
    const head = fs.readFileSync(file).subarray(0, 24);
    expect(head.toString('latin1', 0, 4)).toBe('GGUF');
    expect(head.readUInt32LE(4)).toBe(3);

    const info = await readGgufFileInfo(file, { readTensorInfo: true, logWarnings: false });
    expect(info.version).toBe(3);
    expect(info.metadata.general.architecture).toBe('llama');
    const llama = info.architectureMetadata as Record<string, unknown> & { attention: Record<string, unknown> };
    expect(llama.embedding_length).toBe(64);
    expect(llama.block_count).toBe(2);
    expect(llama.feed_forward_length).toBe(128);
    expect(llama.attention.head_count).toBe(4);
    expect(llama.attention.head_count_kv).toBe(2);
    // The fixture's tokenizer came along whole.
    const fixtureTokens = readGgufKvs(fixture).find((e) => e.key === 'tokenizer.ggml.tokens')!;
    expect(info.metadata.tokenizer.ggml.tokens).toHaveLength(kvArrayLength(fixtureTokens));
    expect(info.metadata.tokenizer.ggml.bos_token_id).toBe(1);

    const tensors = info.fullTensorInfo!;
    expect(tensors).toHaveLength(2 + 2 * 9 + 1);
    expect(tensors).toHaveLength(written.tensors);
    const byName = new Map(tensors.map((t) => [t.name, t]));
    expect(byName.get('token_embd.weight')?.dimensions).toEqual([64, 32_000]);
    expect(byName.get('blk.1.attn_k.weight')?.dimensions).toEqual([64, 32]);
    expect(byName.get('blk.0.ffn_down.weight')?.dimensions).toEqual([128, 64]);
    expect(byName.get('blk.0.attn_norm.weight')?.ggmlType).toBe(GgmlType.F32);
    expect(byName.get('blk.0.attn_q.weight')?.ggmlType).toBe(GgmlType.Q4_0);

    // Every tensor starts on the alignment, after the one before it, and the file ends with the last.
    let end = 0;
    for (const t of tensors) {
      const offset = Number(t.offset);
      expect(offset % GGUF_DEFAULT_ALIGNMENT).toBe(0);
      expect(offset).toBeGreaterThanOrEqual(end);
      end = offset + tensorBytes({ dims: t.dimensions.map(Number), type: t.ggmlType as number });
    }
    expect(written.dataStart % GGUF_DEFAULT_ALIGNMENT).toBe(0);
    expect(fs.statSync(file).size).toBe(written.dataStart + end);
    expect(written.parameters).toBe(llamaParameters(SMALL_SHAPE, 32_000));
  });

  it('fills quantized blocks with one scale per block and random values, norms with ones', () => {
    const file = path.join(tmp, 'blocks.gguf');
    const written = writeLlamaStandin(file, { shape: SMALL_SHAPE, tokenizerFrom: fixture, quant: 'q8_0', seed: 1 });
    const bytes = fs.readFileSync(file);
    const tensors = llamaTensors(SMALL_SHAPE, 32_000, 'q8_0');
    const q = tensors.findIndex((t) => t.name === 'blk.0.attn_q.weight');
    const at = written.dataStart + written.offsets[q]!;
    const scale = float16Bits(1 / (Math.sqrt((256 * 256 - 1) / 12) * Math.sqrt(64)));
    const blocks = (64 * 64) / 32;
    const values = new Set<number>();
    for (let b = 0; b < blocks; b += 1) {
      expect(bytes.readUInt16LE(at + b * 34)).toBe(scale);
      for (let i = 2; i < 34; i += 1) values.add(bytes[at + b * 34 + i]!);
    }
    expect(values.size).toBeGreaterThan(200);
    const norm = tensors.findIndex((t) => t.name === 'blk.0.attn_norm.weight');
    const normAt = written.dataStart + written.offsets[norm]!;
    expect(bytes.readFloatLE(normAt)).toBe(1);
    expect(bytes.readFloatLE(normAt + 63 * 4)).toBe(1);
  });

  it('reproduces a file byte for byte from its seed, and another seed gives other values', () => {
    const options = { shape: SMALL_SHAPE, tokenizerFrom: fixture, quant: 'q4_0' as const };
    writeLlamaStandin(path.join(tmp, 'a.gguf'), { ...options, seed: 9 });
    writeLlamaStandin(path.join(tmp, 'b.gguf'), { ...options, seed: 9 });
    writeLlamaStandin(path.join(tmp, 'c.gguf'), { ...options, seed: 10 });
    expect(sha(path.join(tmp, 'a.gguf'))).toBe(sha(path.join(tmp, 'b.gguf')));
    expect(sha(path.join(tmp, 'a.gguf'))).not.toBe(sha(path.join(tmp, 'c.gguf')));
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('refuses shapes a quantized row cannot hold, and files that are not GGUF', () => {
    expect(() => tensorBytes({ dims: [48, 2], type: GgmlType.Q4_0 })).toThrow(/multiple of 32/);
    const notGguf = path.join(tmp, 'not.gguf');
    fs.writeFileSync(notGguf, 'hello, not a model');
    expect(() => readGgufKvs(notGguf)).toThrow(/not a GGUF file/);
    const cut = path.join(tmp, 'cut.gguf');
    fs.writeFileSync(cut, fs.readFileSync(fixture).subarray(0, 4000));
    expect(() => readGgufKvs(cut)).toThrow(/cut off/);
  });

  it('encodes half-precision scales', () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(0.5)).toBe(0x3800);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(() => float16Bits(1e6)).toThrow(/range/);
  });
});
