/**
 * The speech service: one live "take" per session at a time. In answer mode the audio goes to
 * the turn's WAV file as it arrives, finished segments go to SQLite and to the UI
 * ('transcript:segment'), and stop() hands back the transcript that becomes the answer (the
 * raw transcript is stored on the turn; the corrected text is what interview.submitAnswer saves).
 * Check mode (the microphone check) does the same in memory and stores nothing.
 *
 * Over 300 lines: One take's lifecycle (start, audio, segments, stop, interruption) over shared
 * per-session state; the pipeline, queue and storage are their own files.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Services } from '../../contract/index.js';
import { AppError } from '../../contract/result.js';
import type { Phase } from '../../contract/services/interview.js';
import type { Settings } from '../../contract/services/settings.js';
import type { LiveSpeechState, SpokenAnswer, TranscriptSegment } from '../../contract/services/speech.js';
import type { EventBus } from '../events.js';
import { turnRowId } from '../interview/repository.js';
import { engineCache, loadRealEngines, speechReadiness, type LoadEngines } from './engines.js';
import { interruptedTakeOf, resolveInterruptedTake, storeRawTranscript } from './interrupted-take.js';
import { LivePipeline } from './live-pipeline.js';
import { mediaPathFor, recordingRelativePath } from './media-path.js';
import { bytesToSamples, concatSamples, msToSamples, Resampler, samplesToMs, SAMPLE_RATE } from './pcm.js';
import { recoverRecordings, type RecoveryReport } from './recovery.js';
import type { SpeechRepository } from './speech-repository.js';
import { joinText, type LiveSegment } from './transcript-queue.js';
import { readSamples } from './wav-format.js';
import { openWavWriter, type WavWriter } from './wav-writer.js';

export interface SpeechSessionContext {
  turnSeq: number;
  phase: Phase;
}

export interface SpeechServiceOptions {
  repository: () => SpeechRepository;
  sessionsDir: string;
  /** Where to look for the Silero VAD model, in order. */
  modelDirs: readonly (string | null | undefined)[];
  settings: () => Settings;
  /** The session's current turn; null when the session does not exist. */
  session: (sessionId: string) => SpeechSessionContext | null;
  events: EventBus;
  loadEngines?: LoadEngines;
  language?: string;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
  /**
   * An answer's transcript so far, each time a segment is transcribed; `settled` when the
   * candidate is silent and nothing is waiting to be transcribed (the answer may be over).
   */
  onTranscript?: (sessionId: string, transcript: string, settled: boolean) => void;
  /** The candidate speaks again after a pause (what was settled may not be the whole answer). */
  onSpeechResumed?: (sessionId: string) => void;
}

/** Silence (seen by the VAD) after which a caught-up transcript counts as settled. */
const SETTLED_SILENCE_MS = 400;

interface Take {
  mode: 'answer' | 'check';
  turnSeq: number;
  pipeline: LivePipeline;
  resampler: Resampler;
  lastSeq: number;
  writer: WavWriter | null;
  memory: Int16Array[] | null;
  memorySamples: number;
  recordingId: string | null;
  segmentIds: Map<number, number>;
  /** Where the take starts in the turn's recording, and when it started (epoch ms). */
  offsetMs: number;
  startedAt: number;
}

/** The microphone check listens for this long at most. */
const CHECK_MAX_MS = 20_000;

export type SpeechService = Services['speech'] & {
  /** Start-up repair of recordings a crash left open. */
  recover(): RecoveryReport;
  /** App shutdown: closes open recordings with a correct header; transcripts are not awaited. */
  close(): void;
};

