import { describe, expect, it } from 'vitest';
import type { Hardware } from '../../../../main/contract/services/models.js';
import { loadCatalog } from '../../../../main/core/models/catalog.js';
import {
  cpuTokensPerSecond,
  MIN_LIVE_TOKENS_PER_SECOND,
  modelFit,
  recommendedIds,
} from '../../../../main/core/models/fit.js';

const GB = 1e9;
const machine = (
  ramGb: number,
  gpu?: { vramGb: number; name: string },
  cpu: { threads: number; readGBps: number | null } = { threads: 8, readGBps: null },
): Hardware => ({
  cpuName: 'cpu',
  cpuCores: cpu.threads,
  cpuThreads: cpu.threads,
  memoryReadGBps: cpu.readGBps,
  totalRamBytes: ramGb * GB,
  freeRamBytes: ramGb * GB * 0.5,
  gpu: gpu ? 'cuda' : null,
  gpuNames: gpu ? [gpu.name] : [],
  vramBytes: gpu ? gpu.vramGb * GB : 0,
  freeVramBytes: gpu ? gpu.vramGb * GB : 0,
  note: null,
});

const catalog = loadCatalog().entries;
const recommended = (hw: Hardware) => {
  const ids = recommendedIds(catalog, hw);
  const kindOf = (id: string) => catalog.find((e) => e.id === id)?.kind;
  return {
    llm: [...ids].filter((id) => kindOf(id) === 'llm'),
    whisper: [...ids].filter((id) => kindOf(id) === 'whisper'),
    vad: [...ids].filter((id) => kindOf(id) === 'vad'),
  };
};

describe('modelFit', () => {
  it('is good when the model takes at most half the RAM, tight up to three quarters, else too large', () => {
    expect(modelFit(4 * GB, machine(8)).fit).toBe('good');
    expect(modelFit(5 * GB, machine(8)).fit).toBe('tight');
    expect(modelFit(5 * GB, machine(8)).note).toMatch(/close other programs/);
    const tooLarge = modelFit(7 * GB, machine(8));
    expect(tooLarge.fit).toBe('too-large');
    expect(tooLarge.note).toBe('Needs about 7.0 GB of memory; this computer has 8.0 GB. Choose a smaller model.');
  });

  it('puts a language model on a GPU with room for it, and says which GPU', () => {
    const hw = machine(8, { vramGb: 12, name: 'NVIDIA RTX 4070' });
    expect(modelFit(7 * GB, hw)).toEqual({ fit: 'good', note: 'Runs on the GPU (NVIDIA RTX 4070).' });
    // Too big for the GPU: judged on RAM, and the note says it would fall back to the CPU.
    const fallback = modelFit(11.5 * GB, hw);
    expect(fallback.fit).toBe('too-large');
    expect(modelFit(3.5 * GB, machine(8, { vramGb: 2, name: 'small GPU' })).note).toMatch(
      /^Too big for the GPU memory/,
    );
  });

  it('warns that an 8B-class model is slow on a CPU, even when it fits', () => {
    expect(modelFit(5.8 * GB, machine(32)).note).toMatch(
      /fits|needs about 5\.8 GB.*Replies will be slow without a GPU\.$/,
    );
    expect(modelFit(3.4 * GB, machine(32)).note).not.toMatch(/slow/);
  });

  it('judges speech models on RAM even when there is a GPU', () => {
    expect(modelFit(0.5 * GB, machine(16, { vramGb: 24, name: 'G' }), 'whisper').note).toMatch(/^Runs on the CPU/);
  });
});

describe('recommendedIds for the bundled catalog', () => {
  // Seen: a 2-thread machine was told to use a 4B model because it had the memory for it.
  it('a 16 GB machine with two threads gets the small model, not the 4B', () => {
    expect(recommended(machine(16, undefined, { threads: 2, readGBps: 8 })).llm).toEqual([
      'qwen2.5-1.5b-instruct-q4_k_m',
    ]);
  });

  it('the measured speed check passes over a model that would answer too slowly', () => {
    // 8 threads but slow memory: 1 GB/s a thread gives ~4 GB/s, under 6 tokens a second for 2.5 GB+.
    const slow = machine(16, undefined, { threads: 8, readGBps: 1 });
    expect(recommended(slow).llm).toEqual(['qwen2.5-1.5b-instruct-q4_k_m']);
    expect(cpuTokensPerSecond(3e9, slow)).toBeLessThan(MIN_LIVE_TOKENS_PER_SECOND);
    expect(modelFit(3e9, slow).note).toMatch(/Replies will be slow without a GPU\. About [\d.]+ tokens a second/);
    // Fast memory: the mid tier again.
    expect(recommended(machine(16, undefined, { threads: 8, readGBps: 10 })).llm).toEqual([
      'qwen3-4b-instruct-2507-q4_k_m',
    ]);
  });

  it('an 8 GB laptop without a GPU gets the small model and whisper base.en', () => {
    expect(recommended(machine(8))).toEqual({
      llm: ['qwen2.5-1.5b-instruct-q4_k_m'],
      whisper: ['whisper-base.en-int8'],
      vad: ['silero-vad-v5'],
    });
  });

  it('a 16 GB laptop without a GPU gets a mid-tier model, not the 8B (too slow on a CPU), and small.en', () => {
    const r = recommended(machine(16));
    expect(r.llm).toEqual(['qwen3-4b-instruct-2507-q4_k_m']);
    expect(r.whisper).toEqual(['whisper-small.en-int8']);
  });

  it('a machine with fewer than four cores gets base.en whatever its memory or GPU (speech runs on the CPU)', () => {
    expect(recommended(machine(32, undefined, { threads: 2, readGBps: null })).whisper).toEqual([
      'whisper-base.en-int8',
    ]);
    expect(recommended(machine(32, { vramGb: 24, name: 'G' }, { threads: 2, readGBps: null })).whisper).toEqual([
      'whisper-base.en-int8',
    ]);
    expect(recommended(machine(8, { vramGb: 24, name: 'G' })).whisper).toEqual(['whisper-base.en-int8']);
  });

  it('a 64 GB workstation without a GPU still stays in the mid tier', () => {
    expect(recommended(machine(64)).llm).toEqual(['qwen3-4b-instruct-2507-q4_k_m']);
  });

  it('a GPU with 8 GB or more gets the 8B model', () => {
    expect(recommended(machine(16, { vramGb: 8, name: 'G' })).llm).toEqual(['llama-3.1-8b-instruct-q4_k_m']);
    expect(recommended(machine(8, { vramGb: 80, name: 'H100' })).llm).toEqual(['llama-3.1-8b-instruct-q4_k_m']);
  });

  it('a 4 GB machine still gets the smallest model that fits at all, and one suggestion per kind', () => {
    const r = recommended(machine(4));
    expect(r.llm).toEqual(['qwen2.5-1.5b-instruct-q4_k_m']);
    expect(r.whisper).toEqual(['whisper-base.en-int8']);
    expect(r.vad).toHaveLength(1);
  });

  it('a machine too small for every language model gets no language-model suggestion', () => {
    expect(recommended(machine(1.5)).llm).toEqual([]);
  });
});
