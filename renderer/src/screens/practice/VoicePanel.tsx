/**
 * Speaking an answer: the microphone, a live transcript while the candidate talks, and the
 * transcript added to the answer box when they stop (to correct before submitting). Typing
 * always stays available: without a speech model, or when the microphone fails, the panel
 * says why and what to do.
 */
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { Phase } from '../../../../main/contract/services/interview.js';
import type { Settings } from '../../../../main/contract/services/settings.js';
import type {
  SpeechReadiness,
  SpokenAnswer,
  TranscriptSegment,
  TurnRecording,
} from '../../../../main/contract/services/speech.js';
import { api, errorMessage } from '../../api/client.js';
import { mediaUrl } from '../../audio/media-url.js';
import { useVoice } from '../../audio/use-voice.js';
import { DevicePicker } from './DevicePicker.js';
import { isAltKey } from './keys.js';
import { LevelMeter } from './LevelMeter.js';
import { MicCheck } from './MicCheck.js';
import { useInputDevices } from './use-input-devices.js';

export interface VoicePanelHandle {
  /** Ends a take in progress and waits until its transcript is in the answer box. */
  finish: () => Promise<void>;
}

interface VoicePanelProps {
  sessionId: string;
  phase: Phase;
  paused: boolean;
  /** Starts the answer clock if the question is still waiting; false when that failed. */
  startAnswer: () => Promise<boolean>;
  /** A take's transcript, to add to the answer box. */
  onTranscript: (text: string) => void;
  ref?: Ref<VoicePanelHandle>;
}

const checkedKey = (sessionId: string) => `rehearsal.micChecked.${sessionId}`;

export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function VoicePanel({ sessionId, phase, paused, startAnswer, onTranscript, ref }: VoicePanelProps) {
  const [readiness, setReadiness] = useState<SpeechReadiness | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    Promise.all([api.speech.readiness(), api.settings.get()]).then(
      ([r, s]) => {
        if (!alive) return;
        setReadiness(r);
        setSettings(s);
      },
      (e: unknown) => alive && setLoadError(errorMessage(e)),
    );
    return () => {
      alive = false;
    };
  }, []);

  if (loadError)
    return (
      <p className="voice-panel notice error">
        Speaking is not available right now: {loadError} You can type your answer.
      </p>
    );
  if (!readiness || !settings) return <div className="voice-panel voice-panel-loading card" aria-busy="true" />;
  if (!readiness.ready) {
    return (
      <section className="voice-panel card" aria-labelledby="voice-title">
        <h3 id="voice-title" className="small-heading">
          Answer out loud
        </h3>
        <p className="small">{readiness.problem}</p>
        <p className="small">
          <a href="#/models">Open the Models screen</a> to get a speech model. Typing works in the meantime.
        </p>
      </section>
    );
  }
  return (
    <ReadyVoicePanel
      sessionId={sessionId}
      phase={phase}
      paused={paused}
      startAnswer={startAnswer}
      onTranscript={onTranscript}
      settings={settings}
      onSettings={setSettings}
      ref={ref}
    />
  );
}

