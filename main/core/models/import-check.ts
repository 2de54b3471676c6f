/**
 * Checks that a model on disk is one the app can use, and what kind, before it is copied in or
 * made active: GGUF header and architecture through node-llama-cpp's readGgufFileInfo for the
 * interviewer; for speech, ONNX models as sherpa-onnx runs them (a Whisper model is a folder of
 * encoder, decoder and tokens; the Silero VAD one .onnx file). Every refusal is an AppError
 * whose message says what the file is and what to do instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../../contract/format.js';
import { AppError } from '../../contract/result.js';
import type { ModelKind } from '../../contract/services/models.js';
import { HEADER_BYTES, sniffHeader } from './model-headers.js';
import { inspectWhisperSet, onnxFileRole } from './speech-files.js';
import { MOSTLY_ZEROS, zeroShare } from './zero-check.js';

export interface ModelFileReport {
  kind: ModelKind;
  /** The file, or the folder of a Whisper model. */
  path: string;
  /** For a Whisper model, its files (inside path). */
  files: string[] | null;
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
  whisper: 'a Whisper speech-recognition model',
  vad: 'a voice-activity-detection (VAD) model',
};

const SPEECH_FORMAT =
  'This version runs speech models as ONNX files (sherpa-onnx): download Whisper and Silero VAD on the Models screen, or import a sherpa-onnx Whisper folder (encoder, decoder and tokens files) or a silero_vad .onnx file.';

/** A file that is one part of a Whisper model: its folder is the model. */
function isWhisperPart(file: string): boolean {
  if (/tokens.*\.txt$/i.test(path.basename(file))) return true;
  if (!/\.onnx$/i.test(file)) return false;
  const role = onnxFileRole(file);
  return role === 'whisper-encoder' || role === 'whisper-decoder';
}

/**
 * What the user pointed at: a model file, a Whisper model's folder, or one file of that folder
 * (then the folder is what is checked and imported).
 */
export async function inspectModelPath(target: string, expected?: ModelKind): Promise<ModelFileReport> {
  const stat = await fs.promises.stat(target).catch(() => null);
  if (stat?.isDirectory() && expected !== 'llm' && expected !== 'vad') return inspectWhisperFolder(target, expected);
  if (stat?.isFile() && expected !== 'llm' && expected !== 'vad' && isWhisperPart(target))
    return inspectWhisperFolder(path.dirname(target), expected);
  return inspectModelFile(target, expected);
}

async function inspectWhisperFolder(dir: string, expected?: ModelKind): Promise<ModelFileReport> {
  if (expected && expected !== 'whisper')
    throw invalid(
      `${path.basename(dir)} is a folder; ${KIND_WORDS[expected]} is one file. Give the path of that file.`,
    );
  const set = inspectWhisperSet(dir);
  const files = [set.encoder, set.decoder, set.tokens];
  const sizeBytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  for (const part of [set.encoder, set.decoder]) await refuseMostlyZeros(part, undefined);
  return { kind: 'whisper', path: dir, files, sizeBytes, architecture: null, memoryBytes: null };
}

/** Weights start after the GGUF header (known from it); elsewhere (ONNX), past the first tenth. */
async function refuseMostlyZeros(file: string, weightsFrom: number | undefined): Promise<void> {
  const size = (await fs.promises.stat(file)).size;
  const bodyStart = weightsFrom ?? Math.floor(size / 10);
  if ((await zeroShare(file, Math.max(bodyStart, HEADER_BYTES), size)) >= MOSTLY_ZEROS) {
    throw invalid(
      `${path.basename(file)} has a valid header but almost nothing after it (its contents are mostly zeros): the download or copy never finished writing it. Download the model again.`,
    );
  }
}

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
    throw invalid(`${file} is a folder, not a model file. Give the path of the .gguf or .onnx file inside it.`);
  // A pipe or a device would never end (or never start) when read; it is not a file to copy.
  if (!stat.isFile()) {
    throw invalid(
      `${file} is not a regular file (a device, pipe or socket), so it cannot be a model. Give the path of the .gguf or .onnx file itself.`,
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
    case 'onnx':
      report = inspectOnnx(file, name, stat.size, expected);
      break;
    case 'whisper':
    case 'bad-whisper':
      throw invalid(
        `${name} is a whisper.cpp (ggml) speech model, which this version no longer runs. ${SPEECH_FORMAT}`,
      );
    case 'vad':
      throw invalid(
        `${name} is a whisper.cpp (ggml) voice-detection model, which this version no longer runs. ${SPEECH_FORMAT}`,
      );
    case 'html':
      throw invalid(
        `${name} is a web page, not a model (a "download" link that saved the page instead of the file). Download the model file itself and pick that.`,
      );
    case 'text':
      // Never quoted: the file could be anything the user has, and messages end up in logs.
      throw invalid(
        `${name} is a text file, not a model, even though its name says otherwise. Pick a .gguf interviewer model, a Whisper model folder or a Silero VAD .onnx file.`,
      );
    case 'empty':
    case 'unknown':
      throw invalid(
        `${name} is not a GGUF language model or an ONNX speech model. Pick a .gguf interviewer model, a Whisper model folder or a Silero VAD .onnx file.`,
      );
  }

  await refuseMostlyZeros(file, weightsFrom);

  if (expected && report.kind !== expected) {
    const advice =
      expected === 'llm'
        ? 'Choose a .gguf file for the interviewer'
        : expected === 'whisper'
          ? 'Choose a Whisper model folder (encoder, decoder and tokens files) for speech'
          : 'Choose a Silero VAD .onnx file for voice detection';
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
    throw invalid(`${name} is a Whisper model in GGUF format. ${SPEECH_FORMAT}`);
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
  return {
    report: { kind: 'llm', path: file, files: null, sizeBytes, architecture, memoryBytes },
    weightsFrom: info.infoEndOffset,
  };
}

function inspectOnnx(file: string, name: string, sizeBytes: number, expected?: ModelKind): ModelFileReport {
  const role = onnxFileRole(file);
  if (role === 'silero-vad')
    return { kind: 'vad', path: file, files: null, sizeBytes, architecture: null, memoryBytes: null };
  if (role === 'whisper-encoder' || role === 'whisper-decoder')
    throw invalid(
      `${name} is one part of a Whisper model (its ${role === 'whisper-encoder' ? 'encoder' : 'decoder'}). ${
        expected === 'vad'
          ? 'Choose a Silero VAD .onnx file for voice detection.'
          : 'Import the folder that holds the encoder, decoder and tokens files together.'
      }`,
    );
  if (role === null)
    throw invalid(
      `${name} starts like an ONNX model but could not be read to its end: it is damaged or cut off. Download it again.`,
    );
  throw invalid(
    `${name} is an ONNX model, but not one the app runs (not a Whisper part or a Silero VAD). ${SPEECH_FORMAT}`,
  );
}
