/**
 * When the interviewer of a bug bash speaks up on its own, from what the candidate is doing:
 * after the first failing test run it asks for the current hypothesis; when code starts changing
 * before anything confirmed that hypothesis, it asks how they will confirm it; when a failing
 * test starts passing, it asks for the root cause; after a long quiet stretch it asks them to
 * talk it through. Each is asked once (the nudge at most every few minutes). Pure: the scripted
 * and the LLM interviewer both read it, so they react to the same moments.
 */
export type DebugTrigger = 'hypothesis' | 'confirm' | 'root_cause' | 'nudge';

export interface DebugRun {
  atMs: number;
  /** Ids of the tests that failed in this run. */
  failing: string[];
  /** The workspace's code (non-test files) differs from the start at this run. */
  codeChanged: boolean;
}

export interface DebugState {
  nowMs: number;
  runs: readonly DebugRun[];
  /** Code (non-test files) differs from the start right now, run or not. */
  codeChangedNow: boolean;
  /** When the candidate last spoke or typed to the interviewer, or last ran the tests. */
  lastActivityMs: number;
  asked: ReadonlySet<DebugTrigger>;
  lastNudgeMs?: number;
}

export const QUIET_MS = 3 * 60_000;
export const NUDGE_EVERY_MS = 5 * 60_000;

export const DEBUG_PROMPTS: Record<DebugTrigger, string> = {
  hypothesis: "You've got a failing test. What's your current hypothesis about what's going on?",
  confirm: "Before you change more: how will you know that's actually the cause?",
  root_cause: 'That test passes now. What was the root cause, in a sentence or two?',
  nudge: "Talk me through what you're looking at right now.",
};

export function debugTrigger(state: DebugState): DebugTrigger | undefined {
  const runs = [...state.runs].sort((a, b) => a.atMs - b.atMs);
  const firstFailing = runs.find((r) => r.failing.length > 0);
  // A test that failed in an earlier run and passes in the latest one.
  const latest = runs.at(-1);
  if (latest && !state.asked.has('root_cause') && runs.length >= 2) {
    const failedBefore = new Set(runs.slice(0, -1).flatMap((r) => r.failing));
    const nowFailing = new Set(latest.failing);
    if ([...failedBefore].some((id) => !nowFailing.has(id)) && latest.codeChanged) return 'root_cause';
  }
  if (firstFailing && !state.asked.has('hypothesis')) return 'hypothesis';
  if (state.asked.has('hypothesis') && !state.asked.has('confirm') && state.codeChangedNow) {
    // Changing code without a run that shows the hypothesis first: ask how they will confirm it.
    const unchangedRunsAfterFirstFail = runs.filter(
      (r) => firstFailing && r.atMs > firstFailing.atMs && !r.codeChanged,
    );
    if (unchangedRunsAfterFirstFail.length === 0) return 'confirm';
  }
  const quiet = state.nowMs - state.lastActivityMs >= QUIET_MS;
  const nudgedRecently = state.lastNudgeMs !== undefined && state.nowMs - state.lastNudgeMs < NUDGE_EVERY_MS;
  if (quiet && !nudgedRecently) return 'nudge';
  return undefined;
}