function ReadyVoicePanel({
  sessionId,
  phase,
  paused,
  startAnswer,
  onTranscript,
  settings,
  onSettings,
  ref,
}: VoicePanelProps & { settings: Settings; onSettings: (s: Settings) => void }) {
  const { devices, refresh } = useInputDevices();
  const [checked, setChecked] = useState(() => sessionStorage.getItem(checkedKey(sessionId)) === '1');
  const [checking, setChecking] = useState(false);
  const [lastTake, setLastTake] = useState<SpokenAnswer | null>(null);
  const [recording, setRecording] = useState<TurnRecording | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const speakRef = useRef<HTMLButtonElement>(null);

  const onFinished = useCallback(
    (answer: SpokenAnswer) => {
      setLastTake(answer);
      if (answer.noSpeech)
        setNote(
          'No speech detected in that take, so nothing was added. Check that the level moves when you talk, then try again — or type your answer.',
        );
      else if (!answer.text)
        setNote(
          'Your speech was recorded, but the speech model returned no words. Type or correct your answer before submitting.',
        );
      else
        setNote(
          answer.failedSegments > 0
            ? `${answer.failedSegments} part(s) could not be transcribed; the audio is kept. Check the answer box before submitting.`
            : null,
        );
      if (answer.text) onTranscript(answer.text);
      api.speech.recordings({ sessionId }).then(
        (list) => setRecording(list.find((r) => r.turnSeq === answer.turnSeq) ?? null),
        () => setRecording(null),
      );
      refresh();
    },
    [sessionId, onTranscript, refresh],
  );

  const voice = useVoice({ sessionId, mode: 'answer', deviceId: settings.inputDeviceId, onFinished });
  const listening = voice.status === 'listening' || voice.status === 'starting';
  const canSpeak = (phase === 'question' || phase === 'answering') && !paused;

  const begin = useCallback(async () => {
    if (voice.status !== 'idle' || !canSpeak) return;
    if (!checked) {
      setChecking(true);
      return;
    }
    setNote(null);
    if (phase === 'question' && !(await startAnswer())) return;
    await voice.start();
  }, [voice, canSpeak, checked, phase, startAnswer]);

  const end = useCallback(async () => {
    await voice.stop();
  }, [voice]);

  useImperativeHandle(ref, () => ({ finish: end }), [end]);

  // Pausing, or the answer being submitted some other way, ends the take.
  useEffect(() => {
    if (!canSpeak && voice.status !== 'idle') void voice.stop();
  }, [canSpeak, voice]);

  // A new question: the last take's result belongs to the previous one.
  useEffect(() => {
    if (phase === 'question') {
      setLastTake(null);
      setRecording(null);
    }
  }, [phase]);

  // Auto-end after N seconds of silence (settings), once the candidate has said something.
  const autoEndMs = settings.autoEndSilenceSeconds * 1000;
  const silenceMs = voice.live?.silenceMs ?? null;
  const autoEndLeft =
    autoEndMs > 0 && silenceMs !== null && voice.status === 'listening' ? autoEndMs - silenceMs : null;
  useEffect(() => {
    if (autoEndLeft !== null && autoEndLeft <= 0) void voice.stop();
  }, [autoEndLeft, voice]);

  // Alt+V: speak / stop; with hold-to-talk, speak while held.
  const latest = useRef({ begin, end, hold: settings.holdToTalk, status: voice.status });
  latest.current = { begin, end, hold: settings.holdToTalk, status: voice.status };
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (!isAltKey(e, 'V') || e.repeat) return;
      e.preventDefault();
      const l = latest.current;
      if (l.status === 'idle') void l.begin();
      else if (!l.hold) void l.end();
    };
    const up = (e: KeyboardEvent) => {
      if (latest.current.hold && e.code === 'KeyV' && latest.current.status !== 'idle') void latest.current.end();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);

  const chooseDevice = (deviceId: string | null) => {
    api.settings
      .update({ inputDeviceId: deviceId })
      .then(onSettings, (e: unknown) => setNote(`The microphone choice was not saved: ${errorMessage(e)}`));
  };
  const picker = (
    <DevicePicker
      devices={devices}
      value={settings.inputDeviceId}
      disabled={voice.status !== 'idle'}
      onChange={chooseDevice}
    />
  );
  const updateSetting = (patch: Partial<Pick<Settings, 'holdToTalk' | 'autoEndSilenceSeconds'>>) => {
    api.settings
      .update(patch)
      .then(onSettings, (e: unknown) => setNote(`The voice option was not saved: ${errorMessage(e)}`));
  };

  if (checking) {
    return (
      <MicCheck
        sessionId={sessionId}
        deviceId={settings.inputDeviceId}
        picker={picker}
        onDone={() => {
          sessionStorage.setItem(checkedKey(sessionId), '1');
          setChecked(true);
          setChecking(false);
          refresh();
          window.setTimeout(() => speakRef.current?.focus(), 0);
        }}
      />
    );
  }

  const holdProps = settings.holdToTalk
    ? {
        onPointerDown: () => void begin(),
        onPointerUp: () => void end(),
        onPointerLeave: () => voice.status !== 'idle' && void end(),
        onKeyDown: (e: React.KeyboardEvent) => {
          if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
            e.preventDefault();
            void begin();
          }
        },
        onKeyUp: (e: React.KeyboardEvent) => {
          if (e.key === ' ' || e.key === 'Enter') void end();
        },
      }
    : { onClick: () => void (voice.status === 'idle' ? begin() : end()) };

  const label = settings.holdToTalk
    ? listening
      ? 'Release to stop'
      : 'Hold to talk'
    : voice.status === 'idle'
      ? checked
        ? 'Speak your answer'
        : 'Check microphone and speak'
      : 'Stop — done speaking';

  return (
    <section className="voice-panel card" aria-labelledby="voice-title" data-status={voice.status}>
      <div className="voice-head row">
        <h3 id="voice-title" className="small-heading">
          Answer out loud
        </h3>
        {picker}
      </div>
      <details className="voice-options small">
        <summary>Voice options</summary>
        <div className="row">
          <label className="row">
            <input
              type="checkbox"
              checked={settings.holdToTalk}
              disabled={voice.status !== 'idle'}
              onChange={(e) => updateSetting({ holdToTalk: e.target.checked })}
            />
            Hold to talk (hold the button or <kbd>Alt</kbd>+<kbd>V</kbd>)
          </label>
          <label className="row">
            End the answer after
            <select
              className="small-select"
              value={settings.autoEndSilenceSeconds}
              disabled={voice.status !== 'idle'}
              onChange={(e) => updateSetting({ autoEndSilenceSeconds: Number(e.target.value) })}
            >
              <option value={0}>never</option>
              {[3, 5, 8, 10, 15].map((n) => (
                <option key={n} value={n}>
                  {n} s of silence
                </option>
              ))}
            </select>
          </label>
        </div>
      </details>
      <div className="row voice-controls">
        <button
          ref={speakRef}
          type="button"
          className={`button ${listening ? 'danger' : 'primary'} voice-button`}
          disabled={voice.status === 'finishing' || (!canSpeak && voice.status === 'idle')}
          aria-pressed={settings.holdToTalk ? listening : undefined}
          {...holdProps}
        >
          {voice.status === 'finishing' ? 'Finishing transcript…' : label}
          <span className="kbd-hint" aria-hidden="true">
            <kbd>Alt</kbd>+<kbd>V</kbd>
          </span>
        </button>
        <LevelMeter level={voice.level} active={listening} />
        <span className="voice-stats small muted" aria-live="off">
          {voice.live
            ? `${clock(voice.live.audioMs)} · speech ${clock(voice.live.speechMs)}`
            : listening
              ? 'Listening…'
              : ''}
        </span>
      </div>
      <div className="voice-status small" aria-live="polite">
        {voice.live?.catchingUp && voice.status !== 'idle' && (
          <span className="voice-badge" data-testid="catching-up">
            Transcript catching up…
          </span>
        )}
        {voice.live && voice.live.clipping > 0.01 && voice.status === 'listening' && (
          <span className="voice-badge warn">
            Your microphone is too loud (clipping): move back a little or lower its input level.
          </span>
        )}
        {autoEndLeft !== null && autoEndLeft <= Math.min(5000, autoEndMs) && autoEndLeft > 0 && (
          <span className="voice-badge" data-testid="auto-end">
            Ending in {Math.ceil(autoEndLeft / 1000)} s of silence
          </span>
        )}
      </div>
      {voice.error && (
        <p className="notice error small" role="alert">
          {voice.error}
        </p>
      )}
      {note && <p className="notice warn small">{note}</p>}
      <LiveTranscript
        segments={voice.status === 'idle' && lastTake ? lastTake.segments : voice.segments}
        offsetMs={voice.offsetMs}
        live={voice.status !== 'idle'}
      />
      {voice.status === 'idle' && recording && (
        <div className="voice-recording small">
          <span className="muted">Recording of this answer ({clock(recording.durationMs ?? 0)})</span>
          <audio controls preload="metadata" src={mediaUrl(recording.mediaPath)} data-testid="answer-audio" />
        </div>
      )}
    </section>
  );
}

function LiveTranscript({ segments, live }: { segments: TranscriptSegment[]; offsetMs: number; live: boolean }) {
  if (segments.length === 0) {
    return live ? <p className="muted small voice-transcript-empty">Your words appear here as you pause.</p> : null;
  }
  return (
    // Focusable because it scrolls: keyboard users must be able to reach every segment.
    <ol
      className="voice-transcript small"
      aria-label="Transcript segments"
      data-testid="transcript-segments"
      tabIndex={0}
    >
      {segments.map((s) => (
        <li key={s.index} data-status={s.status}>
          <span className="voice-time muted">
            {clock(s.startMs)}–{clock(s.endMs)}
          </span>
          <span className="voice-text">
            {s.status === 'pending' || s.status === 'transcribing' ? (
              <span className="muted">transcribing…</span>
            ) : s.status === 'failed' ? (
              <span className="muted">could not be transcribed (audio kept)</span>
            ) : (
              s.text || <span className="muted">(no words recognised)</span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
