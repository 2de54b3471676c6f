/** Stand-ins for the native models, to test the pipeline's logic with recorded-like data. */
import type { Transcriber, TranscribedPiece } from '../../../../main/core/speech/transcriber.js';
import type { SpeechSpan, Vad } from '../../../../main/core/speech/vad.js';

/** Loud 10 ms frames are speech; gaps under 100 ms are bridged, like Silero's defaults. */
export function energyVad(threshold = 2000): Vad & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    async detect(samples) {
      calls.push(samples.length);
      const spans: SpeechSpan[] = [];
      for (let f = 0; f * 160 < samples.length; f++) {
        let sum = 0;
        const frame = samples.subarray(f * 160, f * 160 + 160);
        for (const s of frame) sum += Math.abs(s);
        if (sum / frame.length < threshold) continue;
        const last = spans.at(-1);
        const start = f * 160;
        const end = Math.min(samples.length, start + 160);
        if (last && start - last.end <= 1600) last.end = end;
        else spans.push({ start, end });
      }
      return spans.filter((s) => s.end - s.start >= 4000);
    },
    release: async () => {},
  };
}

/** The energy VAD, with calls that can be held (a busy machine) until resume(). */
export function heldVad(): Vad & { hold(): void; resume(): void } {
  const inner = energyVad();
  let held: Promise<void> | null = null;
  let open = () => {};
  return {
    detect: async (samples) => {
      if (held) await held;
      return inner.detect(samples);
    },
    hold: () => {
      held = new Promise((resolve) => (open = resolve));
    },
    resume: () => {
      open();
      held = null;
    },
    release: async () => {},
  };
}

/**
 * Answers with scripted text; can be held (to make the queue fall behind) or made to fail.
 * timestamps: whether it reports times like whisper.cpp (false: sherpa-onnx's Whisper).
 */
export function scriptedTranscriber(
  say: (call: number, samples: Int16Array) => TranscribedPiece[],
  { timestamps = true } = {},
) {
  let calls = 0;
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => {};
  const failing = new Set<number>();
  const prompts: string[] = [];
  const lengths: number[] = [];
  const transcriber: Transcriber = {
    timestamps,
    async transcribe(samples, options) {
      const call = calls++;
      prompts.push(options?.prompt ?? '');
      lengths.push(samples.length);
      await gate;
      if (failing.has(call)) throw new Error(`the recognizer failed on call ${call}`);
      return say(call, samples);
    },
    release: async () => {},
  };
  return {
    transcriber,
    prompts,
    lengths,
    get calls() {
      return calls;
    },
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      open();
      gate = Promise.resolve();
    },
    failOn(...call: number[]) {
      for (const c of call) failing.add(c);
    },
  };
}
