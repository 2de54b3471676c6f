/** How the history screens write dates (sizes and durations: main/contract/format.ts). */

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

export function formatDateTime(ms: number): string {
  return dateFormat.format(new Date(ms));
}

export function formatDay(ms: number): string {
  return dayFormat.format(new Date(ms));
}

export function formatDayTime(ms: number): string {
  return dayTimeFormat.format(new Date(ms));
}

/** A yyyy-mm-dd date input's value as local midnight in ms, or undefined when empty. */
export function dateInputToMs(value: string, endOfDay = false): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (endOfDay ? 1 : 0));
  return date.getTime();
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const STATUS_LABELS = { completed: 'Completed', in_progress: 'Interrupted', abandoned: 'Ended early' } as const;
