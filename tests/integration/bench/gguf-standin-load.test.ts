/**
 * A stand-in written by the project's GGUF writer loads in node-llama-cpp (the engine the app
 * uses), reports the parameter count of its shape, evaluates a prompt and generates under a
 * JSON grammar — at a small shape, so the test takes a second.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getLlama, LlamaChatSession, LlamaLogLevel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { llamaParameters, LLAMA_STANDINS, writeLlamaStandin } from '../../../bench/standins/gguf-llama.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { SMALL_LLAMA_SHAPE } from '../../helpers/standin-shapes.js';

let tmp: string;
let fixture: string;

beforeAll(async () => {
  fixture = await fixturePath('llama-2-tiny-random.gguf');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-standin-'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('a GGUF stand-in in node-llama-cpp', () => {
  for (const quant of ['q4_0', 'q8_0'] as const) {
    it(`loads, counts its parameters and generates (${quant})`, async () => {
      // Tied embeddings as in Llama 3.2: no output tensor, llama.cpp reuses the embedding.
      const shape = { ...SMALL_LLAMA_SHAPE, tiedEmbeddings: quant === 'q8_0' };
      const file = path.join(tmp, `small-${quant}.gguf`);
      writeLlamaStandin(file, { shape, tokenizerFrom: fixture, quant, seed: 5 });
      const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
      const model = await llama.loadModel({ modelPath: file });
      try {
        expect(model.fileInsights.totalParameters).toBe(llamaParameters(shape, 32_000));
        expect(model.trainContextSize).toBe(256);
        const context = await model.createContext({ contextSize: 256, threads: 1 });
        const session = new LlamaChatSession({ contextSequence: context.getSequence() });
        const grammar = await llama.createGrammarForJsonSchema({
          type: 'object',
          properties: { action: { enum: ['follow_up', 'next_question'] } },
        });
        const reply = await session.prompt('Was the answer complete?', { grammar, maxTokens: 40 });
        // Random weights choose at random, but the grammar holds them to the shape.
        expect(['follow_up', 'next_question']).toContain(grammar.parse(reply).action);
        await context.dispose();
      } finally {
        await model.dispose();
      }
    });
  }

  it('is shaped like the real models it stands in for', () => {
    expect(LLAMA_STANDINS['1b']).toMatchObject({ hidden: 2048, layers: 22, heads: 32, kvHeads: 4, ffn: 5632 });
    expect(LLAMA_STANDINS['3b']).toMatchObject({ hidden: 3072, layers: 28, heads: 24, kvHeads: 8, ffn: 8192 });
  });
});
