/**
 * Live voice activity detection. The Silero VAD in whisper.cpp looks at a whole buffer per
 * call, so the segmenter keeps only the "open region": the audio since the last finished
 * segment. Each analysis runs the VAD over that region; a speech span followed by enough
 * silence is finished (it will not change any more) and the region is cut after it. The region
 * stays about one utterance long (the VAD cuts speech every 15 s), so memory and the cost of a
 * call stay bounded however long the answer is.
 */
import { concatSamples, msToSamples } from './pcm.js';
import type { SpeechSpan, Vad } from './vad.js';

/**
 * Silence after a span before it counts as finished: a little over the VAD's own 300 ms, so a
 * span is final once Silero has closed it itself rather than because the buffer ended. (It was
 * 0.5 s; the turn bench showed those 0.2 s straight in the interviewer's reply time.)
 */
export const SPAN_FINISH_MS = 350;

export interface SegmenterOptions {
  vad: Vad;
  /** Silence after a span before it counts as finished (SPAN_FINISH_MS by default). */
  finishAfterSilenceMs?: number;
  /**
   * Audio kept before where speech may start. Silero's state starts fresh on every call and
   * needs some audio before speech to find its onset: with 300 ms it found the second jfk.wav
   * segment 0.7 s late.
   */
  leadInMs?: number;
  /** A safety net for a VAD far slower than real time: older audio is dropped from the region. */
  maxRegionMs?: number;
}

export interface SegmenterResult {
  /** Newly finished spans, in samples from the recording start. */
  finished: SpeechSpan[];
  /** The span still being spoken, if any. */
  open: SpeechSpan | null;
}

export class Segmenter {
  private chunks: Int16Array[] = [];
  private regionStart: number;
  private regionLength = 0;
  private readonly finishAfter: number;
  private readonly leadIn: number;
  private readonly maxRegion: number;

  /** start: the sample index the first pushed sample has in the recording. */
  constructor(
    private readonly options: SegmenterOptions,
    start = 0,
  ) {
    this.regionStart = start;
    this.finishAfter = msToSamples(options.finishAfterSilenceMs ?? SPAN_FINISH_MS);
    this.leadIn = msToSamples(options.leadInMs ?? 1000);
    this.maxRegion = msToSamples(options.maxRegionMs ?? 60_000);
  }

  /** Sample index just after the last pushed sample. */
  get end(): number {
    return this.regionStart + this.regionLength;
  }

  get regionSamples(): number {
    return this.regionLength;
  }

  push(samples: Int16Array): void {
    if (samples.length === 0) return;
    this.chunks.push(samples);
    this.regionLength += samples.length;
    if (this.regionLength > this.maxRegion) this.cut(this.regionLength - this.maxRegion);
  }

  /**
   * Runs the VAD over the open region. With final, every span is finished (the answer ended).
   * Audio pushed while the VAD runs is kept for the next call.
   */
  async analyze(final = false): Promise<SegmenterResult> {
    const region = concatSamples(this.chunks);
    this.chunks = region.length > 0 ? [region] : [];
    const base = this.regionStart;
    const spans = region.length > 0 ? await this.options.vad.detect(region) : [];

    const finished: SpeechSpan[] = [];
    let open: SpeechSpan | null = null;
    let cutAt = 0;
    for (const span of spans) {
      if (final || span.end + this.finishAfter <= region.length) {
        finished.push({ start: base + span.start, end: base + span.end });
        cutAt = span.end;
      } else {
        open = { start: base + span.start, end: base + span.end };
        break;
      }
    }
    if (final) cutAt = region.length;
    else if (open) cutAt = Math.max(cutAt, open.start - base - this.leadIn);
    else cutAt = Math.max(cutAt, region.length - this.leadIn);
    // Cut only what this analysis saw: base is still the region start unless push() trimmed it.
    this.cut(Math.max(0, base + cutAt - this.regionStart));
    return { finished, open };
  }

  private cut(samples: number): void {
    if (samples <= 0) return;
    const region = concatSamples(this.chunks);
    const drop = Math.min(samples, region.length);
    this.chunks = drop < region.length ? [region.slice(drop)] : [];
    this.regionStart += drop;
    this.regionLength -= drop;
  }
}
