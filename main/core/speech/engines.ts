/**
 * The speech models: which files to use (settings + the models folder) and one loaded VAD and
 * whisper context shared by every answer, reloaded only when the chosen files change.
 */
import fs from 'node:fs';
import type { LibVariant } from '@fugood/whisper.node';
import { AppError } from '../../contract/result.js';
import type { SpeechReadiness } from '../../contract/services/speech.js';
import { loadWhisper, type Transcriber } from './transcriber.js';
import { findVadModel, loadSileroVad, type Vad } from './vad.js';

export interface SpeechEngines {
  vad: Vad;
  transcriber: Transcriber;
}

export interface EngineConfig {
  whisperModel: string;
  vadModel: string;
  threads: number;
  language: string;
}

export type LoadEngines = (config: EngineConfig) => Promise<SpeechEngines>;

export function speechReadiness(
  activeWhisperModel: string | null,
  modelDirs: readonly (string | null | undefined)[],
): SpeechReadiness {
  const vadModel = findVadModel(modelDirs);
  const whisperModel = activeWhisperModel && fs.existsSync(activeWhisperModel) ? activeWhisperModel : null;
  let problem: string | null = null;
  if (!activeWhisperModel) {
    problem =
      'No speech recognition model is set up yet. Open the Models screen to download one (or import a whisper .bin file). Until then, type your answers.';
  } else if (!whisperModel) {
    problem = `The speech model file ${activeWhisperModel} is missing. Choose or download another on the Models screen; meanwhile, type your answers.`;
  } else if (!vadModel) {
    problem =
      'The voice-activity model (Silero VAD), which finds where you speak and pause, is not installed. Download it on the Models screen; meanwhile, type your answers.';
  }
  return { ready: problem === null, whisperModel, vadModel, problem };
}

/** An env override for the native build: 'cuda' or 'vulkan' where those packages fit the GPU. */
function libVariant(): LibVariant | undefined {
  const v = process.env.REHEARSAL_WHISPER_VARIANT;
  return v === 'cuda' || v === 'vulkan' ? v : undefined;
}

export const loadRealEngines: LoadEngines = async (config) => {
  let vad: Vad;
  try {
    vad = await loadSileroVad(config.vadModel, { threads: 1, variant: libVariant() });
  } catch (error) {
    throw new AppError(
      'MODEL_LOAD_FAILED',
      `The voice-activity model ${config.vadModel} could not be loaded (${errorText(error)}). Download it again on the Models screen; meanwhile, type your answers.`,
    );
  }
  try {
    const transcriber = await loadWhisper({
      modelPath: config.whisperModel,
      threads: config.threads,
      language: config.language,
      useGpu: true,
      variant: libVariant(),
    });
    return { vad, transcriber };
  } catch (error) {
    await vad.release().catch(() => undefined);
    throw new AppError(
      'MODEL_LOAD_FAILED',
      `The speech model ${config.whisperModel} could not be loaded (${errorText(error)}). Choose another on the Models screen; meanwhile, type your answers.`,
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
