import { describe, expect, it } from 'vitest';
import { pickRuntime, usableGpu, type LlamaGpuInfo } from '../../../../main/core/llm/gpu.js';
import { modelFit, recommendedIds } from '../../../../main/core/models/fit.js';
import { probeHardware } from '../../../../main/core/models/hardware.js';

/** A runtime as node-llama-cpp reports it. */
function fakeLlama(gpu: LlamaGpuInfo['gpu'], names: string[], total: number): LlamaGpuInfo & { id: string } {
  return {
    id: `${gpu}`,
    gpu,
    getGpuDeviceNames: async () => names,
    getVramState: async () => ({ total, free: total / 2 }),
  };
}

const NO_DEVICE = fakeLlama('vulkan', [], 0);
const CPU = fakeLlama(false, [], 0);
const RTX = fakeLlama('cuda', ['NVIDIA RTX 4070'], 12e9);

describe('a GPU counts only with a device that has memory', () => {
  it.each([
    ['vulkan loader, no device, no memory', 'vulkan', [], 0, false],
    ['a device name but 0 bytes', 'vulkan', ['llvmpipe'], 0, false],
    ['no backend', false, [], 0, false],
    ['a CUDA card', 'cuda', ['RTX 4070'], 12e9, true],
    ['Apple silicon (Metal, shared memory)', 'metal', ['Apple M2'], 16e9, true],
  ] as const)('%s', (_name, backend, names, total, expected) => {
    expect(usableGpu(backend, names, { total, free: total }) !== null).toBe(expected);
  });
});

describe('the runtime the interviewer model loads with', () => {
  it('a Vulkan runtime with no device falls back to the CPU build and says so', async () => {
    const asked: (string | false)[] = [];
    const picked = await pickRuntime(
      async (gpu) => (asked.push(gpu), gpu === 'auto' ? NO_DEVICE : CPU),
      'auto',
      () => undefined,
    );
    expect(asked).toEqual(['auto', false]);
    expect(picked.llama).toBe(CPU);
    expect(picked.gpu).toBeNull();
    expect(picked.note).toMatch(/Vulkan runtime is installed but no GPU/);
  });

  it('a real GPU is kept, with its name and memory', async () => {
    const picked = await pickRuntime(
      async () => RTX,
      'auto',
      () => undefined,
    );
    expect(picked.llama).toBe(RTX);
    expect(picked.gpu).toEqual({ backend: 'cuda', names: ['NVIDIA RTX 4070'], vramBytes: 12e9, freeVramBytes: 6e9 });
  });

  it('a GPU build that fails to start is not an error: the CPU build runs', async () => {
    const picked = await pickRuntime(
      async (gpu) => {
        if (gpu === 'auto') throw new Error('no driver');
        return CPU;
      },
      'auto',
      () => undefined,
    );
    expect(picked).toEqual({ llama: CPU, gpu: null, note: null });
  });
});

describe('fit and recommendation read the same facts', () => {
  it('a machine with only a Vulkan loader is sized for its CPU and RAM, with the reason shown', async () => {
    const runtime = await pickRuntime(
      async (gpu) => (gpu === 'auto' ? NO_DEVICE : CPU),
      'auto',
      () => undefined,
    );
    const hw = await probeHardware(async () => runtime, false);
    expect(hw.gpu).toBeNull();
    expect(hw.vramBytes).toBe(0);
    expect(hw.note).toMatch(/no GPU with its own memory/);
    const fit = modelFit(2e9, { ...hw, totalRamBytes: 16e9 }, 'llm');
    expect(fit.note).toMatch(/^Runs on the CPU/);
    expect(fit.note).not.toMatch(/GPU \(/);
    // The 8B class is not recommended for a CPU.
    const ids = recommendedIds(
      [
        { id: 'small', kind: 'llm', tier: 'small', memoryBytes: 1.5e9 },
        { id: 'strong', kind: 'llm', tier: 'strong', memoryBytes: 6e9 },
      ] as never,
      { ...hw, totalRamBytes: 32e9 },
    );
    expect([...ids]).toEqual(['small']);
  });
});
