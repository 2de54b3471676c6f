/**
 * One answer being spoken: audio in, finished segments out to the transcript queue, and the
 * figures the UI shows while the candidate talks (speech time, the silence so far, whether the
 * transcript is catching up). Plain Node: tests feed it PCM arrays.
 */
import type { LiveSpeechState } from '../../contract/services/speech.js';
import { clippedShare, msToSamples, samplesToMs } from './pcm.js';
import { QuietTail } from './quiet-tail.js';
import { Segmenter, SPAN_FINISH_MS } from './segmenter.js';
import type { Transcriber } from './transcriber.js';
import { TranscriptQueue, type LiveSegment } from './transcript-queue.js';
import { VAD_LATE_ONSET_MS, type SpeechSpan, type Vad } from './vad.js';

export type LiveState = LiveSpeechState;

export interface LivePipelineOptions {
  vad: Vad;
  transcriber: Transcriber;
  read: (start: number, end: number) => Int16Array;
  prompt?: (transcriptSoFar: string) => string;
  onSegment: (segment: LiveSegment) => void;
  /** The candidate is loud again after a pause long enough to have ended a segment. */
  onSpeechResumed?: () => void;
  /** Sample index of the first pushed sample (non-zero when a take continues a recording). */
  start?: number;
  /**
   * The VAD runs when at least this much new audio has arrived (or a third of the open region,
   * whichever is more) and no run is in flight. A VAD call costs ~60 ms plus ~50 ms per second
   * of region on one core, so this keeps it near 0.2 of real time even in a long utterance.
   */
  analyzeEveryMs?: number;
  transcriberRetryDelayMs?: number;
}

const CATCHING_UP_MS = 4_000;
/** Audio the VAD has not seen yet that may still be skipped at the end (about one analysis interval). */
const FINISH_WITHOUT_VAD_MS = 1_500;
/** Silence, confirmed by the VAD, after which an answer that ends needs no last VAD call. */
const SILENT_END_MS = 1_000;
/**
 * Once the audio has been quiet as long as the segmenter waits before a span counts as
 * finished, the VAD looks every QUIET_EVERY_MS instead of every third of the open region: in a
 * long utterance that third is seconds, and the end of the answer was noticed 2.5 s after the
 * candidate stopped (turn bench). The quiet after speech keeps the region short, so looks are cheap.
 */
const QUIET_EVERY_MS = 400;
/** Past this much confirmed silence the countdowns are far off; the usual pace is enough. */
const QUIET_FAST_UNTIL_MS = 5_000;
/**
 * Audio after the VAD's last look that may count as silence without being looked at: quiet by
 * loudness, and after a pause the VAD has already confirmed. About one quiet-pace look, so an
 * auto-end fires when its silence has passed rather than at the next look (up to 0.4 s later,
 * turn bench); speech that resumes loud stops the credit at once, soft speech costs at most this.
 */
const QUIET_CREDIT_MS = 600;

export class LivePipeline {
  private readonly segmenter: Segmenter;
  private readonly queue: TranscriptQueue;
  private readonly origin: number;
  private analyzing: Promise<void> | null = null;
  private analyzedUpTo: number;
  private readonly analyzeEvery: number;
  private open: SpeechSpan | null = null;
  private lastSpeechEnd: number | null = null;
  private finishedSpeech = 0;
  private clipping = 0;
  private readonly quiet = new QuietTail();
  private failure: Error | null = null;

  constructor(private readonly options: LivePipelineOptions) {
    this.origin = options.start ?? 0;
    this.analyzedUpTo = this.origin;
    this.segmenter = new Segmenter({ vad: options.vad }, this.origin);
    this.analyzeEvery = msToSamples(options.analyzeEveryMs ?? 800);
    this.queue = new TranscriptQueue({
      transcriber: options.transcriber,
      read: options.read,
      origin: this.origin,
      preRollMs: VAD_LATE_ONSET_MS,
      ...(options.prompt ? { prompt: options.prompt } : {}),
      onChange: options.onSegment,
      ...(options.transcriberRetryDelayMs !== undefined ? { retryDelayMs: options.transcriberRetryDelayMs } : {}),
    });
  }

  /** A VAD failure is reported by the next call rather than lost in a background analysis. */
  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  push(samples: Int16Array): LiveState {
    this.throwIfFailed();
    this.segmenter.push(samples);
    this.clipping = this.clipping * 0.8 + clippedShare(samples) * 0.2;
    const quietBefore = this.quiet.quietMs;
    const due = this.analysisDue(this.quiet.push(samples));
    if (quietBefore >= SPAN_FINISH_MS && this.quiet.quietMs === 0) this.options.onSpeechResumed?.();
    if (!this.analyzing && this.segmenter.end - this.analyzedUpTo >= due) {
      this.analyzing = this.analyze(false).finally(() => {
        this.analyzing = null;
      });
    }
    return this.state();
  }

