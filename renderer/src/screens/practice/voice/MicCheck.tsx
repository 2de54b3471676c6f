import { useEffect, useRef, useState } from 'react';
import type { SpokenAnswer } from '../../../../../main/contract/services/speech.js';
import { useVoice } from '../../../audio/use-voice.js';
import { useNow } from '../use-now.js';
import { LevelMeter } from './LevelMeter.js';

const CHECK_SECONDS = 5;

/**
 * Before the first spoken answer: a few seconds of speech, the level meter, and what the
 * recognizer heard, so a wrong microphone or a muted one shows up before it matters.
 */
export function MicCheck({
  sessionId,
  deviceId,
  picker,
  onDone,
}: {
  sessionId: string;
  deviceId: string | null;
  picker: React.ReactNode;
  onDone: () => void;
}) {
  const voice = useVoice({ sessionId: `check-${sessionId}`, mode: 'check', deviceId });
  const [result, setResult] = useState<SpokenAnswer | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const listening = voice.status === 'listening' && startedAt !== null;
  const now = useNow(listening);
  const secondsLeft = listening ? Math.max(0, CHECK_SECONDS - Math.floor((now - startedAt) / 1000)) : CHECK_SECONDS;

  useEffect(() => startRef.current?.focus(), []);

  // The check ends by itself after a few seconds.
  const stop = voice.stop;
  const stopping = useRef(false);
  useEffect(() => {
    if (!listening || secondsLeft > 0 || stopping.current) return;
    stopping.current = true;
    void stop().then((heard) => {
      stopping.current = false;
      setResult(heard);
    });
  }, [listening, secondsLeft, stop]);

  const heard = result
    ? result.segments
        .map((s) => s.text)
        .filter(Boolean)
        .join(' ')
    : '';
  const busy = voice.status !== 'idle';
  const heardSpeech = result !== null && !result.noSpeech && !busy;
  return (
    <section className="mic-check card" aria-labelledby="mic-check-title">
      <h3 id="mic-check-title" className="small-heading">
        Check your microphone
      </h3>
      <p className="muted small">
        Say a sentence, for example “I’m ready for my interview.” You will see the level move and what was heard. The
        round’s clocks are stopped until you finish or skip the check.
      </p>
      <div className="row">{picker}</div>
      <LevelMeter level={voice.level} active={busy} />
      <div className="row">
        <button
          ref={startRef}
          type="button"
          className={`button ${heardSpeech ? '' : 'primary'}`}
          disabled={busy}
          onClick={() =>
            void voice.start().then(() => {
              setResult(null);
              setStartedAt(Date.now());
            })
          }
        >
          {voice.status === 'listening'
            ? `Listening… ${secondsLeft} s`
            : voice.status === 'finishing'
              ? 'Transcribing…'
              : result
                ? 'Try again'
                : 'Start check'}
        </button>
        {heardSpeech && (
          <button type="button" className="button primary" onClick={onDone}>
            Sounds right — continue
          </button>
        )}
        {/* Always available, even mid-check: the listening take is dropped, nothing waits for it. */}
        <button
          type="button"
          className="button"
          onClick={() => {
            if (busy) void voice.stop();
            onDone();
          }}
        >
          Skip the check
        </button>
      </div>
      <div aria-live="polite" className="mic-check-result small">
        {voice.error && <p className="notice error">{voice.error}</p>}
        {result && result.noSpeech && (
          <p className="notice warn">
            No speech detected. Check that the level moves when you talk and that the right microphone is selected, then
            try again.
          </p>
        )}
        {result && !result.noSpeech && (
          <p className="notice good">
            {heard ? (
              <>Heard: “{heard}”</>
            ) : (
              `Speech detected (${(result.speechMs / 1000).toFixed(1)} s), but the speech model returned no words. A real speech model from the Models screen will show the words here.`
            )}
          </p>
        )}
      </div>
    </section>
  );
}
