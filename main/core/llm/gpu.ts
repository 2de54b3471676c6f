/**
 * Where a model really runs. node-llama-cpp reports the GPU backend it loaded (CUDA, Vulkan,
 * Metal), but a backend is not a GPU: with a Vulkan loader installed and no graphics card it
 * says `gpu: "vulkan"` with no device and 0 bytes of video memory. A GPU counts only when it has
 * a device with memory; the loader and the hardware probe (fit, recommendations) both ask here.
 */
export type GpuBackend = 'cuda' | 'vulkan' | 'metal';

/** The part of node-llama-cpp's Llama these facts come from. */
export interface LlamaGpuInfo {
  gpu: false | GpuBackend;
  getGpuDeviceNames(): Promise<string[]>;
  getVramState(): Promise<{ total: number; free: number }>;
  dispose?(): Promise<void>;
}

export interface GpuFacts {
  backend: GpuBackend;
  names: string[];
  vramBytes: number;
  freeVramBytes: number;
}

/** The GPU a backend offers, or null when it has no device with memory. */
export function usableGpu(
  backend: false | GpuBackend,
  names: readonly string[],
  vram: { total: number; free: number },
): GpuFacts | null {
  if (!backend || names.length === 0 || !(vram.total > 0)) return null;
  return { backend, names: [...names], vramBytes: vram.total, freeVramBytes: Math.max(0, vram.free) };
}

export async function gpuFacts(llama: LlamaGpuInfo): Promise<GpuFacts | null> {
  if (!llama.gpu) return null;
  const [names, vram] = await Promise.all([llama.getGpuDeviceNames(), llama.getVramState()]);
  return usableGpu(llama.gpu, names, vram);
}

/** Said when a backend loaded but there is no GPU behind it. */
export function noDeviceNote(backend: GpuBackend): string {
  return `A ${backend === 'cuda' ? 'CUDA' : backend === 'metal' ? 'Metal' : 'Vulkan'} runtime is installed but no GPU with its own memory was found, so models run on the CPU.`;
}

/**
 * The runtime to load models with: the GPU build when it has a usable device, else the CPU
 * build (a GPU build with no device would claim a GPU and then run on the CPU anyway).
 */
export async function pickRuntime<L extends LlamaGpuInfo>(
  load: (gpu: 'auto' | false) => Promise<L>,
  gpu: 'auto' | false,
  log: (message: string, error?: unknown) => void,
): Promise<{ llama: L; gpu: GpuFacts | null; note: string | null }> {
  if (gpu === 'auto') {
    try {
      const llama = await load('auto');
      const facts = await gpuFacts(llama);
      if (facts || !llama.gpu) return { llama, gpu: facts, note: null };
      log(`the ${llama.gpu} runtime found no GPU device with memory; using the CPU`);
      const cpu = await load(false);
      return { llama: cpu, gpu: null, note: noDeviceNote(llama.gpu) };
    } catch (error) {
      log('GPU runtime for the interviewer model failed to start; using the CPU', error);
    }
  }
  return { llama: await load(false), gpu: null, note: null };
}
