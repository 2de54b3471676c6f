/**
 * What a workspace's test suite run reports (bug-bash and integration rounds, and
 * `npm run exercise -- run` on a folder): one record per test, with failures located at a
 * file:line of the workspace so the editor can jump there.
 */

/** A place in the workspace: a workspace-relative path and a 1-based line. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

export interface SuiteTestResult {
  /** "<file> > <suite> > <test name>": stable across runs, used by packs to name hidden tests. */
  id: string;
  /** Workspace-relative path of the test file. */
  file: string;
  /** The enclosing suites (describe blocks, TestCase classes), outermost first. */
  suites: string[];
  name: string;
  /** Where the test is declared. */
  line?: number;
  passed: boolean;
  skipped: boolean;
  durationMs: number;
  /** Why it failed: the assertion's or the error's message. */
  error?: string;
  /** The stack or traceback, with workspace-relative paths and the runner's own frames removed. */
  stack?: string;
  /** The first place in the workspace where the failure happened (the editor's link target). */
  at?: SourceLocation;
  /** The file did not load at all (syntax error, bad import); `at` points at the cause when known. */
  loadError?: boolean;
  timedOut?: boolean;
}

export type SuiteStatus =
  'passed' | 'failed' | 'error' | 'timeout' | 'memory' | 'output_limit' | 'aborted' | 'sandbox_unavailable';

export interface SuiteRun {
  /** passed: every test passed (at least one ran); failed: some test failed; the rest: the run itself did not finish. */
  status: SuiteStatus;
  tests: SuiteTestResult[];
  passed: number;
  failed: number;
  /** Id of the test that was running when the run was stopped. */
  unfinished?: string;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** A sentence a user can act on, when the run did not simply pass or fail. */
  message?: string;
}
