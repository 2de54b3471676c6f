/**
 * Language-neutral tests and their results, as the runner takes and returns them (plan RUNNER.md,
 * Layer 2) and as the workspace screen shows them. Values are compared after a JSON round-trip.
 */
export type TestCase =
  /** `functionName` names the function when it differs from the run's (an earlier part's tests). */
  | { kind: 'call'; name?: string; functionName?: string; args: unknown[]; expected: unknown }
  | { kind: 'methods'; name?: string; className: string; steps: [string, ...unknown[]][]; expected: unknown[] }
  | { kind: 'stdio'; name?: string; stdin: string; expected: string };

export interface TestResult {
  index: number;
  name: string;
  passed: boolean;
  got?: unknown;
  expected: unknown;
  /** What went wrong, as a sentence ("TypeError: x is undefined (line 4)"). */
  error?: string;
  ms: number;
  /** What the code printed during this test, capped. */
  stdout?: string;
}

/** How a whole run ended (the sandbox's status, plus what the harness found before any test ran). */
export type RunStatus =
  'ok' | 'error' | 'syntax_error' | 'timeout' | 'memory' | 'output_limit' | 'aborted' | 'sandbox_unavailable';

export interface RunTestsOutcome {
  status: RunStatus;
  /** A sentence a user can act on when the run did not end normally. */
  message?: string;
  /** Line of a syntax (or load) error in the candidate's file, 1-based, when known. */
  line?: number;
  /** The code did not load (syntax error, an error at top level, no such function): no test ran. */
  loadError?: string;
  results: TestResult[];
  /** Output of the run outside any test (top-level prints, the test runner's report), capped. */
  stdout: string;
  stderr: string;
  durationMs: number;
}
