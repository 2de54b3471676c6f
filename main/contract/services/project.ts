/**
 * The project workspace of a bug-bash or integration question: a small repository the candidate
 * works in (files they can change, add and delete, autosaved), its own test suite run on demand,
 * the bug report or the spec's parts, the docs, and — for integration — the round's mock API and
 * each part's hidden runs with faults switched on. Hidden test files and the reference never
 * reach the UI; the judged feedback comes after the round.
 */
import { z } from 'zod';
import { workspacePathSchema, type WorkspaceLanguage } from '../../../content/schema/workspace-exercise.js';
import { method } from '../define.js';
import type { SuiteRun } from '../suite-results.js';
import type { HiddenRunOutcome, WorkspaceFeedback } from '../workspace-feedback.js';
import type { InterviewView } from './interview.js';

export type ProjectKind = 'bug_bash' | 'integration';

export interface ProjectDoc {
  title: string;
  /** Markdown. */
  body: string;
}

export interface ProjectPartView {
  index: number;
  id: string;
  title: string;
  /** Markdown. */
  statement: string;
  status: 'current' | 'passed' | 'moved_on';
}

/** One "Submit part": the part's hidden runs against fresh mock APIs with their faults. */
export interface PartCheckView {
  part: number;
  at: number;
  passed: boolean;
  runs: HiddenRunOutcome[];
}

export interface ProjectView {
  sessionId: string;
  questionId: string;
  kind: ProjectKind;
  language: WorkspaceLanguage;
  /** Every file of the workspace as it is now (the app's helper files included, read-only). */
  files: Record<string, string>;
  /** Files the app provides and runs as they are (the mock API's helpers): shown, never saved. */
  readOnly: string[];
  /** Paths that differ from the start (changed, added); `deleted` lists starting files removed. */
  changed: string[];
  deleted: string[];
  /** The bug report (bug bash) or the task's introduction (integration), Markdown. */
  brief: string;
  /** Integration: the parts revealed so far (the last one is current). Bug bash: none. */
  parts: ProjectPartView[];
  partCount: number;
  docs: ProjectDoc[];
  lastRun: SuiteRun | null;
  lastCheck: PartCheckView | null;
  /** Integration: where the round's mock API answers, while the round runs. */
  api: { baseUrl: string } | null;
  finished: boolean;
  savedAt: number | null;
}

export interface ProjectSnapshotView {
  id: number;
  questionId: string;
  at: number;
  reason: 'run' | 'check' | 'reset' | 'finish';
  passed: number | null;
  failed: number | null;
  files: Record<string, string>;
}

export interface ProjectFeedbackView {
  questionId: string;
  title: string;
  feedback: WorkspaceFeedback;
}

/** Past this, a workspace is refused (a pasted binary, a runaway generator). */
export const MAX_PROJECT_FILE_CHARS = 2 * 1024 * 1024;

const session = z.object({ sessionId: z.string().min(1).max(100) });
const fileOf = session.extend({ questionId: z.string().min(1).max(200), path: workspacePathSchema });

export const projectContract = {
  /** The workspace of the session's current question; null when it is not a bug bash or integration. */
  open: method(session).returns<ProjectView | null>(),
  /** Writes a file (a new path creates it). */
  saveFile: method(fileOf.extend({ text: z.string().max(MAX_PROJECT_FILE_CHARS) })).returns<{ savedAt: number }>(),
  deleteFile: method(fileOf).returns<ProjectView>(),
  /** Every file back to the start (tests run and checks made stay in the record). */
  reset: method(session).returns<ProjectView>(),
  /** The project's own test suite over the files as saved (integration: against the round's API). */
  runTests: method(session).returns<SuiteRun>(),
  /** Integration: the current part's hidden runs; the next part appears when they all pass. */
  submitPart: method(session).returns<{ check: PartCheckView; project: ProjectView; interview: InterviewView }>(),
  /** Integration: the next part without passing this one (recorded). */
  moveOn: method(session).returns<{ project: ProjectView; interview: InterviewView }>(),
  /** Done with the codebase: the interviewer moves on and the mock API stops. */
  finish: method(session).returns<InterviewView>(),
  snapshots: method(session).returns<ProjectSnapshotView[]>(),
  /** Judged after the round: hidden tests on the final files (and on each run's files for fix times). */
  feedback: method(session).returns<ProjectFeedbackView[]>(),
};

/** One line of a file's change: unchanged context, or added or removed. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
  /** Line number before (same, removed) and after (same, added). */
  oldLine: number | null;
  newLine: number | null;
}

/** A file that differs between two moments, with its changed lines and a few lines around them. */
export interface ProjectFileChange {
  path: string;
  status: 'added' | 'changed' | 'deleted';
  added: number;
  removed: number;
  /** Runs of nearby changed lines; empty when the file is too large to compare line by line. */
  hunks: DiffLine[][];
  /** Some lines were left out to keep the review small. */
  truncated: boolean;
}

/** One moment the project service kept the files (a test run, a part's check, a reset, the finish). */
export interface ProjectStepReview {
  id: number;
  at: number;
  reason: ProjectSnapshotView['reason'];
  passed: number | null;
  failed: number | null;
  /** What differs from the moment before (the starting files for the first); null when that is not known. */
  changes: ProjectFileChange[] | null;
}

/** A bug bash or integration question of a past session, for review and export. */
export interface ProjectReview {
  questionId: string;
  title: string;
  kind: ProjectKind;
  /** Null when the role pack that holds the codebase is not installed. */
  language: WorkspaceLanguage | null;
  startedAt: number;
  steps: ProjectStepReview[];
  /** The files at the end of the session. */
  files: Record<string, string>;
  /**
   * 'workspace': the starting files with every change laid over them (exact). 'last_step': the
   * role pack is not installed, so the starting files are unknown: the files as of the last step.
   */
  filesFrom: 'workspace' | 'last_step';
  /** Compared with the starting files (empty when they are not known). */
  changed: string[];
  added: string[];
  deleted: string[];
  /** The project's own test runs, and the last one's counts. */
  runs: number;
  lastRun: { passed: number; failed: number } | null;
}
