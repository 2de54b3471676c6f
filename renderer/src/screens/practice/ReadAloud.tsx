import { useEffect, useRef, useState } from 'react';
import type { SettingsPatch } from '../../../../main/contract/services/settings.js';
import { errorMessage } from '../../api/client.js';
import { useSettings, useUpdateSettings } from '../../data/settings.js';
import { SPEECH_AVAILABLE, speak, stopSpeaking, useVoices } from './read-aloud.js';

/**
 * "Read questions aloud" with a voice picker, stored in settings. Speaks `text` whenever
 * `speakKey` changes (a new interviewer message). Quietly does nothing without speech support.
 */
export function ReadAloud({ text, speakKey }: { text: string; speakKey: string }) {
  const settings = useSettings().data ?? null;
  const saveSettings = useUpdateSettings();
  const [error, setError] = useState<string | null>(null);
  const voices = useVoices();

  const enabled = SPEECH_AVAILABLE && settings?.readAloud === true;
  const voiceName = settings?.voiceName ?? null;
  // Speak once per new message (or when reading is switched on), not when voices load.
  const spoken = useRef<string | null>(null);
  useEffect(() => {
    const key = `${speakKey}:${enabled}`;
    if (spoken.current === key) return;
    spoken.current = key;
    if (enabled) speak(text, voiceName, voices);
  });
  useEffect(() => () => stopSpeaking(), []);

  async function update(patch: Pick<SettingsPatch, 'readAloud' | 'voiceName'>) {
    setError(null);
    if (patch.readAloud === false) stopSpeaking();
    try {
      await saveSettings(patch);
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
