/**
 * The speech models: which files to use (settings + the models folder) and one loaded VAD and
 * Whisper recognizer shared by every answer, reloaded only when the chosen files change. Both
 * run in sherpa-onnx; every file is checked before the engine sees it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, isAppError } from '../../contract/result.js';
import type { SpeechReadiness } from '../../contract/services/speech.js';
import { inspectVadFile, inspectWhisperSet } from '../models/speech-files.js';
import { speechThreads, type Transcriber } from './transcriber.js';
import { findVadModel, loadSileroVad, type Vad } from './vad.js';
import { loadWhisperOnnx } from './whisper-onnx.js';

export interface SpeechEngines {
  vad: Vad;
  transcriber: Transcriber;
}

export interface EngineConfig {
  /** The Whisper model's folder. */
  whisperModel: string;
  vadModel: string;
  threads: number;
  language: string;
}

export type LoadEngines = (config: EngineConfig) => Promise<SpeechEngines>;

const TYPE_INSTEAD = 'meanwhile, type your answers';

function whisperProblem(activeWhisperModel: string | null): string | null {
  if (!activeWhisperModel)
    return `No speech recognition model is set up yet. Open the Models screen to download one (or import a Whisper model folder). Until then, type your answers.`;
  if (!fs.existsSync(activeWhisperModel))
    return `The speech model ${activeWhisperModel} is missing. Choose or download another on the Models screen; ${TYPE_INSTEAD}.`;
  if (/\.bin$/i.test(activeWhisperModel))
    return `${path.basename(activeWhisperModel)} is a whisper.cpp model, which this version no longer runs. Download Whisper base.en on the Models screen (or import a sherpa-onnx Whisper folder); ${TYPE_INSTEAD}.`;
  return null;
}

export function speechReadiness(
  activeWhisperModel: string | null,
  modelDirs: readonly (string | null | undefined)[],
): SpeechReadiness {
  const vadModel = findVadModel(modelDirs);
  let problem = whisperProblem(activeWhisperModel);
  if (!problem) {
    try {
      inspectWhisperSet(activeWhisperModel!);
    } catch (error) {
      problem = `${isAppError(error) ? error.message : String(error)} Until then, type your answers.`;
    }
  }
  if (!problem && !vadModel)
    problem = `The voice-activity model (Silero VAD), which finds where you speak and pause, is not installed. Download it on the Models screen; ${TYPE_INSTEAD}.`;
  const whisperModel = problem ? null : activeWhisperModel;
  return { ready: problem === null, whisperModel, vadModel, problem };
}

export const loadRealEngines: LoadEngines = async (config) => {
  let vad: Vad;
  try {
    inspectVadFile(config.vadModel);
    vad = await loadSileroVad(config.vadModel, { threads: 1 });
  } catch (error) {
    throw new AppError(
      'MODEL_LOAD_FAILED',
      `The voice-activity model ${config.vadModel} could not be loaded (${errorText(error)}). Download it again on the Models screen; ${TYPE_INSTEAD}.`,
    );
  }
  try {
    const transcriber = await loadWhisperOnnx({
      files: inspectWhisperSet(config.whisperModel),
      threads: speechThreads(config.threads),
      language: config.language,
    });
    return { vad, transcriber };
  } catch (error) {
    await vad.release().catch(() => undefined);
    throw new AppError(
      'MODEL_LOAD_FAILED',
      `The speech model ${config.whisperModel} could not be loaded (${errorText(error)}). Choose another on the Models screen; ${TYPE_INSTEAD}.`,
    );
  }
};

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Keeps one set of engines; a different configuration releases the old set once it is idle. */
export function engineCache(load: LoadEngines) {
  let current: { key: string; engines: Promise<SpeechEngines> } | null = null;
  return {
    get(config: EngineConfig, inUse: boolean): Promise<SpeechEngines> {
      const key = JSON.stringify(config);
      if (current?.key === key) return current.engines;
      const previous = current;
      const engines = load(config);
      current = { key, engines };
      // A failed load is not cached, so fixing the model and trying again works.
      engines.catch(() => {
        if (current?.engines === engines) current = null;
      });
      if (previous && !inUse) void previous.engines.then(releaseAll, () => undefined);
      return engines;
    },
    async close(): Promise<void> {
      const engines = current?.engines;
      current = null;
      if (engines) await engines.then(releaseAll, () => undefined);
    },
  };
}

async function releaseAll(engines: SpeechEngines): Promise<void> {
  await Promise.allSettled([engines.vad.release(), engines.transcriber.release()]);
}
