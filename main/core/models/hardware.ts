/**
 * What this computer offers to a model: RAM from the OS, GPU and VRAM from node-llama-cpp.
 * Loading the llama binding takes about a second, so it happens on first use (the models
 * screen), never at app start, and once per run.
 */
import os from 'node:os';
import type { Hardware } from '../../contract/services/models.js';

/** The part of node-llama-cpp's Llama this probe reads. */
export interface LlamaGpuInfo {
  gpu: false | 'cuda' | 'vulkan' | 'metal';
  getGpuDeviceNames(): Promise<string[]>;
  getVramState(): Promise<{ total: number; free: number }>;
  dispose?(): Promise<void>;
}

export type LoadLlama = () => Promise<LlamaGpuInfo>;

async function loadOwnLlama(): Promise<LlamaGpuInfo> {
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
  // build: 'never' — a probe must not start compiling llama.cpp when no prebuilt binary fits.
  return getLlama({ build: 'never', gpu: 'auto', logLevel: LlamaLogLevel.error, progressLogs: false });
}

export function osHardware(note: string | null): Hardware {
  const cpus = os.cpus();
  return {
    cpuName: cpus[0]?.model.trim() || os.arch(),
    cpuCores: cpus.length || 1,
    totalRamBytes: os.totalmem(),
    freeRamBytes: os.freemem(),
    gpu: null,
    gpuNames: [],
    vramBytes: 0,
    freeVramBytes: 0,
    note,
  };
}

export async function probeHardware(loadLlama: LoadLlama, disposeAfter: boolean): Promise<Hardware> {
  let llama: LlamaGpuInfo;
  try {
    llama = await loadLlama();
  } catch (error) {
    return osHardware(
      `The GPU could not be checked (${(error as Error).message}); models will be sized for the CPU and RAM.`,
    );
  }
  try {
    const base = osHardware(null);
    if (!llama.gpu) return base;
    const [names, vram] = await Promise.all([llama.getGpuDeviceNames(), llama.getVramState()]);
    return { ...base, gpu: llama.gpu, gpuNames: names, vramBytes: vram.total, freeVramBytes: vram.free };
  } catch (error) {
    return osHardware(
      `The GPU could not be checked (${(error as Error).message}); models will be sized for the CPU and RAM.`,
    );
  } finally {
    // The probe's own instance would otherwise hold GPU memory the interviewer needs later.
    if (disposeAfter) await llama.dispose?.().catch(() => undefined);
  }
}

export interface HardwareProbe {
  get(): Promise<Hardware>;
  /** The last answer without waiting; null before the first probe finished. */
  peek(): Hardware | null;
}

/** Probes once, on the first `get()`. Pass `loadLlama` to share an instance owned elsewhere. */
export function createHardwareProbe(loadLlama?: LoadLlama): HardwareProbe {
  let pending: Promise<Hardware> | undefined;
  let result: Hardware | null = null;
  return {
    get() {
      pending ??= probeHardware(loadLlama ?? loadOwnLlama, !loadLlama).then((h) => (result = h));
      return pending;
    },
    peek: () => result,
  };
}