  state(): LiveState {
    const end = this.segmenter.end;
    const openSpeech = this.open ? this.open.end - this.open.start : 0;
    const oldestWaiting = this.queue.all.find((s) => s.status === 'pending' || s.status === 'transcribing');
    return {
      audioMs: samplesToMs(end - this.origin),
      speechMs: samplesToMs(this.finishedSpeech + openSpeech),
      silenceMs: this.lastSpeechEnd === null ? null : samplesToMs(this.silence()),
      waiting: this.queue.waiting,
      catchingUp: oldestWaiting !== undefined && samplesToMs(end - oldestWaiting.end) > CATCHING_UP_MS,
      clipping: this.clipping,
    };
  }

  /**
   * The answer ended: finish the last segment and wait for the whole transcript. When the VAD
   * is up to date and speech was still going on, that span (to the end of the audio) is the
   * last segment straight away: no VAD call stands between the end of speech and whisper.
   */
  async finish(): Promise<{ segments: readonly LiveSegment[]; transcript: string }> {
    while (this.analyzing) await this.analyzing;
    this.throwIfFailed();
    const unanalyzed = this.segmenter.end - this.analyzedUpTo;
    if (this.open && unanalyzed <= msToSamples(FINISH_WITHOUT_VAD_MS)) {
      this.addSegment({ start: this.open.start, end: this.segmenter.end });
      this.open = null;
    } else if (
      !this.open &&
      this.confirmedSilence() >= msToSamples(SILENT_END_MS) &&
      unanalyzed <= msToSamples(FINISH_WITHOUT_VAD_MS)
    ) {
      // The answer ended in a silence the VAD already confirmed (auto-end, or Done after a
      // pause): one more VAD call over the last moment of it would only delay the transcript.
    } else if (unanalyzed > 0 || this.open) {
      await this.analyze(true);
      this.throwIfFailed();
    }
    await this.queue.drain();
    return { segments: this.queue.all, transcript: this.queue.transcript() };
  }

  /** New audio (samples) after which the VAD should look again. */
  private analysisDue(quietMs: number): number {
    const usual = Math.max(this.analyzeEvery, this.segmenter.regionSamples / 3);
    const speechMayHaveEnded = quietMs >= SPAN_FINISH_MS && this.confirmedSilence() < msToSamples(QUIET_FAST_UNTIL_MS);
    return speechMayHaveEnded ? Math.min(usual, msToSamples(QUIET_EVERY_MS)) : usual;
  }

  /**
   * Samples of silence since the last speech, for the auto-end countdown. Mostly what the VAD has
   * seen: while a slow VAD call runs, loud audio arriving is not known to be silent, and
   * counting it would end an answer mid-sentence. Once the VAD has confirmed a pause, the
   * newest audio it has not looked at yet counts too while it is all quiet (QUIET_CREDIT_MS).
   */
  private silence(): number {
    const confirmed = this.confirmedSilence();
    if (this.open || confirmed === 0) return confirmed;
    const unseen = this.segmenter.end - this.analyzedUpTo;
    const allQuiet = this.quiet.quietSamples >= unseen && unseen <= msToSamples(QUIET_CREDIT_MS);
    return allQuiet ? confirmed + unseen : confirmed;
  }

  /** Samples of silence the VAD has seen since the last speech (0 before any speech). */
  private confirmedSilence(): number {
    return this.lastSpeechEnd === null ? 0 : Math.max(0, this.analyzedUpTo - this.lastSpeechEnd);
  }

  /** Resolves when no VAD run is in flight (a benchmark feeding faster than real time waits on it). */
  async idle(): Promise<void> {
    while (this.analyzing) await this.analyzing;
  }

  get segments(): readonly LiveSegment[] {
    return this.queue.all;
  }

  get stats() {
    return this.queue.stats;
  }

  private addSegment(span: SpeechSpan): void {
    this.finishedSpeech += span.end - span.start;
    this.lastSpeechEnd = span.end;
    this.queue.add(span.start, span.end);
  }

  private async analyze(final: boolean): Promise<void> {
    const upTo = this.segmenter.end;
    try {
      const { finished, open } = await this.segmenter.analyze(final);
      this.analyzedUpTo = upTo;
      for (const span of finished) this.addSegment(span);
      this.open = open;
      if (open) this.lastSpeechEnd = open.end;
    } catch (error) {
      // The VAD failing is not something a retry fixes; the next push reports it.
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
  }
}
