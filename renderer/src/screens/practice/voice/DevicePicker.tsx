import type { InputDevice } from '../../../audio/capture.js';

export function DevicePicker({
  devices,
  value,
  disabled,
  onChange,
}: {
  devices: InputDevice[];
  value: string | null;
  disabled: boolean;
  onChange: (deviceId: string | null) => void;
}) {
  const known = value === null || devices.some((d) => d.deviceId === value);
  return (
    <label className="device-picker small">
      <span className="muted">Microphone</span>
      <select
        className="small-select"
        value={value ?? ''}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">System default</option>
        {devices.map((d) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label}
          </option>
        ))}
        {!known && <option value={value ?? ''}>Saved microphone (not connected)</option>}
      </select>
    </label>
  );
}
