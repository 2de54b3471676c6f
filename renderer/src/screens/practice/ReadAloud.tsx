import { useEffect, useState } from 'react';
import type { Settings } from '../../../../main/contract/services/settings.js';
import { api, errorMessage } from '../../api/client.js';
import { SPEECH_AVAILABLE, speak, stopSpeaking, useVoices } from './read-aloud.js';

/**
 * "Read questions aloud" with a voice picker, stored in settings. Speaks `text` whenever
 * `speakKey` changes (a new interviewer message). Quietly does nothing without speech support.
 */
export function ReadAloud({ text, speakKey }: { text: string; speakKey: string }) {
  const [settings, setSettings] = useState<Pick<Settings, 'readAloud' | 'voiceName'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const voices = useVoices();

  useEffect(() => {
    let current = true;
    api.settings.get().then(
      (s) => current && setSettings({ readAloud: s.readAloud, voiceName: s.voiceName }),
      () => current && setSettings({ readAloud: false, voiceName: null }),
    );
    return () => {
      current = false;
    };
  }, []);

  const enabled = SPEECH_AVAILABLE && settings?.readAloud === true;
  const voiceName = settings?.voiceName ?? null;
  useEffect(() => {
    if (enabled) speak(text, voiceName, voices);
    // Speak once per new message, not when voices load or the text object changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [speakKey, enabled]);
  useEffect(() => () => stopSpeaking(), []);

  async function update(patch: Partial<Pick<Settings, 'readAloud' | 'voiceName'>>) {
    setError(null);
    setSettings((s) => (s ? { ...s, ...patch } : s));
    if (patch.readAloud === false) stopSpeaking();
    try {
      const next = await api.settings.update(patch);
      setSettings({ readAloud: next.readAloud, voiceName: next.voiceName });
    } catch (e) {
      setError(`Could not save the read-aloud setting: ${errorMessage(e)}`);
    }
  }

  if (!SPEECH_AVAILABLE)
    return <p className="muted small read-aloud">Reading aloud is not available on this system.</p>;
  return (
    <div className="read-aloud row">
      <label className="check">
        <input
          type="checkbox"
          checked={settings?.readAloud ?? false}
          disabled={!settings}
          onChange={(e) => void update({ readAloud: e.target.checked })}
        />
        Read questions aloud
      </label>
      {settings?.readAloud &&
        (voices.length > 0 ? (
          <>
            <label htmlFor="voice" className="visually-hidden">
              Voice
            </label>
            <select
              id="voice"
              className="small-select"
              value={voiceName ?? ''}
              onChange={(e) => void update({ voiceName: e.target.value || null })}
            >
              <option value="">Default voice</option>
              {voices.map((v) => (
                <option key={v.voiceURI || v.name} value={v.name}>
                  {v.name} ({v.lang})
                </option>
              ))}
            </select>
          </>
        ) : (
          <span className="muted small">No voices are installed, so nothing will be read.</span>
        ))}
      {error && (
        <span className="save-status error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
