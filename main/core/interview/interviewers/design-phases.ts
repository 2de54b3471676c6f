/**
 * Where a phase-timed round (system design) stands in its plan. Each phase has a time box; the
 * interviewer moves to the next phase when the box is used or when the phase has nothing left
 * to ask, and stays in the last phase until the round clock calls the wrap-up. Pure: the phase
 * the interviewer is in and when it started are recorded on the follow-up turns (a PhaseMark),
 * and everything else is derived from that mark, the round clock and the pack's phases.
 */
import type { DesignPhase } from '../../../../content/schema.js';
import type { PhaseMark } from './types.js';

export interface PhasePosition {
  index: number;
  phase: DesignPhase;
  /** Round time (pauses excluded) when the phase started. */
  startedAtMs: number;
  /** Round time when its time box is used (the last phase goes on until the wrap-up). */
  endsAtMs: number;
  /** Why the interviewer left the phase it was in, when it moved on this time. */
  movedBy: 'time' | 'done' | null;
}

const boxMs = (phase: DesignPhase) => phase.minutes * 60_000;

/** Where the round starts: the first phase, at round time 0. */
function start(phases: readonly DesignPhase[], mark: PhaseMark | undefined): { index: number; startedAtMs: number } {
  const index = mark ? phases.findIndex((p) => p.id === mark.id) : -1;
  // A mark the pack no longer knows (the pack changed mid-round): follow the plan from the start.
  return index < 0 ? { index: 0, startedAtMs: 0 } : { index, startedAtMs: mark!.startedAtMs };
}

/**
 * The phase at round time `elapsedMs`, from the last recorded mark. A used time box hands over
 * at the moment it ended (a slow start does not push the whole plan back); a phase with nothing
 * left to ask (`isDone`) hands over now. Never moves backwards.
 */
export function advancePhase(
  phases: readonly DesignPhase[],
  mark: PhaseMark | undefined,
  elapsedMs: number,
  isDone: (phase: DesignPhase) => boolean = () => false,
): PhasePosition | null {
  if (phases.length === 0) return null;
  let { index, startedAtMs } = start(phases, mark);
  let movedBy: PhasePosition['movedBy'] = null;
  while (index < phases.length - 1) {
    const phase = phases[index]!;
    const endsAt = startedAtMs + boxMs(phase);
    if (elapsedMs >= endsAt) {
      index += 1;
      startedAtMs = endsAt;
      movedBy = 'time';
    } else if (isDone(phase)) {
      index += 1;
      startedAtMs = Math.max(startedAtMs, elapsedMs);
      movedBy ??= 'done';
    } else break;
  }
  const phase = phases[index]!;
  return { index, phase, startedAtMs, endsAtMs: startedAtMs + boxMs(phase), movedBy };
}

/** The phase the plan puts at round time `elapsedMs` when nobody moved ahead of it. */
export function currentPhase(phases: readonly DesignPhase[], elapsedMs: number): DesignPhase | null {
  return advancePhase(phases, undefined, elapsedMs)?.phase ?? null;
}

/** The mark recorded on a follow-up asked in this position. */
export function markOf(position: PhasePosition): PhaseMark {
  return { id: position.phase.id, startedAtMs: position.startedAtMs };
}

/** The phase a mark names, as it was recorded (no time passed): what the interviewer is asking about. */
export function phaseAtMark(phases: readonly DesignPhase[], mark: PhaseMark | undefined): PhasePosition | null {
  return advancePhase(phases, mark, mark?.startedAtMs ?? 0);
}
