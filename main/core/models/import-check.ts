/**
 * Checks that a file on disk is a model the app can use, and what kind, before it is copied in
 * or made active: GGUF header and architecture through node-llama-cpp's readGgufFileInfo,
 * whisper and VAD headers by their ggml magic and hparams. Every refusal is an AppError whose
 * message says what the file is and what to do instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../../contract/format.js';
import { AppError } from '../../contract/result.js';
import type { ModelKind } from '../../contract/services/models.js';
import { HEADER_BYTES, sniffHeader } from './model-headers.js';
import { MOSTLY_ZEROS, zeroShare } from './zero-check.js';

export interface ModelFileReport {
  kind: ModelKind;
  sizeBytes: number;
  /** GGUF general.architecture, e.g. "llama", "qwen2". */
  architecture: string | null;
  /** node-llama-cpp's estimate of RAM to run it on the CPU at a 4k context; null when unknown. */
  memoryBytes: number | null;
}

/** The context size the interviewer runs at; the memory estimate uses the same. */
const CONTEXT_SIZE = 4096;
/** GGUF architectures that are not chat models (encoders, projectors, embedders). */
const NOT_CHAT_ARCHITECTURES = new Set([
  'clip',
  'bert',
  'nomic-bert',
  'nomic-bert-moe',
  'jina-bert-v2',
  'jina-bert-v3',
  't5encoder',
  'wavtokenizer-dec',
  'neo-bert',
  'modern-bert',
]);

const KIND_WORDS: Record<ModelKind, string> = {
  llm: 'a language model (the interviewer)',
  whisper: 'a whisper speech-recognition model',
  vad: 'a voice-activity-detection (VAD) model',
};

function invalid(message: string): AppError {
  return new AppError('MODEL_INVALID', message);
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function inspectModelFile(file: string, expected?: ModelKind): Promise<ModelFileReport> {
  const name = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw new AppError(
      'NOT_FOUND',
      `There is no file at ${file}. Check the path (copy it from your file manager) and try again.`,
    );
  }
  if (stat.isDirectory())
    throw invalid(`${file} is a folder, not a model file. Give the path of the .gguf or .bin file inside it.`);
  // A pipe or a device would never end (or never start) when read; it is not a file to copy.
  if (!stat.isFile()) {
    throw invalid(
      `${file} is not a regular file (a device, pipe or socket), so it cannot be a model. Give the path of the .gguf or .bin file itself.`,
    );
  }
  if (stat.size === 0) {
    throw invalid(
      `${name} is empty (0 bytes), probably from a download or copy that was cut off. Download the model again or pick the complete file.`,
    );
  }

  let head: Buffer;
  try {
    head = await readHead(file);
  } catch (error) {
    throw new AppError(
      'MODEL_INVALID',
      `${name} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check that you may open it and try again.`,
    );
  }
  const sniff = sniffHeader(head);
  let report: ModelFileReport;
  let weightsFrom: number | undefined;
  switch (sniff.kind) {
    case 'gguf': {
      const gguf = await inspectGguf(file, name, stat.size);
      report = gguf.report;
      weightsFrom = gguf.weightsFrom;
      break;
    }
    case 'whisper':
      report = { kind: 'whisper', sizeBytes: stat.size, architecture: null, memoryBytes: null };
      break;
    case 'vad':
      report = { kind: 'vad', sizeBytes: stat.size, architecture: null, memoryBytes: null };
      break;
    case 'bad-whisper':
      throw invalid(
        `${name} starts like a whisper model but its header is damaged: ${sniff.reason}. Download it again.`,
      );
    case 'html':
      throw invalid(
        `${name} is a web page, not a model (a "download" link that saved the page instead of the file). Download the model file itself and pick that.`,
      );
    case 'text':
      // Never quoted: the file could be anything the user has, and messages end up in logs.
      throw invalid(
        `${name} is a text file, not a model, even though its name says otherwise. Pick a .gguf interviewer model or a whisper .bin file.`,
      );
    case 'empty':
    case 'unknown':
      throw invalid(
        `${name} is not a GGUF language model or a whisper/VAD model file. Pick a .gguf interviewer model or a whisper .bin file.`,
      );
  }

  // Weights start after the GGUF header (known from it); elsewhere, past the first tenth.
  const bodyStart = weightsFrom ?? Math.floor(stat.size / 10);
  if ((await zeroShare(file, Math.max(bodyStart, HEADER_BYTES), stat.size)) >= MOSTLY_ZEROS) {
    throw invalid(
      `${name} has a valid header but almost nothing after it (its contents are mostly zeros): the download or copy never finished writing it. Download the model again.`,
    );
  }

  if (expected && report.kind !== expected) {
    const advice =
      expected === 'llm'
        ? 'Choose a .gguf file for the interviewer'
        : expected === 'whisper'
          ? 'Choose a whisper .bin file (e.g. ggml-base.en.bin) for speech'
          : 'Choose a Silero VAD .bin file for voice detection';
    throw invalid(
      `${name} is ${KIND_WORDS[report.kind]}, not ${KIND_WORDS[expected]}. ${advice}, or import this file as what it is.`,
    );
  }
  return report;
}

