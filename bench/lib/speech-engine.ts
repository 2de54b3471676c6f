/**
 * The speech engines the turn benchmark runs, through the app's own engine interfaces (Vad,
 * Transcriber). Swapping the recognizer for the new engine and its base.en stand-in is the one
 * `loadTranscriber` line below.
 */
import path from 'node:path';
import { loadWhisper, type Transcriber } from '../../main/core/speech/transcriber.js';
import { loadSileroVad, type Vad } from '../../main/core/speech/vad.js';
import { FIXTURES_DIR } from '../standins/cache.js';

export interface BenchSpeech {
  vad: Vad;
  transcriber: Transcriber;
  /** Model files, for the memory figure. */
  files: string[];
  /** What the recognizer is, for the printout. */
  label: string;
}

export async function loadBenchSpeech(threads: number): Promise<BenchSpeech> {
  const vadModel = path.join(FIXTURES_DIR, 'silero-vad-v6.2.0-ggml.bin');
  // Until the new speech engine lands: whisper.cpp on the 1-layer test model (no weights, no text).
  const whisperModel = path.join(FIXTURES_DIR, 'for-tests-ggml-mini.bin');
  const loadTranscriber = () => loadWhisper({ modelPath: whisperModel, threads, language: 'en', useGpu: false });
  const vad = await loadSileroVad(vadModel, { threads: 1 });
  const transcriber = await loadTranscriber();
  return {
    vad,
    transcriber,
    files: [vadModel, whisperModel],
    label: `whisper.cpp, ${path.basename(whisperModel)} (1-layer test model, not base.en-shaped), ${threads} thread(s); Silero VAD v6.2.0`,
  };
}
