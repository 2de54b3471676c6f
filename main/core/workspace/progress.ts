/**
 * A workspace question's progress through its parts, as pure functions of (progress, event, now).
 * Stored as JSON per session and question; the engine state keeps what the interviewer said.
 */
import type { Language } from '../../../content/schema.js';
import type { RunView } from '../../contract/services/workspace.js';

export interface PartProgress {
  revealedAt: number;
  passedAt?: number;
  movedOnAt?: number;
  runs: number;
  ownRuns: number;
  submits: number;
  firstRunAt?: number;
  /** This part's own hidden tests at its last submit. */
  hiddenPassed?: number;
  hiddenTotal?: number;
  /** Runs and submits in a row that had failing tests. */
  failingInARow: number;
  /** Triggers already fired for this part (each speaks once). */
  fired: string[];
}

export interface Progress {
  language: Language;
  parts: PartProgress[];
  finishedAt?: number;
  /** Last run, own-test run, submit, save or turn: silence is measured from here. */
  lastActivityAt: number;
  lastRun: RunView | null;
  /** The solution as the interviewer last saw it, for "what changed since I last looked". */
  lastSeen: { solution: string; at: number } | null;
  ownTests: { names: string[]; passing: number; runs: number };
}

export function initialProgress(language: Language, now: number): Progress {
  return {
    language,
    parts: [newPart(now)],
    lastActivityAt: now,
    lastRun: null,
    lastSeen: null,
    ownTests: { names: [], passing: 0, runs: 0 },
  };
}

function newPart(now: number): PartProgress {
  return { revealedAt: now, runs: 0, ownRuns: 0, submits: 0, failingInARow: 0, fired: [] };
}

export function currentIndex(progress: Progress): number {
  return progress.parts.length - 1;
}

function patchCurrent(progress: Progress, patch: (part: PartProgress) => PartProgress): Progress {
  const i = currentIndex(progress);
  return { ...progress, parts: progress.parts.map((p, k) => (k === i ? patch(p) : p)) };
}

export function touch(progress: Progress, now: number): Progress {
  return { ...progress, lastActivityAt: now };
}

export function recordRun(progress: Progress, run: RunView, now: number): Progress {
  const allPassed = run.status === 'ok' && run.total > 0 && run.passed === run.total;
  let next = patchCurrent(progress, (part) => ({
    ...part,
    runs: part.runs + (run.kind === 'visible' ? 1 : 0),
    ownRuns: part.ownRuns + (run.kind === 'own' ? 1 : 0),
    submits: part.submits + (run.kind === 'submit' ? 1 : 0),
    firstRunAt: part.firstRunAt ?? now,
    failingInARow: run.kind === 'own' ? part.failingInARow : allPassed ? 0 : part.failingInARow + 1,
  }));
  if (run.kind === 'own') {
    next = {
      ...next,
      ownTests: {
        names: run.results.map((r) => r.name),
        passing: run.results.filter((r) => r.passed).length,
        runs: next.ownTests.runs + 1,
      },
    };
  }
  return { ...next, lastRun: run, lastActivityAt: now };
}

/** A submit's verdict on the part's own hidden tests. */
export function recordSubmit(
  progress: Progress,
  hidden: { passed: number; total: number },
  passed: boolean,
  now: number,
): Progress {
  return patchCurrent(progress, (part) => ({
    ...part,
    hiddenPassed: hidden.passed,
    hiddenTotal: hidden.total,
    ...(passed && part.passedAt === undefined ? { passedAt: now } : {}),
  }));
}

/** The next part appears; the current one is left as passed or moved on from. */
export function advance(progress: Progress, partCount: number, how: 'passed' | 'moved_on', now: number): Progress {
  let next =
    how === 'moved_on'
      ? patchCurrent(progress, (p) => ({ ...p, movedOnAt: p.passedAt ? p.movedOnAt : now }))
      : progress;
  if (next.parts.length < partCount) next = { ...next, parts: [...next.parts, newPart(now)] };
  else next = { ...next, finishedAt: next.finishedAt ?? now };
  return { ...next, lastActivityAt: now };
}

export function finish(progress: Progress, now: number): Progress {
  return { ...progress, finishedAt: progress.finishedAt ?? now, lastActivityAt: now };
}

export function markFired(progress: Progress, trigger: string): Progress {
  return patchCurrent(progress, (p) => ({ ...p, fired: [...p.fired, trigger] }));
}

export function partStatus(progress: Progress, index: number): 'current' | 'passed' | 'moved_on' {
  const part = progress.parts[index];
  if (!part) return 'current';
  if (part.passedAt !== undefined) return 'passed';
  if (part.movedOnAt !== undefined) return 'moved_on';
  return 'current';
}
