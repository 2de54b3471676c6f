/**
 * The workspace of a coding question: the candidate's files per language (autosaved like
 * drafts), the parts revealed so far, runs of visible tests, own tests and submits, snapshots
 * of every file at each run/submit/turn, and per-part feedback judged by tests.
 */
import { z } from 'zod';
import type { Language } from '../../../content/schema.js';
import { method } from '../define.js';
import type { RunTestsOutcome } from '../tests-wire.js';
import type { InterviewView } from './interview.js';

export const LANGUAGE_IDS = ['javascript', 'typescript', 'python'] as const;
export const WORKSPACE_FILES = ['solution', 'tests'] as const;
export type WorkspaceFile = (typeof WORKSPACE_FILES)[number];
export type RunKind = 'visible' | 'own' | 'submit';

/** A visible test as the candidate sees it; hidden tests are never described before they run. */
export interface VisibleTest {
  name: string;
  kind: 'call' | 'methods' | 'stdio';
  /** The call, the steps or the input, as text. */
  input: string;
  expected: string;
}

export interface PartView {
  index: number;
  title: string;
  statement: string;
  tests: VisibleTest[];
  hiddenCount: number;
  status: 'current' | 'passed' | 'moved_on';
  /** What the candidate writes: a function, a class, or a program reading standard input. */
  entry: { kind: 'function' | 'class' | 'program'; name?: string };
}

/** One test's result as shown: hidden tests keep their input and expected value to themselves. */
export interface ResultView {
  name: string;
  passed: boolean;
  hidden: boolean;
  /** The part the test belongs to, when it is an earlier part's test run again. */
  fromPart?: number;
  input?: string;
  expected?: string;
  got?: string;
  error?: string;
  ms: number;
  stdout?: string;
}

export interface RunView {
  kind: RunKind;
  part: number;
  language: Language;
  at: number;
  status: RunTestsOutcome['status'];
  message?: string;
  /** Line of a syntax error in the solution (1-based), for the editor. */
  line?: number;
  passed: number;
  total: number;
  results: ResultView[];
  /** Output outside any test (top-level prints, the test runner's report), capped. */
  stdout: string;
  durationMs: number;
}

export interface WorkspaceView {
  sessionId: string;
  questionId: string;
  /** Languages with a proven reference: the only ones offered. */
  languages: Language[];
  language: Language;
  /** This language's files (the other languages' files are kept too). */
  files: Record<WorkspaceFile, string>;
  parts: PartView[];
  current: number;
  /** Every part is done (passed or moved on) or the candidate finished the problem. */
  finished: boolean;
  lastRun: RunView | null;
  docs: string | null;
  savedAt: number | null;
}

export interface SnapshotView {
  id: number;
  questionId: string;
  at: number;
  reason: 'run' | 'own' | 'submit' | 'turn' | 'move_on' | 'finish';
  part: number;
  language: Language;
  files: Record<WorkspaceFile, string>;
  passed: number | null;
  total: number | null;
  status: string | null;
}

export interface PartFeedback {
  index: number;
  title: string;
  outcome: 'passed' | 'moved_on' | 'not_finished' | 'not_reached';
  /** From the part's appearance to its pass (or move on, or the end). */
  timeMs: number | null;
  hiddenPassed: number | null;
  hiddenTotal: number;
  runs: number;
  submits: number;
  /** Time from the part's appearance to its first run. */
  firstRunAfterMs: number | null;
}

export interface ExerciseFeedback {
  questionId: string;
  language: Language;
  parts: PartFeedback[];
  partsPassed: number;
  ownTests: { written: boolean; runs: number; names: string[]; passing: number };
  /** Sentences from the candidate's answers that talk about complexity (quoted, not judged). */
  complexityMentions: string[];
  notes: string[];
}

const session = z.object({ sessionId: z.string().min(1).max(100) });
export const MAX_FILE_CHARS = 200_000;

export const workspaceContract = {
  /** The workspace of the session's current question; null when it asks for no code. */
  open: method(session).returns<WorkspaceView | null>(),
  saveFile: method(
    session.extend({
      questionId: z.string().min(1).max(200),
      language: z.enum(LANGUAGE_IDS),
      file: z.enum(WORKSPACE_FILES),
      text: z.string().max(MAX_FILE_CHARS),
    }),
  ).returns<{ savedAt: number }>(),
  setLanguage: method(session.extend({ language: z.enum(LANGUAGE_IDS) })).returns<WorkspaceView>(),
  /** Runs the current part's visible tests ('visible') or the candidate's own test file ('own'). */
  run: method(session.extend({ kind: z.enum(['visible', 'own']) })).returns<RunView>(),
  /** Runs the part's hidden tests (and earlier parts'); the next part appears when all pass. */
  submit: method(session).returns<{ run: RunView; workspace: WorkspaceView; interview: InterviewView }>(),
  /** Shows the next part without passing this one (recorded). */
  moveOn: method(session).returns<{ workspace: WorkspaceView; interview: InterviewView }>(),
  /** Done with the problem: the interviewer moves on. */
  finishProblem: method(session).returns<InterviewView>(),
  snapshots: method(session).returns<SnapshotView[]>(),
  feedback: method(session).returns<ExerciseFeedback[]>(),
};
