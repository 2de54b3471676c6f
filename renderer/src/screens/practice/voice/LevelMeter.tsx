import type { CaptureLevel } from '../../../audio/capture.js';

/** RMS as a 0–100 bar on a decibel scale (-60 dB … 0 dB), so quiet speech still moves it. */
export function levelPercent(level: CaptureLevel): number {
  if (level.rms <= 0) return 0;
  const db = 20 * Math.log10(level.rms);
  return Math.max(0, Math.min(100, Math.round(((db + 60) / 60) * 100)));
}

/** The input level. Fixed size, so nothing around it moves while it changes. */
export function LevelMeter({ level, active }: { level: CaptureLevel; active: boolean }) {
  const percent = active ? levelPercent(level) : 0;
  const loud = level.peak >= 0.99;
  return (
    <div
      className="level-meter"
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-loud={loud || undefined}
    >
      <div className="level-meter-fill" style={{ transform: `scaleX(${percent / 100})` }} />
    </div>
  );
}
