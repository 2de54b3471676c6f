/**
 * Feedback on a bug-bash or integration round, from evidence only: hidden test results, the
 * snapshots taken at each test run, the mock API's own counters, and what the code contains.
 * Every field says what was observed, never a grade; the root-cause explanation is judged with
 * the question's rubric like any other answer (rule coverage, or the LLM judge with quotes).
 */

/** How the candidate worked, from the snapshots taken at each test run. */
export interface WorkspaceProcess {
  /** Milliseconds from the start of the round to the first "Run tests". */
  firstTestRunMs?: number;
  testRuns: number;
  /** The first test run happened before any non-test file was changed. */
  ranTestsBeforeChangingCode: boolean;
  /** Time of the first test run whose code (non-test files) differed from the start. */
  firstCodeChangeSeenMs?: number;
  /** A test the candidate added or changed failed in a run before any code was changed. */
  wroteFailingTestFirst: boolean;
}

export interface HiddenTestOutcome {
  id: string;
  passed: boolean;
  error?: string;
}

export interface BugOutcome {
  id: string;
  /** What the bug was: shown only after the round. */
  summary: string;
  file: string;
  fixed: boolean;
  /** When its hidden tests first all passed, from the test-run snapshots (absent when unknown). */
  fixedAtMs?: number;
  tests: HiddenTestOutcome[];
}

export interface BugBashFeedback {
  kind: 'bug_bash';
  bugs: BugOutcome[];
  bugsFixed: number;
  hiddenPassed: number;
  hiddenTotal: number;
  /** Hidden tests that passed on the starting code and fail on the final code. */
  regressions: HiddenTestOutcome[];
  process: WorkspaceProcess;
}

/** Counters the mock API kept during a hidden run. */
export interface MockRunCounters {
  requests: number;
  rateLimited: number;
  earlyRetries: number;
  serverErrors: number;
  dropped: number;
  createdWithoutKey: number;
  replayed: number;
}

export interface HiddenRunOutcome {
  name: string;
  /** The faults switched on, in words ("connections dropped after writes (15%)"); empty for none. */
  faults: string[];
  passed: boolean;
  failures: HiddenTestOutcome[];
  /** Why the run did not finish, when it did not. */
  problem?: string;
  counters: MockRunCounters;
}

export interface PartOutcome {
  id: string;
  title: string;
  /** The part's statement was shown during the round. */
  reached: boolean;
  completed: boolean;
  runs: HiddenRunOutcome[];
}

/** A practice found (or not) in the final code, with the line that shows it. */
export interface CodeSignal {
  id: 'pagination' | 'idempotency_key' | 'retry_after' | 'backoff' | 'signature' | 'constant_time';
  label: string;
  found: boolean;
  evidence?: { file: string; line: number; text: string };
}

export interface IntegrationFeedback {
  kind: 'integration';
  parts: PartOutcome[];
  partsCompleted: number;
  /** Hidden runs with faults switched on that passed, out of all such runs. */
  faultRunsPassed: number;
  faultRuns: number;
  signals: CodeSignal[];
  process: WorkspaceProcess;
}

export type WorkspaceFeedback = BugBashFeedback | IntegrationFeedback;
