/**
 * Runs a workspace's own test suite (node:test or unittest files over a files map) through the
 * sandbox, once for all its tests, and turns what the driver recorded into per-test results
 * with workspace-relative stack traces. Layer 2 of RUNNER.md for bug-bash and integration rounds.
 */
import { TEST_FRAMEWORK, type WorkspaceLanguage } from '../../../../content/schema/workspace-exercise.js';
import type { SuiteRun, SuiteStatus, SuiteTestResult } from '../../../contract/suite-results.js';
import type { RunLimits, Sandbox } from '../sandbox.js';
import {
  DRIVER_DIR,
  NODE_DRIVER_FILE,
  NODE_TEST_DRIVER,
  RESULTS_FILE,
  SUITE_CONFIG_FILE,
  type SuiteConfig,
} from './node-test-driver.js';
import { pythonSuiteFiles, type PythonRuntime } from './python-suite.js';
import { cleanStack, failureLocation, relativizePaths } from './stack.js';
import { findSourceFiles } from './test-files.js';

export const DEFAULT_SUITE_LIMITS: RunLimits = { wallMs: 20_000, heapMb: 256, outputBytes: 256 * 1024 };
export const DEFAULT_TEST_TIMEOUT_MS = 10_000;
/** Added to a Python run's wall-clock limit: loading Pyodide takes seconds (more on a busy machine). */
export const PYTHON_LOAD_ALLOWANCE_MS = 40_000;

export interface RunSuiteRequest {
  sandbox: Sandbox;
  language: WorkspaceLanguage;
  /** The whole workspace as it should be on disk (hidden test files already laid over it). */
  files: Record<string, string>;
  /** Which test files to run (workspace-relative). */
  testFiles: string[];
  /** Environment variables the tests and the code under test see (e.g. the mock API's address). */
  env?: Record<string, string>;
  /** The mock API's port, the one place the code may connect to. */
  loopbackPort?: number;
  limits?: Partial<RunLimits>;
  testTimeoutMs?: number;
  /** How Python runs (Pyodide inside the sandbox); required for Python workspaces. */
  python?: PythonRuntime;
  signal?: AbortSignal;
}

interface DriverRecord {
  event: 'begin' | 'start' | 'result' | 'end';
  cwd?: string;
  file?: string;
  names?: string[];
  line?: number;
  passed?: boolean;
  skipped?: boolean;
  durationMs?: number;
  error?: string;
  stack?: string;
  loadError?: boolean;
  timedOut?: boolean;
  syntaxAt?: { file: string; line: number; message?: string };
}

export async function runSuite(req: RunSuiteRequest): Promise<SuiteRun> {
  if (req.testFiles.length === 0) {
    return emptyRun('error', noTestsMessage(req.language));
  }
  // The driver's folder is the runner's: a candidate's file of the same name never reaches the run.
  const workspace = Object.fromEntries(Object.entries(req.files).filter(([p]) => !p.startsWith(`${DRIVER_DIR}/`)));
  const config: SuiteConfig = {
    files: req.testFiles,
    sources: findSourceFiles(Object.keys(workspace)),
    env: req.env ?? {},
    testTimeoutMs: req.testTimeoutMs ?? DEFAULT_TEST_TIMEOUT_MS,
  };
  let entry: string;
  let driverFiles: Record<string, string>;
  let readPaths: string[] = [];
  if (TEST_FRAMEWORK[req.language] === 'unittest') {
    if (!req.python)
      return emptyRun('sandbox_unavailable', 'Python tests need the Python runtime, which is not set up.');
    config.pyodideDir = req.python.pyodideDir;
    ({ entry, files: driverFiles } = pythonSuiteFiles(config));
    readPaths = req.python.readPaths;
  } else {
    entry = NODE_DRIVER_FILE;
    driverFiles = { [NODE_DRIVER_FILE]: NODE_TEST_DRIVER };
  }

  const result = await req.sandbox.run({
    files: { ...workspace, ...driverFiles, [SUITE_CONFIG_FILE]: JSON.stringify(config) },
    entry,
    limits: withLoadAllowance(
      { ...DEFAULT_SUITE_LIMITS, ...req.limits },
      req.python !== undefined && readPaths.length > 0,
    ),
    readPaths,
    ...(req.loopbackPort !== undefined ? { loopbackPort: req.loopbackPort } : {}),
    ...(req.signal ? { signal: req.signal } : {}),
    collect: [RESULTS_FILE],
  });

  const records = parseRecords(result.outputs?.[RESULTS_FILE] ?? '');
  const cwd = records.find((r) => r.event === 'begin')?.cwd;
  const known = new Set(Object.keys(workspace));
  const tests = records.filter((r) => r.event === 'result').map((r) => toResult(r, cwd, known));
  const ended = records.some((r) => r.event === 'end');
  const unfinished = ended ? undefined : lastStarted(records, tests);
  const passed = tests.filter((t) => t.passed).length;
  const failed = tests.filter((t) => !t.passed).length;
  const base = {
    tests,
    passed,
    failed,
    stdout: cwd ? relativizePaths(result.stdout, cwd) : result.stdout,
    stderr: cwd ? relativizePaths(result.stderr, cwd) : result.stderr,
    durationMs: result.durationMs,
    ...(unfinished ? { unfinished } : {}),
  };

  if (result.status === 'ok' || result.status === 'error') {
    if (ended && tests.length === 0) return { ...base, status: 'error', message: noTestsMessage(req.language) };
    if (ended) return { ...base, status: failed > 0 ? 'failed' : 'passed' };
    return { ...base, status: 'error', message: crashMessage(result.stderr, unfinished, cwd) };
  }
  const during = unfinished ? ` It was running "${unfinished}".` : '';
  return {
    ...base,
    status: result.status as SuiteStatus,
    message: `${result.message ?? 'The run was stopped.'}${during}`,
  };
}

