import type { Settings, SettingsPatch } from '../../../../../main/contract/services/settings.js';

const SILENCE_CHOICES = [2, 3, 5, 8, 10, 15];

/** Hold-to-talk and "end the answer after N seconds of silence", stored in settings. */
export function VoiceOptions({
  settings,
  disabled,
  onChange,
}: {
  settings: Pick<Settings, 'holdToTalk' | 'autoEndSilenceSeconds'>;
  disabled: boolean;
  onChange: (patch: Pick<SettingsPatch, 'holdToTalk' | 'autoEndSilenceSeconds'>) => void;
}) {
  return (
    <details className="voice-options small">
      <summary>Voice options</summary>
      <div className="row">
        <label className="row">
          <input
            type="checkbox"
            checked={settings.holdToTalk}
            disabled={disabled}
            onChange={(e) => onChange({ holdToTalk: e.target.checked })}
          />
          Hold to talk (hold the button or <kbd>Alt</kbd>+<kbd>V</kbd>)
        </label>
        <label className="row">
          End the answer after
          <select
            className="small-select"
            value={settings.autoEndSilenceSeconds}
            disabled={disabled}
            onChange={(e) => onChange({ autoEndSilenceSeconds: Number(e.target.value) })}
          >
            <option value={0}>never</option>
            {SILENCE_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n} s of silence
              </option>
            ))}
          </select>
        </label>
      </div>
    </details>
  );
}
