import { z } from 'zod';
import { method } from '../define.js';

/** A finished stretch of speech and what whisper heard in it; times from the answer's start. */
export interface TranscriptSegment {
  /** Position in the answer's recording (0, 1, 2...). */
  index: number;
  startMs: number;
  endMs: number;
  text: string;
  /**
   * failed: whisper gave up on it after retries; its audio is still in the recording.
   * held: from a take interrupted by a reload or a crash; not part of the answer until the
   * candidate uses it. set_aside: such a take the candidate left out (audio kept).
   */
  status: 'pending' | 'transcribing' | 'done' | 'failed' | 'held' | 'set_aside';
}

/** What the microphone panel needs to know before offering "Speak your answer". */
export interface SpeechReadiness {
  ready: boolean;
  whisperModel: string | null;
  vadModel: string | null;
  /** When not ready: what is missing and what to do (the Models screen). */
  problem: string | null;
}

export interface LiveSpeechState {
  /** Audio received so far in this take, ms. */
  audioMs: number;
  /** Speech found so far (finished segments plus the one being spoken), ms. */
  speechMs: number;
  /** Silence since the last speech; null before any speech. */
  silenceMs: number | null;
  /** Segments waiting for the recognizer. */
  waiting: number;
  /** The recognizer is more than a few seconds behind the audio: the UI says so. */
  catchingUp: boolean;
  /** Share of clipped samples in the last second: the microphone is too loud when > 0.01. */
  clipping: number;
}

export interface SpeechStarted {
  turnSeq: number;
  /** Where this take starts in the turn's recording (a second take continues the first). */
  offsetMs: number;
}

export interface SpokenAnswer {
  turnSeq: number;
  /** Text of this take only: what the UI adds to the answer box. */
  text: string;
  /** The whole turn's raw transcript (all takes), stored beside the corrected answer. */
  transcript: string;
  segments: TranscriptSegment[];
  durationMs: number;
  speechMs: number;
  /** Longest silence between two segments of this take, ms. */
  longestPauseMs: number;
  /** No speech was found in this take: nothing should be submitted. */
  noSpeech: boolean;
  failedSegments: number;
}

export interface TurnRecording {
  turnSeq: number;
  /** Path under the app's origin: /media/<sessionId>/<file>; the UI adds the bridge token. */
  mediaPath: string;
  durationMs: number | null;
  /** recovered: closed by start-up repair after a crash; interrupted: its page reloaded mid-take. */
  status: 'recording' | 'done' | 'recovered' | 'interrupted';
  segments: TranscriptSegment[];
  rawTranscript: string | null;
}

/**
 * A spoken take the page never got the end of (it reloaded, or the app closed, mid-take): its
 * audio is kept and its words are held out of the answer until the candidate chooses.
 */
export interface InterruptedTake {
  turnSeq: number;
  mediaPath: string;
  /** Where the take starts in the turn's recording, and how long the recording is now. */
  offsetMs: number;
  durationMs: number;
  /** What was heard in the take (may be empty: no speech, or not transcribed before a crash). */
  text: string;
  cause: 'reload' | 'crash';
}

/** 16 kHz mono Int16 little-endian; 1 s is 32 000 bytes, so 4 s per chunk is plenty. */
export const MAX_PCM_CHUNK_BYTES = 4 * 32_000;

const sessionId = z.string().min(1).max(100);

export const speechContract = {
  readiness: method(z.undefined()).returns<SpeechReadiness>(),
  /**
   * Starts listening. answer: the current turn of the session is recorded and transcribed
   * into it. check: the microphone check; nothing is stored.
   */
  start: method(
    z.object({
      sessionId,
      mode: z.enum(['answer', 'check']),
      /** The capture's real rate; core resamples anything but 16 kHz. */
      sampleRate: z.number().int().min(8_000).max(192_000).default(16_000),
    }),
  ).returns<SpeechStarted>(),
  pushAudio: method(
    z.object({
      sessionId,
      /** Chunk counter from 0: a repeated chunk is ignored. */
      seq: z.number().int().min(0),
      pcm: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_PCM_CHUNK_BYTES, 'audio chunk too large'),
    }),
  ).returns<LiveSpeechState>(),
  stop: method(z.object({ sessionId })).returns<SpokenAnswer>(),
  /**
   * The current turn's take that was interrupted, if any. A take still open from before
   * `pageLoadedAt` (epoch ms) belongs to a page that is gone: it is ended here and held.
   */
  interrupted: method(z.object({ sessionId, pageLoadedAt: z.number() })).returns<InterruptedTake | null>(),
  /** The candidate's choice about an interrupted take: use its words (returned), or leave it out. */
  resolveInterrupted: method(z.object({ sessionId, use: z.boolean() })).returns<{ text: string }>(),
  /** Recordings and segments of every spoken turn of a session, for review and playback. */
  recordings: method(z.object({ sessionId })).returns<TurnRecording[]>(),
};
