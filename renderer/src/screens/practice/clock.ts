import type { ClockView } from '../../../../main/contract/services/interview.js';

/** Milliseconds left on a clock at server time `serverNow`; negative once over time. */
export function remainingMs(clock: ClockView, serverNow: number): number {
  const running = clock.runningSince === null ? 0 : Math.max(0, serverNow - clock.runningSince);
  return clock.budgetMs - (clock.elapsedMs + running);
}

/** Milliseconds used on a clock at server time `serverNow`. */
export function usedMs(clock: ClockView, serverNow: number): number {
  return clock.budgetMs - remainingMs(clock, serverNow);
}

export type WarningLevel = 'normal' | 'warn' | 'critical' | 'over';

export const WARN_AT_MS = 2 * 60_000;
export const CRITICAL_AT_MS = 30_000;

export function warningLevel(remaining: number): WarningLevel {
  if (remaining <= 0) return 'over';
  if (remaining <= CRITICAL_AT_MS) return 'critical';
  if (remaining <= WARN_AT_MS) return 'warn';
  return 'normal';
}

/** What the live region says when a clock crosses into a level; nothing for 'normal'. */
export function levelAnnouncement(label: string, level: WarningLevel): string {
  switch (level) {
    case 'warn':
      return `${label}: two minutes left.`;
    case 'critical':
      return `${label}: thirty seconds left.`;
    case 'over':
      return `${label}: over time.`;
    case 'normal':
      return '';
  }
}
