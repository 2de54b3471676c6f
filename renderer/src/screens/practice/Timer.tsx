import { useEffect, useRef, useState } from 'react';
import { formatClock } from '../../../../main/contract/format.js';
import type { ClockView } from '../../../../main/contract/services/interview.js';
import { levelAnnouncement, remainingMs, warningLevel, type WarningLevel } from './clock.js';
import { useNow } from './use-now.js';

const LEVEL_TEXT: Record<WarningLevel, string> = {
  normal: 'left',
  warn: 'left · under 2 minutes',
  critical: 'left · under 30 seconds',
  over: 'over time, counting up',
};

interface TimerProps {
  label: string;
  clock: ClockView | null;
  /** Server time minus local time, measured when the view arrived. */
  offsetMs: number;
  size: 'large' | 'small';
  /** Not started yet: shows the budget and says when it will start. */
  idle?: boolean;
  /** What the state line says while idle. */
  idleNote?: string;
  paused?: boolean;
  testId?: string;
}

/**
 * A countdown from a ClockView. It ticks only while the clock runs, counts up once over time,
 * and announces politely only when the warning level changes, never every second.
 */
export function Timer({
  label,
  clock,
  offsetMs,
  size,
  idle = false,
  idleNote = 'starts when you answer',
  paused = false,
  testId,
}: TimerProps) {
  const running = !idle && clock !== null && clock.runningSince !== null;
  const localNow = useNow(running);
  const remaining = clock ? (idle ? clock.budgetMs : remainingMs(clock, localNow + offsetMs)) : 0;
  const level: WarningLevel = clock && !idle ? warningLevel(remaining) : 'normal';

  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<WarningLevel | null>(null);
  useEffect(() => {
    if (previous.current !== null && previous.current !== level) setAnnouncement(levelAnnouncement(label, level));
    previous.current = level;
  }, [level, label]);

  const digits = clock ? `${level === 'over' ? '+' : ''}${formatClock(remaining, 'up')}` : '–:––';
  let state: string;
  if (!clock || idle) state = idleNote;
  else state = `${LEVEL_TEXT[level]}${paused ? ' · paused' : ''}`;
  return (
    <div
      className={`timer timer-${size} level-${level}${!clock || idle ? ' idle' : ''}`}
      data-testid={testId}
      data-level={level}
    >
      <div className="timer-label">{label}</div>
      <div className="timer-digits">{digits}</div>
      <div className="timer-state">
        {level !== 'normal' && <span className="timer-icon" aria-hidden="true" />}
        {state}
      </div>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  );
}
