/**
 * Transcribes finished speech segments in order, while the candidate keeps talking. With an
 * engine that returns timestamps, segments that piled up (the recognizer fell behind) go into
 * one call and each gets back the text placed in its stretch: that saves the per-call cost
 * (whisper.cpp pads every call to 30 s; sherpa-onnx adds 3 s of tail padding). An engine
 * without timestamps gets one segment per call. The audio is read from its source (the WAV
 * file on disk) only when its turn comes, so a backlog costs no memory.
 */
import { msToSamples, samplesToMs, concatSamples } from './pcm.js';
import type { Transcriber, TranscribedPiece } from './transcriber.js';

export type SegmentStatus = 'pending' | 'transcribing' | 'done' | 'failed';

export interface LiveSegment {
  /** Position in this answer (0, 1, 2...); the store may give it a database id too. */
  index: number;
  start: number;
  end: number;
  text: string;
  status: SegmentStatus;
  attempts: number;
}

export interface TranscriptQueueOptions {
  transcriber: Transcriber;
  /** Samples [start, end) of the recording. */
  read: (start: number, end: number) => Int16Array;
  /** The prompt for the next call, given the transcript so far (engines that take one). */
  prompt?: (transcriptSoFar: string) => string;
  onChange: (segment: LiveSegment) => void;
  /** Tries per segment before it is left as failed (its audio stays in the recording). */
  maxAttempts?: number;
  /** Audio per merged call; stays under whisper's 30 s window. */
  maxBatchMs?: number;
  retryDelayMs?: number;
  /**
   * Audio before each segment's start that goes to the recognizer with it, so a word the VAD
   * heard late is not cut (never reaching back into the previous segment or before `origin`).
   */
  preRollMs?: number;
  /** The first sample of this take (pre-roll never reads an earlier take's audio). */
  origin?: number;
}

/** Silence between merged segments, so whisper hears a pause where there was one. */
const GAP_MS = 200;

export class TranscriptQueue {
  private readonly segments: LiveSegment[] = [];
  private running: Promise<void> | null = null;
  private calls = 0;
  private mergedCalls = 0;
  private readonly maxAttempts: number;
  private readonly maxBatch: number;
  private readonly retryDelayMs: number;
  private readonly preRoll: number;

  constructor(private readonly options: TranscriptQueueOptions) {
    this.preRoll = msToSamples(options.preRollMs ?? 0);
    this.maxAttempts = options.maxAttempts ?? 3;
    this.maxBatch = msToSamples(options.maxBatchMs ?? 28_000);
    this.retryDelayMs = options.retryDelayMs ?? 300;
  }

  add(start: number, end: number): LiveSegment {
    const segment: LiveSegment = { index: this.segments.length, start, end, text: '', status: 'pending', attempts: 0 };
    this.segments.push(segment);
    this.options.onChange(segment);
    this.kick();
    return segment;
  }

  get all(): readonly LiveSegment[] {
    return this.segments;
  }

  get waiting(): number {
    return this.segments.filter((s) => s.status === 'pending' || s.status === 'transcribing').length;
  }

  get stats() {
    return { calls: this.calls, mergedCalls: this.mergedCalls };
  }

  /** Resolves when every segment is done or has failed for good. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  transcript(): string {
    return joinText(this.segments.filter((s) => s.status === 'done').map((s) => s.text));
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.loop().finally(() => {
      this.running = null;
      // A segment may have arrived between the last check and now.
      if (this.segments.some((s) => s.status === 'pending')) this.kick();
    });
  }

  private async loop(): Promise<void> {
    for (;;) {
      const batch = this.nextBatch();
      if (batch.length === 0) return;
      await this.run(batch);
    }
  }

  private nextBatch(): LiveSegment[] {
    const pending = this.segments.filter((s) => s.status === 'pending');
    const first = pending[0];
    if (!first) return [];
    // A segment that failed before is retried alone, so one bad stretch cannot fail others;
    // without timestamps the text of a merged call could not be shared out.
    if (first.attempts > 0 || !this.options.transcriber.timestamps) return [first];
    const length = (s: LiveSegment) => s.end - s.start + msToSamples(GAP_MS);
    const batch = [first];
    let samples = length(first);
    for (const s of pending.slice(1)) {
      if (s.attempts > 0 || samples + length(s) > this.maxBatch) break;
      batch.push(s);
      samples += length(s);
    }
    return batch;
  }

  private async run(batch: LiveSegment[]): Promise<void> {
    for (const s of batch) {
      s.status = 'transcribing';
      s.attempts++;
      this.options.onChange(s);
    }
    const gap = new Int16Array(msToSamples(GAP_MS));
    const parts: Int16Array[] = [];
    /** Where each segment's own audio (after its pre-roll) starts in the call's audio. */
    const offsets: number[] = [];
    let at = 0;
    // Reading the audio back can fail too (the recording's folder removed, a disk error): that is a
    // failed attempt like a failed call, never an unhandled rejection in the main process.
    try {
      for (const s of batch) {
        if (parts.length > 0) {
          parts.push(gap);
          at += gap.length;
        }
        const from = this.audioStart(s);
        offsets.push(at + s.start - from);
        const audio = this.options.read(from, s.end);
        parts.push(audio);
        at += audio.length;
      }
      this.calls++;
      if (batch.length > 1) this.mergedCalls++;
      const prompt = this.options.prompt?.(this.transcript());
      const pieces = await this.options.transcriber.transcribe(
        concatSamples(parts),
        prompt === undefined ? {} : { prompt },
      );
      const texts = assignPieces(
        pieces,
        batch.map((s, i) => ({
          startMs: samplesToMs(offsets[i] ?? 0),
          endMs: samplesToMs((offsets[i] ?? 0) + s.end - s.start),
        })),
      );
      batch.forEach((s, i) => {
        s.text = texts[i] ?? '';
        s.status = 'done';
        this.options.onChange(s);
      });
    } catch {
      for (const s of batch) {
        s.status = s.attempts >= this.maxAttempts ? 'failed' : 'pending';
        this.options.onChange(s);
      }
      if (batch.some((s) => s.status === 'pending')) await delay(this.retryDelayMs * batch[0]!.attempts);
    }
  }

  private audioStart(segment: LiveSegment): number {
    const previous = this.segments[segment.index - 1];
    const floor = Math.max(previous?.end ?? 0, this.options.origin ?? 0);
    return Math.min(segment.start, Math.max(floor, segment.start - this.preRoll));
  }
}

/** Gives each whisper piece to the segment its middle falls in (or the nearest one). */
export function assignPieces(
  pieces: readonly TranscribedPiece[],
  slots: readonly { startMs: number; endMs: number }[],
): string[] {
  const texts: string[][] = slots.map(() => []);
  for (const piece of pieces) {
    const text = piece.text.trim();
    if (!text || slots.length === 0) continue;
    const middle = (piece.startMs + piece.endMs) / 2;
    let best = 0;
    let bestDistance = Infinity;
    slots.forEach((slot, i) => {
      const distance = middle < slot.startMs ? slot.startMs - middle : middle > slot.endMs ? middle - slot.endMs : 0;
      if (distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    });
    texts[best]!.push(text);
  }
  return texts.map(joinText);
}

export function joinText(parts: readonly string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(' ');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
