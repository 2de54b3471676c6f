import type { Settings, SettingsPatch } from '../../../../../main/contract/services/settings.js';

const SILENCE_CHOICES = [2, 3, 5, 8, 10, 15];

export type VoiceOptionKey = 'holdToTalk' | 'autoEndSilenceSeconds' | 'submitOnAutoEnd';

/** Hold-to-talk, "end the answer after N seconds of silence" and "then submit it", stored in settings. */
export function VoiceOptions({
  settings,
  disabled,
  open,
  onToggle,
  onChange,
}: {
  settings: Pick<Settings, VoiceOptionKey>;
  disabled: boolean;
  /** Kept by the panel, so the options stay open across the microphone check. */
  open: boolean;
  onToggle: (open: boolean) => void;
  onChange: (patch: Pick<SettingsPatch, VoiceOptionKey>) => void;
}) {
  return (
    <details className="voice-options small" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>Voice options</summary>
      <div className="row">
        <label className="row">
          <input
            type="checkbox"
            checked={settings.holdToTalk}
            disabled={disabled}
            onChange={(e) => onChange({ holdToTalk: e.target.checked })}
          />
          {/* One flex item, so the row's gap does not split "Alt+V" apart. */}
          <span>
            Hold to talk (hold the button or <kbd>Alt</kbd>+<kbd>V</kbd>)
          </span>
        </label>
        {/* The silence rule and "submit it" belong together: they wrap as one. */}
        <span className="row">
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
          <label className="row">
            <input
              type="checkbox"
              checked={settings.submitOnAutoEnd}
              disabled={disabled || settings.autoEndSilenceSeconds === 0}
              onChange={(e) => onChange({ submitOnAutoEnd: e.target.checked })}
            />
            and submit it (hands-free)
          </label>
        </span>
      </div>
    </details>
  );
}
