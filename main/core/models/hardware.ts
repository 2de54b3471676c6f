/**
 * What this computer offers to a model: RAM from the OS, GPU and VRAM from node-llama-cpp (a
 * GPU only when a device with memory is there: llm/gpu.ts, the same facts the loader uses).
 * Loading the llama binding takes about a second, so it happens on first use (the models
 * screen), never at app start, and once per run.
 */
import os from 'node:os';
import type { Hardware } from '../../contract/services/models.js';
import { pickRuntime, type GpuFacts, type LlamaGpuInfo } from '../llm/gpu.js';
import { memoryReadGBps } from './speed-check.js';

/** A llama.cpp runtime and what it really offers (see llm/gpu.ts: a backend with no device is no GPU). */
export interface ProbedRuntime {
  llama: LlamaGpuInfo;
  gpu: GpuFacts | null;
  note: string | null;
}

export type LoadLlama = () => Promise<ProbedRuntime>;

async function loadOwnLlama(): Promise<ProbedRuntime> {
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
  // build: 'never' — a probe must not start compiling llama.cpp when no prebuilt binary fits.
  const base = { build: 'never', logLevel: LlamaLogLevel.error, progressLogs: false } as const;
  return pickRuntime(
    (gpu) => getLlama({ ...base, gpu }),
    'auto',
    () => undefined,
  );
}

export function osHardware(note: string | null): Hardware {
  const cpus = os.cpus();
  return {
    cpuName: cpus[0]?.model.trim() || os.arch(),
    cpuCores: cpus.length || 1,
    cpuThreads: os.availableParallelism(),
    memoryReadGBps: memoryReadGBps(),
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
  let runtime: ProbedRuntime;
  try {
    runtime = await loadLlama();
  } catch (error) {
    return osHardware(
      `The GPU could not be checked (${(error as Error).message}); models will be sized for the CPU and RAM.`,
    );
  }
  try {
    const { gpu, note } = runtime;
    if (!gpu) return osHardware(note);
    return {
      ...osHardware(null),
      gpu: gpu.backend,
      gpuNames: gpu.names,
      vramBytes: gpu.vramBytes,
      freeVramBytes: gpu.freeVramBytes,
    };
  } finally {
    // The probe's own instance would otherwise hold GPU memory the interviewer needs later.
    if (disposeAfter) await runtime.llama.dispose?.().catch(() => undefined);
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