export function createSpeechService(options: SpeechServiceOptions): SpeechService {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const engines = engineCache(options.loadEngines ?? loadRealEngines);
  const takes = new Map<string, Take>();

  const readiness = () => speechReadiness(options.settings().activeWhisperModel, options.modelDirs);

  function segmentView(s: LiveSegment): TranscriptSegment {
    return { index: s.index, startMs: samplesToMs(s.start), endMs: samplesToMs(s.end), text: s.text, status: s.status };
  }

  function store(sessionId: string, take: Take, segment: LiveSegment): void {
    const view = segmentView(segment);
    if (take.mode === 'answer') {
      try {
        const repository = options.repository();
        const id = take.segmentIds.get(segment.index);
        if (id === undefined)
          take.segmentIds.set(segment.index, repository.addSegment(turnRowId(sessionId, take.turnSeq), view, now()));
        else repository.updateSegment(id, view.text, view.status);
      } catch (error) {
        log('could not store a transcript segment', error);
      }
    }
    options.events.emit('transcript:segment', { sessionId, turnSeq: take.turnSeq, mode: take.mode, segment: view });
    if (take.mode === 'answer' && segment.status === 'done' && options.onTranscript) {
      const state = take.pipeline.state();
      const done = take.pipeline.segments.filter((s) => s.status === 'done').map((s) => s.text);
      const settled = state.waiting === 0 && (state.silenceMs ?? 0) >= SETTLED_SILENCE_MS;
      try {
        options.onTranscript(sessionId, joinText(done), settled);
      } catch (error) {
        log('passing the transcript on failed', error);
      }
    }
  }

  async function finishTake(sessionId: string, take: Take): Promise<SpokenAnswer> {
    let finished: Awaited<ReturnType<LivePipeline['finish']>>;
    try {
      finished = await take.pipeline.finish();
    } finally {
      const durationMs = take.writer?.close() ?? samplesToMs(take.memorySamples);
      if (take.recordingId) options.repository().setRecordingStatus(take.recordingId, 'done', durationMs);
    }
    const segments = finished.segments.map(segmentView);
    const text = finished.transcript;
    let transcript = text;
    if (take.mode === 'answer') transcript = refreshRawTranscript(turnRowId(sessionId, take.turnSeq));
    const gaps = segments.slice(1).map((s, i) => s.startMs - (segments[i]?.endMs ?? s.startMs));
    return {
      turnSeq: take.turnSeq,
      text,
      transcript,
      segments,
      durationMs: take.writer ? samplesToMs(take.writer.samples) : samplesToMs(take.memorySamples),
      speechMs: segments.reduce((sum, s) => sum + (s.endMs - s.startMs), 0),
      longestPauseMs: Math.max(0, ...gaps),
      noSpeech: segments.length === 0,
      failedSegments: segments.filter((s) => s.status === 'failed').length,
    };
  }

  function openAnswer(sessionId: string): {
    turnSeq: number;
    writer: WavWriter;
    recordingId: string;
  } {
    const context = options.session(sessionId);
    if (!context)
      throw new AppError('NOT_FOUND', 'That practice session no longer exists. Start a new one from the role library.');
    if (context.phase !== 'question' && context.phase !== 'answering') {
      throw new AppError(
        'CONFLICT',
        'There is no question waiting for an answer right now, so there is nothing to record. Continue the interview first.',
      );
    }
    const repository = options.repository();
    const relative = recordingRelativePath(sessionId, context.turnSeq);
    let writer: WavWriter;
    try {
      writer = openWavWriter(path.join(options.sessionsDir, relative), { sampleRate: SAMPLE_RATE, now });
    } catch (error) {
      throw diskError(error);
    }
    const existing = repository.recordingForTurn(sessionId, context.turnSeq);
    const recordingId = existing?.id ?? randomUUID();
    if (existing) repository.setRecordingStatus(recordingId, 'recording', existing.durationMs);
    else
      repository.createRecording(
        { id: recordingId, turnId: turnRowId(sessionId, context.turnSeq), path: relative, sampleRate: SAMPLE_RATE },
        now(),
      );
    return { turnSeq: context.turnSeq, writer, recordingId };
  }

  const refreshRawTranscript = (turnId: string) => storeRawTranscript(options.repository(), turnId);

  /**
   * A take whose page went away (reload, second start, app closing): it is ended, its audio kept,
   * and its words held out of the answer until the candidate chooses (see `interrupted`).
   */
  async function interruptTake(sessionId: string, take: Take): Promise<void> {
    if (take.mode !== 'answer') {
      await take.pipeline.finish().catch(() => undefined);
      return;
    }
    try {
      await finishTake(sessionId, take);
    } finally {
      const repository = options.repository();
      const turnId = turnRowId(sessionId, take.turnSeq);
      repository.holdSegments(turnId, take.offsetMs);
      refreshRawTranscript(turnId);
      if (take.recordingId)
        repository.setRecordingStatus(
          take.recordingId,
          'interrupted',
          take.writer ? samplesToMs(take.writer.samples) : 0,
        );
    }
  }

  const service: SpeechService = {
    readiness,

    interrupted: async ({ sessionId, pageLoadedAt }) => {
      const orphan = takes.get(sessionId);
      if (orphan && orphan.startedAt < pageLoadedAt) {
        takes.delete(sessionId);
        await interruptTake(sessionId, orphan).catch((error: unknown) =>
          log('ending an interrupted take failed', error),
        );
      }
      const context = options.session(sessionId);
      if (!context || (context.phase !== 'question' && context.phase !== 'answering')) return null;
      return interruptedTakeOf(options.repository(), sessionId, context.turnSeq);
    },

    resolveInterrupted: ({ sessionId, use }) => {
      const context = options.session(sessionId);
      if (!context) throw new AppError('NOT_FOUND', 'That practice session no longer exists.');
      return resolveInterruptedTake(options.repository(), sessionId, context.turnSeq, use);
    },

    start: async ({ sessionId, mode, sampleRate }) => {
      const previous = takes.get(sessionId);
      if (previous) {
        // A reload or a second start while listening: the old take's page never got its end.
        takes.delete(sessionId);
        await interruptTake(sessionId, previous).catch((error: unknown) => log('ending a previous take failed', error));
      }
      const ready = readiness();
      if (!ready.ready || !ready.whisperModel || !ready.vadModel)
        throw new AppError('MODEL_MISSING', ready.problem ?? 'Speech recognition is not set up.');
      const settings = options.settings();
      const loaded = await engines.get(
        {
          whisperModel: ready.whisperModel,
          vadModel: ready.vadModel,
          threads: settings.whisperThreads,
          language: options.language ?? 'en',
        },
        takes.size > 0,
      );

      const answer = mode === 'answer' ? openAnswer(sessionId) : null;
      const memory: Int16Array[] = [];
      const take: Take = {
        mode,
        turnSeq: answer?.turnSeq ?? 0,
        resampler: new Resampler(sampleRate),
        lastSeq: -1,
        writer: answer?.writer ?? null,
        memory: answer ? null : memory,
        memorySamples: 0,
        recordingId: answer?.recordingId ?? null,
        segmentIds: new Map(),
        offsetMs: samplesToMs(answer?.writer.samples ?? 0),
        startedAt: now(),
        pipeline: null as unknown as LivePipeline,
      };
      const writer = answer?.writer;
      take.pipeline = new LivePipeline({
        vad: loaded.vad,
        transcriber: loaded.transcriber,
        start: writer?.samples ?? 0,
        read: writer ? (s, e) => readSamples(writer.file, writer, s, e) : (s, e) => concatSamples(memory).slice(s, e),
        onSegment: (segment) => store(sessionId, take, segment),
        onSpeechResumed: () => {
          if (take.mode !== 'answer') return;
          try {
            options.onSpeechResumed?.(sessionId);
          } catch (error) {
            log('passing on that speech resumed failed', error);
          }
        },
      });
      takes.set(sessionId, take);
      return { turnSeq: take.turnSeq, offsetMs: samplesToMs(writer?.samples ?? 0) };
    },

    pushAudio: ({ sessionId, seq, pcm }): LiveSpeechState => {
      const take = takes.get(sessionId);
      if (!take)
        throw new AppError(
          'CONFLICT',
          'The app is not listening (the answer was ended or the app restarted). Press "Speak" to start again; your typed answer is still here.',
        );
      if (seq <= take.lastSeq) return take.pipeline.state();
      take.lastSeq = seq;
      let samples = take.resampler.push(bytesToSamples(pcm));
      if (take.memory) {
        const room = msToSamples(CHECK_MAX_MS) - take.memorySamples;
        samples = samples.subarray(0, Math.max(0, room));
        take.memory.push(samples);
        take.memorySamples += samples.length;
      }
      if (take.writer) {
        try {
          take.writer.append(samples);
        } catch (error) {
          throw diskError(error);
        }
      }
      try {
        return take.pipeline.push(samples);
      } catch (error) {
        log('speech detection failed', error);
        throw new AppError(
          'TRANSCRIBE_FAILED',
          'Speech detection stopped working, so no live transcript is coming. Your audio is still being recorded: end the answer and type or correct it.',
        );
      }
    },

    stop: async ({ sessionId }) => {
      const take = takes.get(sessionId);
      if (!take)
        throw new AppError(
          'CONFLICT',
          'The app is not listening, so there is nothing to end. Press "Speak" to start an answer.',
        );
      takes.delete(sessionId);
      try {
        return await finishTake(sessionId, take);
      } catch (error) {
        if (error instanceof AppError) throw error;
        log('finishing a spoken answer failed', error);
        throw new AppError(
          'TRANSCRIBE_FAILED',
          'The transcript could not be finished. Your recording is saved; type or correct your answer before submitting.',
        );
      }
    },

    recordings: ({ sessionId }) => {
      const repository = options.repository();
      return repository.recordingsOfSession(sessionId).map((r) => ({
        turnSeq: r.turnSeq,
        mediaPath: mediaPathFor(sessionId, r.turnSeq),
        durationMs: r.durationMs,
        status: r.status,
        rawTranscript: r.rawTranscript,
        segments: repository.segments(r.turnId),
      }));
    },

    recover: () => {
      const live = new Set(
        [...takes.entries()].filter(([, t]) => t.mode === 'answer').map(([id, t]) => turnRowId(id, t.turnSeq)),
      );
      return recoverRecordings(options.repository(), options.sessionsDir, (turnId) => live.has(turnId));
    },

    close: () => {
      for (const [sessionId, take] of takes) {
        try {
          const durationMs = take.writer?.close() ?? 0;
          // The page never got this take's end: offered as interrupted when the round is opened again.
          if (take.recordingId) {
            const repository = options.repository();
            repository.setRecordingStatus(take.recordingId, 'interrupted', durationMs);
            repository.holdSegments(turnRowId(sessionId, take.turnSeq), take.offsetMs);
          }
        } catch (error) {
          log('closing a recording at shutdown failed', error);
        }
      }
      takes.clear();
      void engines.close();
    },
  };
  return service;
}

function diskError(error: unknown): AppError {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOSPC')
    return new AppError(
      'DISK_FULL',
      'The disk is full, so your answer cannot be recorded. Free some space and try again; your typed answer is still here.',
    );
  return new AppError(
    'INTERNAL',
    `Your answer could not be recorded (${error instanceof Error ? error.message : String(error)}). Type your answer instead, and check that the data folder is writable.`,
  );
}
