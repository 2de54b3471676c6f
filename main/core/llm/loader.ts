/**
 * Loading a GGUF model for the interviewer: the llama.cpp runtime (GPU when there is one,
 * the CPU otherwise), the model, and one context. Every failure a user can meet becomes an
 * AppError with a code and a message that says what to do.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Llama, LlamaContext, LlamaModel } from 'node-llama-cpp';
import { AppError } from '../../contract/result.js';
import { pickRuntime, type GpuFacts } from './gpu.js';

export interface LoadOptions {
  /** 'auto' tries Metal / CUDA / Vulkan first; false forces the CPU. */
  gpu: 'auto' | false;
  /** CPU threads for evaluation; default: the cores this process may use. */
  threads?: number;
  /** Largest context to ask for (tokens per sequence); smaller when the model or memory needs it. */
  maxContextSize: number;
  /** Sequences in the one context: the round's chat and a short-lived one for judging. */
  sequences: number;
  /** Loading progress, 0–1, as llama.cpp reads the weights. */
  onProgress?: (progress: number) => void;
}

export interface LoadedModel {
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
  modelPath: string;
  /** The GPU it runs on, or null on the CPU. */
  gpu: GpuFacts | null;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}

/** The runtime with what it really offers: a GPU only when one with memory is there. */
export interface Runtime {
  llama: Llama;
  gpu: GpuFacts | null;
  /** Why a GPU runtime is not used, e.g. a Vulkan loader with no device behind it. */
  note: string | null;
}

/**
 * The runtime, GPU first. A GPU build that cannot start (missing driver, unsupported card), or
 * that starts with no device behind it, is not an error for the user: the CPU build is the fallback.
 */
export async function loadRuntime(
  gpu: 'auto' | false,
  log: (message: string, error?: unknown) => void,
): Promise<Runtime> {
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
  // build: 'never' — the app must not start compiling llama.cpp on a user's machine.
  const base = { build: 'never', logLevel: LlamaLogLevel.error, progressLogs: false } as const;
  try {
    return await pickRuntime((which) => getLlama({ ...base, gpu: which }), gpu, log);
  } catch (error) {
    throw new AppError(
      'MODEL_LOAD_FAILED',
      `The AI interviewer could not start on this computer (${reasonOf(error)}). The scripted interviewer will ask the questions; reinstalling the app may fix this.`,
      { cause: error },
    );
  }
}

/** Checks the file before llama.cpp sees it, so a wrong file gets a clear message, not a crash. */
export async function checkModelFile(modelPath: string | null): Promise<string> {
  if (!modelPath) {
    throw new AppError(
      'MODEL_MISSING',
      'No interviewer model is chosen. Choose one under Models to use the AI interviewer; until then the scripted interviewer asks the questions.',
    );
  }
  const name = path.basename(modelPath);
  if (!fs.existsSync(modelPath)) {
    throw new AppError(
      'MODEL_MISSING',
      `The interviewer model file "${name}" is missing (it may have been moved or deleted). Choose or import a model under Models.`,
    );
  }
  const { readGgufFileInfo } = await import('node-llama-cpp');
  try {
    await readGgufFileInfo(modelPath, { readTensorInfo: false, sourceType: 'filesystem', logWarnings: false });
  } catch (error) {
    throw new AppError(
      'MODEL_INVALID',
      `"${name}" is not a usable GGUF model (${reasonOf(error)}). Import a .gguf model file under Models.`,
      { cause: error },
    );
  }
  return modelPath;
}

function loadFailed(modelPath: string, error: unknown): AppError {
  return new AppError(
    'MODEL_LOAD_FAILED',
    `The interviewer model "${path.basename(modelPath)}" could not be loaded (${reasonOf(error)}). The file may be damaged or incomplete (download or import it again), or the model needs more memory than is free (close other apps or choose a smaller model under Models).`,
    { cause: error },
  );
}

export function defaultThreads(llama: Llama): number {
  // llama.cpp's CPU default is at least 4 threads; on a 2-core machine that oversubscribes the
  // cores and makes every token many times slower.
  return Math.max(1, Math.min(llama.cpuMathCores || os.availableParallelism(), os.availableParallelism()));
}

export async function loadModel(runtime: Runtime, modelPath: string, options: LoadOptions): Promise<LoadedModel> {
  const { llama } = runtime;
  let gpu = runtime.gpu;
  let model: LlamaModel;
  const progress = options.onProgress ? { onLoadProgress: options.onProgress } : {};
  try {
    model = await llama.loadModel({ modelPath, ...progress });
  } catch (error) {
    if (!gpu) throw loadFailed(modelPath, error);
    gpu = null;
    // Not enough video memory for even a part of the model: run it on the CPU instead.
    try {
      model = await llama.loadModel({ modelPath, gpuLayers: 0, ...progress });
    } catch (cpuError) {
      throw loadFailed(modelPath, cpuError);
    }
  }
  try {
    const max = Math.max(512, Math.min(options.maxContextSize, model.trainContextSize || options.maxContextSize));
    const context = await model.createContext({
      sequences: options.sequences,
      contextSize: { min: Math.min(1024, max), max },
      threads: options.threads ?? (gpu ? undefined : defaultThreads(llama)),
    });
    // Layers that did not fit in video memory run on the CPU: with none offloaded it is the CPU.
    if (gpu && model.gpuLayers === 0) gpu = null;
    return { llama, model, context, modelPath, gpu };
  } catch (error) {
    await model.dispose().catch(() => undefined);
    throw loadFailed(modelPath, error);
  }
}