async function inspectGguf(
  file: string,
  name: string,
  sizeBytes: number,
): Promise<{ report: ModelFileReport; weightsFrom: number | undefined }> {
  const { readGgufFileInfo, GgufInsights } = await import('node-llama-cpp');
  let info: Awaited<ReturnType<typeof readGgufFileInfo>>;
  try {
    info = await readGgufFileInfo(file, { sourceType: 'filesystem', logWarnings: false });
  } catch (error) {
    throw invalid(
      `${name} has a GGUF header but its contents could not be read (${(error as Error).message}). The file is damaged or cut off: download it again.`,
    );
  }
  const architecture: string | null = info.metadata?.general?.architecture ?? null;
  if (!architecture)
    throw invalid(
      `${name} is a GGUF file without a model architecture, so it cannot be run. Download the model again.`,
    );
  if (architecture === 'whisper') {
    throw invalid(
      `${name} is a whisper model in GGUF format; the speech recognizer needs whisper.cpp's .bin format (e.g. ggml-base.en.bin).`,
    );
  }
  if (NOT_CHAT_ARCHITECTURES.has(architecture)) {
    throw invalid(
      `${name} is a "${architecture}" model (embeddings or an image projector), not a chat model. Pick an instruct/chat model such as Qwen2.5 Instruct.`,
    );
  }
  const splitCount = Number((info.metadata as { split?: { count?: number } }).split?.count ?? 1);
  if (splitCount > 1) {
    throw invalid(
      `${name} is one part of a model split into ${splitCount} files. Merge the parts into one file (llama-gguf-split --merge) and import that.`,
    );
  }

  let memoryBytes: number | null = null;
  try {
    const insights = await GgufInsights.from(info);
    if (!insights.isSupportedByLlamaCpp) {
      throw invalid(
        `${name} uses the "${architecture}" architecture, which this version of the app cannot run. Pick a model with a common architecture (Llama, Qwen, Mistral, Gemma, Phi).`,
      );
    }
    // Tensors are stored after the header; a file shorter than header + weights was cut off.
    const needed = (info.infoEndOffset ?? 0) + insights.modelSize;
    if (sizeBytes < needed) {
      throw invalid(
        `${name} is ${formatBytes(sizeBytes)} but this model needs ${formatBytes(needed)}: the file was cut off. Download it again.`,
      );
    }
    const model = insights.estimateModelResourceRequirements({ gpuLayers: 0 });
    const context = insights.estimateContextResourceRequirements({ contextSize: CONTEXT_SIZE, modelGpuLayers: 0 });
    memoryBytes = model.cpuRam + context.cpuRam;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Estimates need the llama binding; without it the header check above is all we can do.
  }
  return { report: { kind: 'llm', sizeBytes, architecture, memoryBytes }, weightsFrom: info.infoEndOffset };
}
