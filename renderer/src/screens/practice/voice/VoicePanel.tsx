/**
 * Speaking an answer: the microphone, a live transcript while the candidate talks, and the
 * transcript added to the answer box when they stop (to correct before submitting). Typing
 * always stays available: without a speech model, or when the microphone fails, the panel
 * says why and what to do. The parent keys the panel by prompt, so a new question starts clean.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { formatClock } from '../../../../../main/contract/format.js';
import type { Phase } from '../../../../../main/contract/services/interview.js';
import type { Settings, SettingsPatch } from '../../../../../main/contract/services/settings.js';
import type { SpokenAnswer } from '../../../../../main/contract/services/speech.js';
import { api, errorMessage } from '../../../api/client.js';
import { mediaUrl } from '../../../audio/media-url.js';
import { useVoice } from '../../../audio/use-voice.js';
import { apiKey } from '../../../data/query-client.js';
import { useSettings, useUpdateSettings } from '../../../data/settings.js';
import { DevicePicker } from './DevicePicker.js';
import { InterruptedTakeOffer } from './InterruptedTakeOffer.js';
import { LevelMeter } from './LevelMeter.js';
import { LiveTranscript } from './LiveTranscript.js';
import { MicCheck } from './MicCheck.js';
import { takeNote } from './take-result.js';
import { useInputDevices } from './use-input-devices.js';
import { useVoiceHotkey } from './use-voice-hotkey.js';
import { VoiceOptions, type VoiceOptionKey } from './VoiceOptions.js';

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
  /** The microphone check opened or closed: the round's clocks stand still meanwhile. */
  onMicCheck?: (open: boolean) => void;
  /** A take ended on silence with words in it and "submit it" is on: submit, as Done does. */
  onAutoSubmit?: () => void;
  ref?: Ref<VoicePanelHandle>;
}

const checkedKey = (sessionId: string) => `rehearsal.micChecked.${sessionId}`;

export function VoicePanel(props: VoicePanelProps) {
  const readiness = useQuery({ queryKey: apiKey('speech', 'readiness'), queryFn: () => api.speech.readiness() });
  const settings = useSettings();
  const loadError = readiness.error ?? settings.error;

  if (loadError)
    return (
      <p className="voice-panel notice error">
        Speaking is not available right now: {errorMessage(loadError)} You can type your answer.
      </p>
    );
  if (!readiness.data || !settings.data)
    return <div className="voice-panel voice-panel-loading card" aria-busy="true" />;
  if (!readiness.data.ready) {
    return (
      <section className="voice-panel card" aria-labelledby="voice-title">
        <h3 id="voice-title" className="small-heading">
          Answer out loud
        </h3>
        <p className="small">{readiness.data.problem}</p>
        <p className="small">
          <a href="#/models">Open the Models screen</a> to get a speech model. Typing works in the meantime.
        </p>
      </section>
    );
  }
  return <ReadyVoicePanel {...props} settings={settings.data} />;
}

function ReadyVoicePanel({
  sessionId,
  phase,
  paused,
  startAnswer,
  onTranscript,
  onMicCheck,
  onAutoSubmit,
  settings,
  ref,
}: VoicePanelProps & { settings: Settings }) {
  const client = useQueryClient();
  const saveSettings = useUpdateSettings();
  const { devices, refresh } = useInputDevices();
  const [checked, setChecked] = useState(() => sessionStorage.getItem(checkedKey(sessionId)) === '1');
  const [checking, setChecking] = useState(false);
  const micCheck = useRef(onMicCheck);
  useEffect(() => {
    micCheck.current = onMicCheck;
  });
  useEffect(() => {
    if (!checking) return;
    micCheck.current?.(true);
    return () => micCheck.current?.(false);
  }, [checking]);
  const [lastTake, setLastTake] = useState<SpokenAnswer | null>(null);
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const speakRef = useRef<HTMLButtonElement>(null);
  const recordings = useQuery({
    queryKey: apiKey('speech', 'recordings', { sessionId }),
    queryFn: () => api.speech.recordings({ sessionId }),
    enabled: lastTake !== null,
  });
  const recording = lastTake ? recordings.data?.find((r) => r.turnSeq === lastTake.turnSeq) : undefined;

  const onFinished = useCallback(
    (answer: SpokenAnswer) => {
      setLastTake(answer);
      setNote(takeNote(answer));
      if (answer.text) onTranscript(answer.text);
      void client.invalidateQueries({ queryKey: apiKey('speech', 'recordings', { sessionId }) });
      refresh();
    },
    [client, sessionId, onTranscript, refresh],
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

  // Auto-end after N seconds of silence (settings), once the candidate has said something.
  const autoEndMs = settings.autoEndSilenceSeconds * 1000;
  const silenceMs = voice.live?.silenceMs ?? null;
  const autoEndLeft =
    autoEndMs > 0 && silenceMs !== null && voice.status === 'listening' ? autoEndMs - silenceMs : null;
  const autoSubmit = useRef(onAutoSubmit);
  useEffect(() => {
    autoSubmit.current = onAutoSubmit;
  });
  const autoEnding = useRef(false);
  // A panel gone by the time its take has stopped (the candidate skipped meanwhile) sends nothing.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (autoEndLeft === null || autoEndLeft > 0 || autoEnding.current) return;
    autoEnding.current = true;
    const submit = settings.submitOnAutoEnd;
    void voice
      .stop()
      .then((answer) => {
        // Hands-free: the transcript is in the answer box by now, and goes in as Done would send it.
        if (submit && answer?.text && mounted.current) autoSubmit.current?.();
      })
      // A take that fails to stop says so in the panel (useVoice); nothing is sent then.
      .catch(() => undefined)
      .finally(() => {
        autoEnding.current = false;
      });
  }, [autoEndLeft, voice, settings.submitOnAutoEnd]);

  useVoiceHotkey({ begin, end, hold: settings.holdToTalk, idle: voice.status === 'idle' });

  const chooseDevice = (deviceId: string | null) => {
    saveSettings({ inputDeviceId: deviceId }).catch((e: unknown) =>
      setNote(`The microphone choice was not saved: ${errorMessage(e)}`),
    );
  };
  const picker = (
    <DevicePicker
      devices={devices}
      value={settings.inputDeviceId}
      disabled={voice.status !== 'idle'}
      onChange={chooseDevice}
    />
  );
  const updateSetting = (patch: Pick<SettingsPatch, VoiceOptionKey>) => {
    saveSettings(patch).catch((e: unknown) => setNote(`The voice option was not saved: ${errorMessage(e)}`));
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
      <VoiceOptions
        settings={settings}
        disabled={voice.status !== 'idle'}
        open={optionsOpen}
        onToggle={setOptionsOpen}
        onChange={updateSetting}
      />
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
            ? `${formatClock(voice.live.audioMs, 'down')} · speech ${formatClock(voice.live.speechMs, 'down')}`
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
        live={voice.status !== 'idle'}
      />
      {voice.status === 'idle' && (
        <InterruptedTakeOffer
          sessionId={sessionId}
          canUse={canSpeak}
          onUse={async (text) => {
            if (phase === 'question' && !(await startAnswer())) return;
            onTranscript(text);
          }}
        />
      )}
      {voice.status === 'idle' && recording && (
        <div className="voice-recording small">
          <span className="muted">Recording of this answer ({formatClock(recording.durationMs ?? 0, 'down')})</span>
          <audio controls preload="metadata" src={mediaUrl(recording.mediaPath)} data-testid="answer-audio" />
        </div>
      )}
    </section>
  );
}
