/**
 * How sizes and durations are written, in core's messages and exports and in the UI alike: one
 * definition, so two screens never show the same file or the same answer differently.
 */

/** "1.1 GB", "82 MB", "1.8 MB", "12 KB", "512 bytes" (decimal units, as disks and download pages use). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 10e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} bytes`;
}

export type ClockRounding = 'up' | 'nearest' | 'down';

/**
 * "m:ss", or "h:mm:ss" from an hour. Count-downs round up (0:00 means truly done), positions in a
 * recording round down (never ahead of the sound), totals round to the nearest second.
 */
export function formatClock(ms: number, rounding: ClockRounding = 'nearest'): string {
  const round = rounding === 'up' ? Math.ceil : rounding === 'down' ? Math.floor : Math.round;
  const total = Math.max(0, round(Math.abs(ms) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const ss = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** "40 s", "12 min", "1 h 05 min": a length in words, for lists and summaries. */
export function formatLength(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** How far a round got against its plan: the one fact summary, History, feedback and exports all state. */
export interface RoundRecord {
  /** Questions the round set out to ask. */
  planned: number;
  /** Questions with at least one answer. */
  answered: number;
  /** The candidate ended the round with planned questions not reached and time left. */
  endedEarly: boolean;
}

/** "1 of 4 planned questions answered, ended early". */
export function formatRoundRecord(record: RoundRecord): string {
  const noun = record.planned === 1 ? 'question' : 'questions';
  return `${record.answered} of ${record.planned} planned ${noun} answered${record.endedEarly ? ', ended early' : ''}`;
}
