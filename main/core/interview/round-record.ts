/**
 * How far a round got against its plan (see RoundRecord): answered questions out of the planned
 * ones, and whether it was ended early — finished with time left while planned questions were
 * never asked or before the interviewer wrapped up. A round the clock wrapped up is not "early".
 */
import type { RoundRecord } from '../../contract/format.js';
import { remaining } from './clock.js';
import type { EngineState } from './engine.js';
import { WRAP_UP_RESERVE_MS } from './interviewers/timing.js';

export function roundRecord(state: EngineState): RoundRecord {
  const planned = state.questions.length;
  const asked = new Set(state.turns.map((t) => t.questionIndex)).size;
  const answered = new Set(
    state.turns.filter((t) => t.status === 'answered' && (t.answer ?? '').trim()).map((t) => t.questionIndex),
  ).size;
  // A finished round's clock is stopped, so its remaining time does not depend on "now".
  const timeLeft = state.round.runningSince === null ? remaining(state.round, 0) : 0;
  // Early: questions never reached, or the round stopped before the interviewer wrapped it up
  // (one design problem meant for 60 minutes, ended after 5), with time left either way.
  const wrappedUp = state.messages.some((m) => m.kind === 'wrap_up');
  const endedEarly = state.phase === 'summary' && timeLeft > WRAP_UP_RESERVE_MS && (asked < planned || !wrappedUp);
  return { planned, answered, endedEarly };
}
