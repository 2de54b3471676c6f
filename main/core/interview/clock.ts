import type { ClockView } from '../../contract/services/interview.js';

export type Clock = ClockView;

export function startClock(budgetMs: number, now: number): Clock {
  return { budgetMs, elapsedMs: 0, runningSince: now };
}

export function elapsed(clock: Clock, now: number): number {
  return clock.elapsedMs + (clock.runningSince === null ? 0 : Math.max(0, now - clock.runningSince));
}

export function remaining(clock: Clock, now: number): number {
  return clock.budgetMs - elapsed(clock, now);
}

export function stopClock(clock: Clock, now: number): Clock {
  return { ...clock, elapsedMs: elapsed(clock, now), runningSince: null };
}

export function resumeClock(clock: Clock, now: number): Clock {
  return clock.runningSince === null ? { ...clock, runningSince: now } : clock;
}

/** Folds running time into elapsed, so a persisted snapshot is accurate to this moment. */
export function checkpointClock(clock: Clock, now: number): Clock {
  return clock.runningSince === null ? clock : { ...clock, elapsedMs: elapsed(clock, now), runningSince: now };
}

export type WarningLevel = 'none' | 'two_minutes' | 'thirty_seconds' | 'over';

/** Warnings at 2 minutes and 30 seconds left; running over is allowed and shown as such. */
export function warningLevel(remainingMs: number): WarningLevel {
  if (remainingMs < 0) return 'over';
  if (remainingMs <= 30_000) return 'thirty_seconds';
  if (remainingMs <= 120_000) return 'two_minutes';
  return 'none';
}
