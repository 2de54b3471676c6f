import { z } from 'zod';
import { method } from '../define.js';
import type { ErrorInfo } from '../result.js';

/**
 * llm: the interviewer (GGUF); whisper: speech recognition (a folder: Whisper's ONNX encoder,
 * decoder and tokens for sherpa-onnx); vad: voice-activity detection (Silero VAD, one .onnx file).
 */
export const MODEL_KINDS = ['llm', 'whisper', 'vad'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** How well a model suits this computer: good, works but leaves little memory, or too big. */
export type ModelFit = 'good' | 'tight' | 'too-large';

export interface InstalledModel {
  /** Stable key: the file name for files in the models folder, "bundled:<name>" for the installer's. */
  id: string;
  kind: ModelKind;
  /** Catalog display name when the file is a catalog model, else the file name. */
  name: string;
  /** The file, or the folder of a model made of several files (Whisper). */
  path: string;
  sizeBytes: number;
  source: 'download' | 'import' | 'bundled';
  catalogId: string | null;
  /** Bundled files belong to the installation and cannot be deleted from the app. */
  deletable: boolean;
  /** Why it cannot be used (a partial Whisper folder, a file from an earlier version); null when fine. */
  problem: string | null;
}

export type DownloadState = 'downloading' | 'paused' | 'verifying' | 'done' | 'failed' | 'cancelled';

export interface DownloadProgress {
  /** Catalog id of the model being downloaded. */
  id: string;
  downloadedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  /** null while the speed is not known yet. */
  secondsLeft: number | null;
}

export interface DownloadInfo extends DownloadProgress {
  name: string;
  state: DownloadState;
  /** Why it stopped (failed, or paused because the disk is full); null otherwise. */
  error: ErrorInfo | null;
  /** The installed file once state is "done". */
  path: string | null;
}

export interface ModelsStatus {
  modelsDir: string;
  installed: InstalledModel[];
  /** Paths as stored in settings; a path missing from `installed` means the file went away. */
  activeLlm: string | null;
  activeWhisper: string | null;
  /** Downloads that are running, paused (also from an earlier run of the app) or failed. */
  downloads: DownloadInfo[];
}

export interface Hardware {
  cpuName: string;
  cpuCores: number;
  /** Threads a model can run on (os.availableParallelism). */
  cpuThreads: number;
  /** Measured: gigabytes a second one thread reads from memory (the speed check); null when unmeasured. */
  memoryReadGBps: number | null;
  totalRamBytes: number;
  freeRamBytes: number;
  /** The GPU backend node-llama-cpp would use; null means models run on the CPU. */
  gpu: 'cuda' | 'vulkan' | 'metal' | null;
  gpuNames: string[];
  vramBytes: number;
  freeVramBytes: number;
  /** Set when the GPU could not be checked (the figures then come from the OS alone). */
  note: string | null;
}

export interface CatalogModel {
  id: string;
  kind: ModelKind;
  tier: 'small' | 'mid' | 'strong' | 'speech';
  name: string;
  fileName: string;
  source: string;
  /** The plain https address of the file, for fetching it on another computer (catalog.ts downloadUrl). */
  address: string;
  /** All its files together. */
  sizeBytes: number;
  sha256: string | null;
  /** The files a model made of several files downloads (null for one file). */
  files: { fileName: string; sizeBytes: number; sha256: string | null; address: string }[] | null;
  licence: string;
  memoryBytes: number;
  goodFor: string;
  fit: ModelFit;
  /** One sentence on the fit, e.g. "Runs on the GPU (NVIDIA H100)". */
  fitNote: string;
  recommended: boolean;
  installed: boolean;
}

export interface ModelsCatalog {
  models: CatalogModel[];
  hardware: Hardware;
  /** Problems with an extra catalog file; the bundled catalog is always used. */
  problems: string[];
}

/** Where the interviewer model stands: loads in the background, then runs on the GPU or the CPU. */
export interface LlmStatus {
  state: 'idle' | 'loading' | 'ready' | 'failed';
  /** The active model file (settings), or null when none is chosen. */
  modelPath: string | null;
  /** The GPU backend the loaded model uses; null on the CPU or before it is loaded. */
  gpu: 'cuda' | 'vulkan' | 'metal' | null;
  /** One sentence for the UI, e.g. why loading failed and what to do. */
  message: string;
  /** While loading: how far (0–1), when llama.cpp reports it; otherwise null. */
  progress: number | null;
}

const catalogId = z.object({ id: z.string().min(1).max(120) });

export const modelsContract = {
  status: method(z.undefined()).returns<ModelsStatus>(),
  /** Catalog with fit and recommendation for this machine. The first call checks the hardware (about a second). */
  catalog: method(z.undefined()).returns<ModelsCatalog>(),
  /** Checks the server and the disk, then starts downloading in the background (events report progress). */
  download: method(catalogId.extend({ allowLarge: z.boolean().optional() }).strict()).returns<DownloadInfo>(),
  pause: method(catalogId.strict()).returns<DownloadInfo>(),
  resume: method(catalogId.strict()).returns<DownloadInfo>(),
  /** Stops a download and deletes its partial file. */
  cancel: method(catalogId.strict()).returns<ModelsStatus>(),
  /** Checks a model file on this computer and copies it into the models folder. */
  import: method(
    z
      .object({
        path: z.string().trim().min(1).max(4096),
        /** What the user means to use it as; a file of another kind is refused with a message. */
        kind: z.enum(MODEL_KINDS).optional(),
        allowLarge: z.boolean().optional(),
      })
      .strict(),
  ).returns<InstalledModel>(),
  /** Deletes a downloaded or imported model file (never a bundled one). */
  delete: method(z.object({ path: z.string().min(1).max(4096) }).strict()).returns<ModelsStatus>(),
  /** Chooses the model the interviewer or the speech recognizer uses; null turns it off. */
  setActive: method(
    z.object({ kind: z.enum(['llm', 'whisper']), path: z.string().min(1).max(500).nullable() }).strict(),
  ).returns<ModelsStatus>(),
  /** The interviewer model's loading state (idle, loading, ready on GPU/CPU, or why it failed). */
  llmStatus: method(z.undefined()).returns<LlmStatus>(),
};
