/**
 * One spoken take, from the renderer's side: microphone → core in ~200 ms chunks, the live
 * transcript from 'transcript:segment' events, and the result when it ends. Used by the
 * answer panel and by the microphone check.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveSpeechState, SpokenAnswer, TranscriptSegment } from '../../../main/contract/services/speech.js';
import { api, errorMessage, onEvent } from '../api/client.js';
import { explainCaptureError, startCapture, type Capture, type CaptureLevel } from './capture.js';

export type VoiceStatus = 'idle' | 'starting' | 'listening' | 'finishing';

export interface VoiceTake {
  status: VoiceStatus;
  level: CaptureLevel;
  live: LiveSpeechState | null;
  segments: TranscriptSegment[];
  /** Where this take starts in the turn's recording, so segment times read as answer times. */
  offsetMs: number;
  error: string | null;
  start: () => Promise<void>;
  /** Ends the take; resolves with the transcript (null when it failed: error says why). */
  stop: () => Promise<SpokenAnswer | null>;
  clearError: () => void;
}

const SILENT: CaptureLevel = { peak: 0, rms: 0 };

export interface VoiceOptions {
  sessionId: string;
  mode: 'answer' | 'check';
  deviceId: string | null;
  /** Every take that ended with a transcript, however it ended (button, silence, lost device). */
  onFinished?: (answer: SpokenAnswer) => void;
}

export function useVoice(options: VoiceOptions): VoiceTake {
  const { sessionId, mode, deviceId } = options;
  const onFinished = useRef(options.onFinished);
  onFinished.current = options.onFinished;
  const [status, setStatus] = useState<VoiceStatus>('idle');
  const [level, setLevel] = useState<CaptureLevel>(SILENT);
  const [live, setLive] = useState<LiveSpeechState | null>(null);
  const [segments, setSegments] = useState<TranscriptSegment[]>([]);
  const [offsetMs, setOffsetMs] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const capture = useRef<Capture | null>(null);
  const sending = useRef<Promise<void>>(Promise.resolve());
  const active = useRef(false);
  const stopping = useRef<Promise<SpokenAnswer | null> | null>(null);
  const starting = useRef<Promise<void> | null>(null);

  useEffect(
    () =>
      onEvent('transcript:segment', (event) => {
        if (event.sessionId !== sessionId || event.mode !== mode) return;
        setSegments((list) => {
          const next = list.filter((s) => s.index !== event.segment.index);
          next.push(event.segment);
          return next.sort((a, b) => a.index - b.index);
        });
      }),
    [sessionId, mode],
  );

  const stop = useCallback(async (): Promise<SpokenAnswer | null> => {
    if (stopping.current) return stopping.current;
    if (!active.current) return null;
    const run = (async () => {
      // Released before the take had started (hold-to-talk): end it once it has.
      if (starting.current) await starting.current;
      if (!active.current) return null;
      setStatus('finishing');
      await capture.current?.stop();
      capture.current = null;
      await sending.current;
      try {
        const answer = await api.speech.stop({ sessionId });
        onFinished.current?.(answer);
        return answer;
      } catch (e) {
        // Keep the first message: it says why the take ended (e.g. the connection dropped).
        setError((previous) => previous ?? errorMessage(e));
        return null;
      } finally {
        active.current = false;
        setStatus('idle');
        setLevel(SILENT);
      }
    })();
    stopping.current = run;
    void run.finally(() => {
      stopping.current = null;
    });
    return run;
  }, [sessionId]);

  const fail = useCallback(
    (message: string) => {
      setError(message);
      void stop();
    },
    [stop],
  );

  const start = useCallback(async () => {
    if (active.current) return;
    active.current = true;
    let markStarted: () => void = () => {};
    starting.current = new Promise((resolve) => (markStarted = resolve));
    setError(null);
    setSegments([]);
    setLive(null);
    setStatus('starting');
    let seq = 0;
    let started = false;
    const waiting: Int16Array[] = [];
    const send = (pcm: Int16Array) => {
      const chunkSeq = seq++;
      sending.current = sending.current.then(async () => {
        if (!active.current && !stopping.current) return;
        try {
          const state = await api.speech.pushAudio({
            sessionId,
            seq: chunkSeq,
            pcm: new Uint8Array(pcm.buffer as ArrayBuffer, pcm.byteOffset, pcm.byteLength),
          });
          setLive(state);
        } catch (e) {
          if (active.current && !stopping.current)
            fail(
              `Recording stopped: ${errorMessage(e)} What reached the app so far is kept, and you can type your answer.`,
            );
        }
      });
    };
    try {
      capture.current = await startCapture({
        deviceId,
        onChunk: (pcm) => (started ? send(pcm) : waiting.push(pcm)),
        onLevel: setLevel,
        onEnded: () =>
          fail(
            'The microphone stopped (it may have been unplugged). What you said so far is kept; plug it back in and press Speak to go on, or type the rest.',
          ),
      });
      const begun = await api.speech.start({ sessionId, mode, sampleRate: capture.current.sampleRate });
      setOffsetMs(begun.offsetMs);
      started = true;
      waiting.splice(0).forEach(send);
      setStatus('listening');
    } catch (e) {
      await capture.current?.stop();
      capture.current = null;
      active.current = false;
      setStatus('idle');
      setLevel(SILENT);
      const message = e instanceof Error && e.name === 'AppError' ? errorMessage(e) : explainCaptureError(e).message;
      setError(message);
    } finally {
      starting.current = null;
      markStarted();
    }
  }, [sessionId, mode, deviceId, fail]);

  // Leaving the screen mid-answer ends the take, so the recording is closed properly.
  useEffect(
    () => () => {
      if (active.current) void stop();
    },
    [stop],
  );

  return { status, level, live, segments, offsetMs, error, start, stop, clearError: () => setError(null) };
}
