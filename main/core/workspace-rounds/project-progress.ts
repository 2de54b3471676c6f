/**
 * Where a candidate stands in a bug-bash or integration workspace, as plain data saved after each
 * action: the test runs (what failed, whether code had changed), the parts reached and checked,
 * the interviewer's prompts already asked, the last look the interviewer took at the files.
 * Pure functions; the service persists what they return.
 */
import type { WorkspaceFiles, WorkspaceLanguage } from '../../../content/schema/workspace-exercise.js';
import type { PartCheckView } from '../../contract/services/project.js';
import type { SuiteRun } from '../../contract/suite-results.js';
import type { DebugRun, DebugState, DebugTrigger } from './debug-triggers.js';
import { changedCode } from './process.js';

export interface ProjectProgress {
  startedAt: number;
  /** Integration: parts shown so far (at least 1); bug bash: 1. */
  revealed: number;
  /** Per revealed part, how it ended (absent: still current). */
  outcomes: ('passed' | 'moved_on')[];
  runs: DebugRun[];
  lastRun: SuiteRun | null;
  checks: PartCheckView[];
  asked: DebugTrigger[];
  lastActivityAt: number;
  lastNudgeAt?: number;
  finishedAt?: number;
  /** The files as the interviewer last saw them (for "what changed since"). */
  seen?: WorkspaceFiles;
}

export function initialProgress(now: number): ProjectProgress {
  return {
    startedAt: now,
    revealed: 1,
    outcomes: [],
    runs: [],
    lastRun: null,
    checks: [],
    asked: [],
    lastActivityAt: now,
  };
}

export function touch(progress: ProjectProgress, now: number): ProjectProgress {
  return { ...progress, lastActivityAt: now };
}

/** Output kept with the progress: enough for the output panel, never megabytes. */
const KEPT_OUTPUT = 20_000;

export function recordRun(
  progress: ProjectProgress,
  language: WorkspaceLanguage,
  start: WorkspaceFiles,
  files: WorkspaceFiles,
  run: SuiteRun,
  now: number,
): ProjectProgress {
  const failing = run.tests.filter((t) => !t.passed && !t.skipped).map((t) => t.id);
  const codeChanged = changedCode(language, start, files).length > 0;
  const kept: SuiteRun = { ...run, stdout: run.stdout.slice(-KEPT_OUTPUT), stderr: run.stderr.slice(-KEPT_OUTPUT) };
  return {
    ...progress,
    runs: [...progress.runs, { atMs: now - progress.startedAt, failing, codeChanged }],
    lastRun: kept,
    lastActivityAt: now,
  };
}

export function recordCheck(progress: ProjectProgress, check: PartCheckView): ProjectProgress {
  return { ...progress, checks: [...progress.checks, check], lastActivityAt: check.at };
}

/** The current part ends (passed or moved on); the next appears, or the work is done. */
export function advance(
  progress: ProjectProgress,
  partCount: number,
  how: 'passed' | 'moved_on',
  now: number,
): ProjectProgress {
  const outcomes = [...progress.outcomes, how];
  if (progress.revealed >= partCount) return { ...progress, outcomes, finishedAt: now, lastActivityAt: now };
  return { ...progress, outcomes, revealed: progress.revealed + 1, lastActivityAt: now };
}

export function finish(progress: ProjectProgress, now: number): ProjectProgress {
  return progress.finishedAt !== undefined ? progress : { ...progress, finishedAt: now };
}

export function partStatus(progress: ProjectProgress, index: number): 'current' | 'passed' | 'moved_on' {
  return progress.outcomes[index] ?? 'current';
}

/** What the bug-bash trigger rules read (debug-triggers.ts), at `now`. */
export function debugState(progress: ProjectProgress, codeChangedNow: boolean, now: number): DebugState {
  return {
    nowMs: now - progress.startedAt,
    runs: progress.runs,
    codeChangedNow,
    lastActivityMs: progress.lastActivityAt - progress.startedAt,
    asked: new Set(progress.asked),
    ...(progress.lastNudgeAt !== undefined ? { lastNudgeMs: progress.lastNudgeAt - progress.startedAt } : {}),
  };
}

export function markAsked(progress: ProjectProgress, trigger: DebugTrigger, now: number): ProjectProgress {
  if (trigger === 'nudge') return { ...progress, lastNudgeAt: now, lastActivityAt: now };
  return { ...progress, asked: [...progress.asked, trigger] };
}