function withLoadAllowance(limits: RunLimits, python: boolean): RunLimits {
  return python ? { ...limits, wallMs: limits.wallMs + PYTHON_LOAD_ALLOWANCE_MS } : limits;
}

function emptyRun(status: SuiteStatus, message: string): SuiteRun {
  return { status, tests: [], passed: 0, failed: 0, stdout: '', stderr: '', durationMs: 0, message };
}

function noTestsMessage(language: WorkspaceLanguage): string {
  return TEST_FRAMEWORK[language] === 'unittest'
    ? 'No tests found: name test files test_*.py and put tests in unittest.TestCase classes.'
    : 'No tests found: name test files *.test.js (or put them in a test/ folder) and use node:test.';
}

function crashMessage(stderr: string, unfinished: string | undefined, cwd: string | undefined): string {
  const last = (cwd ? relativizePaths(stderr, cwd) : stderr).trim().split('\n').slice(-3).join(' ').trim();
  const during = unfinished ? ` while "${unfinished}" was running` : '';
  return `The test run ended early${during} (did something call process.exit or sys.exit?)${last ? `: ${last}` : '.'}`;
}

export function parseRecords(text: string): DriverRecord[] {
  const out: DriverRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as DriverRecord);
    } catch {
      // A half-written last line of a run killed mid-write: everything before it still counts.
    }
  }
  return out;
}

function toResult(r: DriverRecord, cwd: string | undefined, known: ReadonlySet<string>): SuiteTestResult {
  const file = r.file ?? '(unknown file)';
  const names = r.names && r.names.length > 0 ? r.names : ['(unnamed test)'];
  const stack = r.stack !== undefined && cwd ? cleanStack(r.stack, cwd) : r.stack;
  const at = r.syntaxAt
    ? { file: r.syntaxAt.file, line: r.syntaxAt.line }
    : stack !== undefined
      ? failureLocation(stack, known)
      : undefined;
  const error = r.syntaxAt?.message
    ? `${r.syntaxAt.message} (${r.syntaxAt.file}:${r.syntaxAt.line})`
    : r.error !== undefined && cwd
      ? relativizePaths(r.error, cwd)
      : r.error;
  return {
    id: [file, ...names].join(' > '),
    file,
    suites: names.slice(0, -1),
    name: names.at(-1)!,
    ...(r.line !== undefined ? { line: r.line } : {}),
    passed: r.passed === true,
    skipped: r.skipped === true,
    durationMs: Math.round(r.durationMs ?? 0),
    ...(error !== undefined && !r.passed ? { error } : {}),
    ...(stack !== undefined && !r.passed ? { stack } : {}),
    ...(at && !r.passed ? { at } : {}),
    ...(r.loadError ? { loadError: true } : {}),
    ...(r.timedOut ? { timedOut: true } : {}),
  };
}

function lastStarted(records: DriverRecord[], finished: SuiteTestResult[]): string | undefined {
  const done = new Set(finished.map((t) => t.id));
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.event !== 'start' || !r.file || !r.names) continue;
    const id = [r.file, ...r.names].join(' > ');
    if (!done.has(id)) return id;
  }
  return undefined;
}
