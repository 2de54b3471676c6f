/**
 * How far a round got against its plan (see RoundRecord): answered questions out of the planned
 * ones, and whether it was ended early — finished with planned questions never asked while there
 * was still time for them. A round the clock wrapped up is not "early".
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
  const endedEarly = state.phase === 'summary' && asked < planned && timeLeft > WRAP_UP_RESERVE_MS;
  return { planned, answered, endedEarly };
}
