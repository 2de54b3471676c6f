import { formatClock } from '../../../../main/contract/format.js';
import type { ClockView, DesignPhaseView } from '../../../../main/contract/services/interview.js';
import { usedMs } from './clock.js';
import { useNow } from './use-now.js';

interface PhaseIndicatorProps {
  phase: DesignPhaseView;
  /** Before the first question and after the last: the plan with no clock running in it. */
  stage: 'before' | 'during' | 'after';
  /** The round clock: the phase's time box is counted on it (pauses excluded). */
  round: ClockView;
  /** Server time minus local time, measured when the view arrived. */
  offsetMs: number;
}

/**
 * Where a design round is in its plan: a quiet row of steps, the phase's name and its time box.
 * The phase changes when the interviewer moves on (after an answer), so once the box is used it
 * says so and names what comes next, instead of jumping ahead on its own.
 */
export function PhaseIndicator({ phase, stage, round, offsetMs }: PhaseIndicatorProps) {
  const localNow = useNow(stage === 'during' && round.runningSince !== null);
  const inPhase = Math.max(0, usedMs(round, localNow + offsetMs) - phase.startedAtMs);
  const minutes = Math.round(phase.boxMs / 60_000);
  const boxUsed = stage === 'during' && phase.next !== null && inPhase >= phase.boxMs;
  const current = stage === 'after' ? phase.plan.length + 1 : phase.number;
  let box: string;
  if (stage === 'before') box = `${minutes} min box, starts when you begin`;
  else if (stage === 'after') box = 'Your questions for the interviewer';
  else if (phase.next === null) box = `${formatClock(inPhase, 'down')} in · until the wrap-up`;
  else if (boxUsed) box = `${minutes} min box used · next: ${phase.next}`;
  else box = `${formatClock(inPhase, 'down')} of ${minutes} min`;
  return (
    <div className={`design-phase${boxUsed ? ' box-used' : ''}`} data-testid="design-phase">
      <div className="design-phase-head">
        <span className="design-phase-label">
          {stage === 'after' ? 'All phases done' : `Phase ${phase.number} of ${phase.plan.length}`}
        </span>
        <strong className="design-phase-title">{stage === 'after' ? 'Wrap-up' : phase.title}</strong>
      </div>
      <ol className="design-phase-steps" aria-label="Phases of this round">
        {phase.plan.map((step, i) => (
          <li
            key={step.id}
            className={i + 1 < current ? 'done' : i + 1 === current ? 'current' : undefined}
            aria-current={i + 1 === current ? 'step' : undefined}
            title={`${step.title} · ${step.minutes} min`}
          >
            <span className="visually-hidden">
              {step.title}, {step.minutes} minutes
            </span>
          </li>
        ))}
      </ol>
      <div className="design-phase-box">{box}</div>
    </div>
  );
}
