/**
 * What the interviewer sees of the work: a compact view (which part, what changed since its last
 * look, the last test results) that goes into each LLM turn, and the triggers from state that make
 * either interviewer speak unprompted (tests failing for a while, no own tests, a part passing,
 * a long silence). Pure functions.
 */
import type { PlannedExercise } from '../exercise/spec.js';
import type { Progress } from './progress.js';

export interface WorkspaceLook {
  part: number;
  partTitle: string;
  partsRevealed: number;
  finished: boolean;
  /** Lines removed (-) and added (+) since the last look, capped; empty when nothing changed. */
  diff: string;
  lastResults: string;
  ownTests: string;
}

const MAX_DIFF_LINES = 40;
const MAX_LINES_COMPARED = 1500;

/** A line diff (longest common subsequence), as "- old" / "+ new" lines. */
export function lineDiff(before: string, after: string, maxLines = MAX_DIFF_LINES): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length > MAX_LINES_COMPARED || b.length > MAX_LINES_COMPARED)
    return `(the file was rewritten: ${b.length} lines now)`;
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push(`+ ${b[j++]}`);
    } else {
      out.push(`- ${a[i++]}`);
    }
  }
  const changed = out.filter((l) => l.trim() !== '+' && l.trim() !== '-');
  if (changed.length <= maxLines) return changed.join('\n');
  return [...changed.slice(0, maxLines), `… ${changed.length - maxLines} more changed lines`].join('\n');
}

export function look(exercise: PlannedExercise, progress: Progress, solution: string): WorkspaceLook {
  const index = progress.parts.length - 1;
  const run = progress.lastRun;
  let lastResults = 'no tests run yet';
  if (run) {
    const failing = run.results.filter((r) => !r.passed).slice(0, 3);
    const what = run.kind === 'submit' ? 'submit' : run.kind === 'own' ? 'own tests' : 'visible tests';
    lastResults =
      run.status === 'ok' || run.results.length > 0
        ? `${what}: ${run.passed}/${run.total} passed` +
          (failing.length
            ? `; failing: ${failing.map((r) => `${r.name}${r.error ? ` (${r.error})` : ''}`).join('; ')}`
            : '')
        : `${what}: ${run.message ?? run.status}`;
  }
  const own = progress.ownTests;
  return {
    part: index + 1,
    partTitle: exercise.parts[index]?.title ?? '',
    partsRevealed: progress.parts.length,
    finished: progress.finishedAt !== undefined,
    diff: progress.lastSeen
      ? lineDiff(progress.lastSeen.solution, solution)
      : solution
          .split('\n')
          .slice(0, MAX_DIFF_LINES)
          .map((l) => `+ ${l}`)
          .join('\n'),
    lastResults,
    ownTests:
      own.runs === 0
        ? 'none run yet'
        : `${own.passing}/${own.names.length} passing (${own.names.slice(0, 5).join(', ')})`,
  };
}

/** The look as text for the model's turn message. */
export function describeLook(l: WorkspaceLook): string {
  return [
    `The candidate is working in the editor on part ${l.part} ("${l.partTitle}")${l.finished ? ', and has finished the problem' : ''}.`,
    l.diff
      ? `What changed in their solution since you last looked:\n${l.diff}`
      : 'Their solution has not changed since you last looked.',
    `Last test results: ${l.lastResults}.`,
    `Their own tests: ${l.ownTests}.`,
  ].join('\n');
}

export interface Trigger {
  id: string;
  text: string;
}

const MINUTE = 60_000;
export const SILENCE_MS = 3 * MINUTE;
export const STUCK_MS = 5 * MINUTE;

/**
 * What the interviewer says unprompted now, if anything. `event` is what just happened; each
 * trigger speaks at most once per part.
 */
export function pickTrigger(input: {
  exercise: PlannedExercise;
  progress: Progress;
  event: 'passed' | 'run' | 'tick';
  ownTestsChanged: boolean;
  now: number;
}): Trigger | null {
  const { exercise, progress, event, now } = input;
  const index = progress.parts.length - 1;
  const part = progress.parts[index];
  if (!part || progress.finishedAt !== undefined) return null;
  const fired = (id: string) => part.fired.includes(id);
  if (event === 'passed') {
    // Called after the next part appeared: the part that passed is the one before it.
    const passed = exercise.parts[index - 1];
    if (passed && !fired('discuss')) {
      return {
        id: 'discuss',
        text:
          passed.discuss ?? "That passes. Before you go on: what's the time and space complexity of what you wrote?",
      };
    }
    if (!input.ownTestsChanged && progress.ownTests.runs === 0 && !fired('own_tests')) {
      return {
        id: 'own_tests',
        text: 'Which edge cases would you want covered here? Try writing a test or two of your own in the My tests tab.',
      };
    }
    return null;
  }
  if (event === 'run' && part.failingInARow >= 3 && now - part.revealedAt >= STUCK_MS && !fired('stuck')) {
    return {
      id: 'stuck',
      text: "You've been on this part for a while. Talk me through what the failing test expects and what your code does instead.",
    };
  }
  if (event === 'tick' && now - progress.lastActivityAt >= SILENCE_MS && !fired(`silence-${progress.lastActivityAt}`)) {
    return { id: `silence-${progress.lastActivityAt}`, text: "Talk me through what you're trying right now." };
  }
  return null;
}
