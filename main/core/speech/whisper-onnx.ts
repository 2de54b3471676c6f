/**
 * Whisper through sherpa-onnx: one recognizer per model set, one call at a time (a Sequencer
 * guards the native recognizer). Each call is one stretch of speech; sherpa-onnx's Whisper
 * has no initial prompt and, without its timestamp mode, returns text only, so the piece spans
 * the whole call.
 */
import type { OfflineRecognizer } from 'sherpa-onnx-node';
import { Sequencer } from '../util/sequencer.js';
import { samplesToFloat32, samplesToMs, SAMPLE_RATE } from './pcm.js';
import { loadSherpa } from './sherpa.js';
import type { Transcriber } from './transcriber.js';
import { WHISPER_TAIL_PADDING_FRAMES } from './whisper-onnx-config.js';

export interface WhisperOnnxFiles {
  encoder: string;
  decoder: string;
  tokens: string;
}

export interface WhisperOnnxOptions {
  files: WhisperOnnxFiles;
  threads: number;
  /** A language code for multilingual models ('en'); English-only models ignore it. */
  language: string;
}

export async function loadWhisperOnnx(options: WhisperOnnxOptions): Promise<Transcriber> {
  const sherpa = await loadSherpa();
  const recognizer: OfflineRecognizer = await sherpa.OfflineRecognizer.createAsync({
    featConfig: { sampleRate: SAMPLE_RATE, featureDim: 80 },
    modelConfig: {
      whisper: {
        encoder: options.files.encoder,
        decoder: options.files.decoder,
        language: options.language,
        task: 'transcribe',
        tailPaddings: WHISPER_TAIL_PADDING_FRAMES,
      },
      tokens: options.files.tokens,
      numThreads: options.threads,
      provider: 'cpu',
      debug: 0,
    },
  });
  const calls = new Sequencer();
  let released = false;
  return {
    timestamps: false,
    transcribe: (samples) =>
      calls.run(async () => {
        if (released) throw new Error('the speech model was released');
        const stream = recognizer.createStream();
        stream.acceptWaveform({ samples: samplesToFloat32(samples), sampleRate: SAMPLE_RATE });
        const result = await recognizer.decodeAsync(stream);
        return [{ text: result.text.trim(), startMs: 0, endMs: samplesToMs(samples.length) }];
      }),
    // The native recognizer is freed by the garbage collector once nothing refers to it.
    release: () =>
      calls.run(() => {
        released = true;
      }),
  };
}
