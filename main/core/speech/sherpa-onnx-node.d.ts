/**
 * The part of sherpa-onnx-node (a CommonJS package without type declarations) the app uses:
 * the offline recognizer for Whisper and the Silero voice-activity detector.
 */
declare module 'sherpa-onnx-node' {
  export interface Waveform {
    samples: Float32Array;
    sampleRate: number;
  }

  export interface OfflineWhisperModelConfig {
    encoder: string;
    decoder: string;
    language?: string;
    task?: 'transcribe' | 'translate';
    /** Feature frames of silence appended after the audio; -1 uses sherpa-onnx's default (1000). */
    tailPaddings?: number;
    enableSegmentTimestamps?: boolean;
  }

  export interface OfflineRecognizerConfig {
    featConfig?: { sampleRate?: number; featureDim?: number };
    modelConfig: {
      whisper?: OfflineWhisperModelConfig;
      tokens: string;
      numThreads?: number;
      provider?: string;
      debug?: boolean | number;
    };
    decodingMethod?: string;
  }

  export interface OfflineRecognizerResult {
    text: string;
    tokens: string[];
    timestamps: number[];
    lang: string;
  }

  export class OfflineStream {
    acceptWaveform(wave: Waveform): void;
  }

  export class OfflineRecognizer {
    static createAsync(config: OfflineRecognizerConfig): Promise<OfflineRecognizer>;
    createStream(): OfflineStream;
    decodeAsync(stream: OfflineStream): Promise<OfflineRecognizerResult>;
  }

  export interface VadConfig {
    sileroVad: {
      model: string;
      threshold?: number;
      minSilenceDuration?: number;
      minSpeechDuration?: number;
      windowSize?: number;
      maxSpeechDuration?: number;
    };
    sampleRate?: number;
    numThreads?: number;
    provider?: string;
    debug?: boolean | number;
  }

  export interface SpeechSegment {
    start: number;
    samples: Float32Array;
  }

  export class Vad {
    constructor(config: VadConfig, bufferSizeInSeconds: number);
    acceptWaveform(samples: Float32Array): void;
    isEmpty(): boolean;
    front(enableExternalBuffer?: boolean): SpeechSegment;
    pop(): void;
    reset(): void;
    flush(): void;
  }

  const sherpa: {
    OfflineRecognizer: typeof OfflineRecognizer;
    Vad: typeof Vad;
    version: string;
    onnxruntimeVersion: string;
  };
  export default sherpa;
}
