/**
 * The speech engines the turn benchmark runs, through the app's own engine interfaces (Vad,
 * Transcriber): Whisper in sherpa-onnx on a Whisper-shaped stand-in (random weights at the real
 * model's shape, so it costs what the real one does) and the Silero VAD v5 fixture (real weights).
 */
import path from 'node:path';
import { inspectWhisperSet } from '../../main/core/models/speech-files.js';
import { SAMPLE_RATE } from '../../main/core/speech/pcm.js';
import type { Transcriber } from '../../main/core/speech/transcriber.js';
import { loadSileroVad, type Vad } from '../../main/core/speech/vad.js';
import { loadWhisperOnnx } from '../../main/core/speech/whisper-onnx.js';
import { FIXTURES_DIR } from '../standins/cache.js';
import { ensureSpeechStandin } from '../standins/speech.js';
import type { WhisperShapeName } from '../standins/whisper-shapes.js';

export interface BenchSpeech {
  vad: Vad;
  transcriber: Transcriber;
  /** Longest audio one transcribe() call takes (sherpa-onnx's Whisper reads one 30 s window). */
  pieceSamples: number;
  /** Model files, for the memory figure. */
  files: string[];
  /** What the recognizer is, for the printout. */
  label: string;
}

export async function loadBenchSpeech(threads: number, shape: WhisperShapeName = 'base'): Promise<BenchSpeech> {
  const vadModel = path.join(FIXTURES_DIR, 'silero-vad-v5.onnx');
  const standin = await ensureSpeechStandin(shape, 'sherpa-onnx');
  const vad = await loadSileroVad(vadModel);
  const transcriber = await loadWhisperOnnx({ files: inspectWhisperSet(standin.path), threads, language: 'en' });
  return {
    vad,
    transcriber,
    pieceSamples: 28 * SAMPLE_RATE,
    files: [vadModel, ...standin.files],
    label: `sherpa-onnx Whisper, ${shape}.en-shaped int8 stand-in (random weights), ${threads} thread(s); Silero VAD v5`,
  };
}

/** The whole answer in as few calls as the engine allows (the naive pipeline's transcription). */
export async function transcribeWhole(speech: BenchSpeech, samples: Int16Array): Promise<void> {
  for (let at = 0; at < samples.length; at += speech.pieceSamples)
    await speech.transcriber.transcribe(samples.subarray(at, at + speech.pieceSamples));
}
