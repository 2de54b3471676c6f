/**
 * Layer 2 of the runner (plan RUNNER.md): runs a candidate's code, or a pack's reference, against
 * language-neutral tests through the sandbox. JavaScript and TypeScript run in one sandboxed Node
 * process for all call and methods tests (TypeScript through Node's own type stripping, inside
 * the sandbox); a stdin → stdout test is its own process, because stdin is the program's. Python
 * runs in Pyodide inside the sandboxed process (see python-runner.ts).
 */
import type { Language } from '../../../../content/schema.js';
import type { RunTestsOutcome, TestCase } from '../../../contract/tests-wire.js';
import type { RunLimits, Sandbox, SandboxResult } from '../sandbox.js';
import type { PythonCode } from '../system-python/scope.js';
import type { SystemPython } from '../system-python/system-python.js';
import { DEFAULT_PYTHON_LIMITS, type PythonRunner, RESULTS_FILE, type PythonLimits } from './python-runner.js';
import { assemble, judge, parseRecords, runMessage, stoppedMessage, testName } from './results.js';
import { runtimeSource } from './runtime-files.js';

export interface RunTestsRequest {
  language: Language;
  /** The solution file's text. */
  source: string;
  functionName?: string;
  /** Class names the tests construct (and own tests import), for the CommonJS exports footer. */
  classNames?: string[];
  tests: TestCase[];
  /** 'own': run the candidate's own test file (node:test / unittest) instead of `tests`. */
  mode?: 'tests' | 'own';
  testSource?: string;
  limits?: Partial<PythonLimits>;
  signal?: AbortSignal;
  /**
   * Who wrote every line that runs besides the harness. Only 'candidate' code may run on the
   * system python3 (system-python/scope.ts); the default is the stricter 'pack'.
   */
  author?: 'candidate' | 'pack';
}

export interface RunnerEnv {
  sandbox: Sandbox;
  /** Null when Pyodide is not installed: Python runs report that instead of failing oddly. */
  python: PythonRunner | null;
  /** The system python3, when Settings may choose it (absent: always Pyodide). */
  systemPython?: SystemPython;
}

export const DEFAULT_JS_LIMITS: RunLimits = { wallMs: 5000, heapMb: 256, outputBytes: 1_000_000 };
/** What the code prints, kept per test; the stdout of a stdin → stdout program. */
export const STDOUT_CAP = 8192;
export const STDIO_CAP = 256 * 1024;
/** A test whose promise never settles fails after this, so the tests after it still run. */
export const TEST_TIMEOUT_MS = 3000;

const isEsm = (source: string) => /^\s*(export|import)\s/m.test(source);

/**
 * Plain scripts (`function f() {}`) export nothing; the harness needs their functions. The
 * footer adds each name that exists, in the shape Node's CommonJS lexer sees as named exports.
 */
export function withExports(source: string, names: readonly string[]): string {
  if (isEsm(source) || names.length === 0) return source;
  const lines = names
    .filter((n) => /^[A-Za-z_$][\w$]*$/.test(n))
    .map((n) => `if (typeof ${n} !== 'undefined') module.exports.${n} = ${n};`);
  return `${source}\n;if (typeof module === 'object') {\n${lines.join('\n')}\n}\n`;
}

export function exportNames(req: RunTestsRequest): string[] {
  const names = new Set<string>();
  if (req.functionName) names.add(req.functionName);
  for (const n of req.classNames ?? []) names.add(n);
  for (const t of req.tests) {
    if (t.kind === 'methods') names.add(t.className);
    if (t.kind === 'call' && t.functionName) names.add(t.functionName);
  }
  return [...names];
}

export async function runTests(env: RunnerEnv, req: RunTestsRequest): Promise<RunTestsOutcome> {
  if (req.language === 'python') return runPython(env, req);
  return runJavaScript(env.sandbox, req);
}

function jsFiles(req: RunTestsRequest) {
  const ts = req.language === 'typescript';
  return {
    solution: ts ? 'solution.ts' : 'solution.js',
    testFile: ts ? 'solution.test.ts' : 'solution.test.js',
    source: withExports(req.source, exportNames(req)),
  };
}

export async function runJavaScript(sandbox: Sandbox, req: RunTestsRequest): Promise<RunTestsOutcome> {
  const limits = { ...DEFAULT_JS_LIMITS, ...req.limits };
  const { solution, testFile, source } = jsFiles(req);
  const mode = req.mode ?? 'tests';
  const inProcess = mode === 'own' ? [] : req.tests.filter((t) => t.kind !== 'stdio');
  const stdio = mode === 'own' ? [] : req.tests.map((t, i) => ({ t, i })).filter(({ t }) => t.kind === 'stdio');

  const started = Date.now();
  let outcome: RunTestsOutcome | null = null;
  if (mode === 'own' || inProcess.length > 0 || stdio.length === 0) {
    const job = {
      mode,
      solution,
      testFile,
      functionName: req.functionName,
      tests: inProcess,
      results: RESULTS_FILE,
      stdoutCap: STDOUT_CAP,
      testTimeoutMs: Math.min(TEST_TIMEOUT_MS, Math.round(limits.wallMs * 0.6)),
      outputLimit: limits.outputBytes,
    };
    const files: Record<string, string> = {
      'js-harness.cjs': runtimeSource(sandbox.runtimeDir, 'js-harness.cjs'),
      'job.json': JSON.stringify(job),
      [solution]: source,
    };
    if (mode === 'own') files[testFile] = req.testSource ?? '';
    const result = await sandbox.run({
      files,
      entry: 'js-harness.cjs',
      limits,
      ...(req.signal ? { signal: req.signal } : {}),
      collect: [RESULTS_FILE],
    });
    outcome = assemble({
      tests: inProcess,
      ...(req.functionName ? { functionName: req.functionName } : {}),
      records: parseRecords(result.outputs?.[RESULTS_FILE]),
      sandbox: result,
      wallMs: limits.wallMs,
      mode,
    });
  }
  if (stdio.length === 0 && outcome) return outcome;

  // Put the in-process results back at their places among the stdio ones.
  const results = new Array<RunTestsOutcome['results'][number]>(req.tests.length);
  let k = 0;
  req.tests.forEach((t, i) => {
    if (t.kind !== 'stdio' && outcome) results[i] = { ...outcome.results[k++]!, index: i };
  });
  let worst: RunTestsOutcome | null = outcome && outcome.status !== 'ok' ? outcome : null;
  for (const { t, i } of stdio) {
    if (t.kind !== 'stdio') continue;
    if (outcome && (outcome.status === 'syntax_error' || outcome.status === 'aborted')) {
      results[i] = { index: i, name: testName(t), passed: false, expected: t.expected, error: 'not run', ms: 0 };
      continue;
    }
    const one = await runStdioJs(sandbox, req, t, i, limits);
    results[i] = one.result;
    if (one.outcome.status !== 'ok' && !worst) worst = one.outcome;
  }
  return {
    status: worst?.status ?? 'ok',
    ...(worst?.message ? { message: worst.message } : {}),
    ...(worst?.line ? { line: worst.line } : {}),
    results,
    stdout: outcome?.stdout ?? '',
    stderr: outcome?.stderr ?? '',
    durationMs: Date.now() - started,
  };
}

async function runStdioJs(
  sandbox: Sandbox,
  req: RunTestsRequest,
  test: Extract<TestCase, { kind: 'stdio' }>,
  index: number,
  limits: RunLimits,
): Promise<{ result: RunTestsOutcome['results'][number]; outcome: RunTestsOutcome }> {
  const { solution } = jsFiles(req);
  const job = { mode: 'stdio', solution, results: RESULTS_FILE };
  const t0 = Date.now();
  const result: SandboxResult = await sandbox.run({
    files: {
      'js-harness.cjs': runtimeSource(sandbox.runtimeDir, 'js-harness.cjs'),
      'job.json': JSON.stringify(job),
      [solution]: req.source,
    },
    entry: 'js-harness.cjs',
    stdin: test.stdin,
    limits: { ...limits, outputBytes: Math.min(limits.outputBytes, STDIO_CAP) },
    ...(req.signal ? { signal: req.signal } : {}),
    collect: [RESULTS_FILE],
  });
  const records = parseRecords(result.outputs?.[RESULTS_FILE]);
  const load = records.find((r) => r.type === 'load' && !r.ok);
  const name = testName(test);
  const ms = Date.now() - t0;
  const base = { stdout: '', stderr: result.stderr, durationMs: result.durationMs, results: [] };
  if (load) {
    const status = load.syntax ? 'syntax_error' : 'error';
    return {
      result: {
        index,
        name,
        passed: false,
        got: result.stdout,
        expected: test.expected,
        error: load.error ?? 'error',
        ms,
      },
      outcome: {
        ...base,
        status,
        message: runMessage(status, limits.wallMs, load.error) ?? '',
        loadError: load.error ?? 'load error',
        ...(load.line ? { line: load.line } : {}),
      },
    };
  }
  if (result.status !== 'ok') {
    const error =
      result.status === 'error'
        ? lastLines(result.stderr) || stoppedMessage(result, limits.wallMs)
        : stoppedMessage(result, limits.wallMs);
    const status = result.status === 'error' ? 'error' : result.status;
    return {
      result: { index, name, passed: false, got: result.stdout, expected: test.expected, error, ms },
      outcome: { ...base, status, message: runMessage(status, limits.wallMs, error) ?? error },
    };
  }
  return {
    result: judge(test, index, name, { type: 'test', stdout: result.stdout, ms }),
    outcome: { ...base, status: 'ok' },
  };
}

function lastLines(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .filter((l) => !/^\s+at /.test(l));
  return lines.slice(-3).join('\n');
}

function pythonCode(req: RunTestsRequest): PythonCode {
  if (req.author !== 'candidate') return 'pack_reference';
  return req.mode === 'own' ? 'coding_own_tests' : 'coding_solution';
}

/**
 * Gets ready for the candidate's Python (a coding workspace opened): a warm Pyodide process,
 * unless their code runs on the system python3, where one would only hold memory and a core.
 */
export async function warmCandidatePython(env: RunnerEnv): Promise<void> {
  const runtime = env.systemPython ? await env.systemPython.runtimeFor('coding_solution') : 'pyodide';
  if (runtime === 'pyodide') env.python?.prepare();
}

export async function runPython(env: RunnerEnv, req: RunTestsRequest): Promise<RunTestsOutcome> {
  const mode = req.mode ?? 'tests';
  const system = env.systemPython && (await env.systemPython.runtimeFor(pythonCode(req))) === 'system';
  const runner = system ? env.systemPython! : env.python;
  if (!runner) {
    return {
      status: 'sandbox_unavailable',
      message:
        'Python is not available: the Pyodide package is missing from this installation. Reinstall the app or use JavaScript.',
      results: [],
      stdout: '',
      stderr: '',
      durationMs: 0,
    };
  }
  const limits = { ...DEFAULT_PYTHON_LIMITS, ...req.limits };
  const run = await runner.run(
    {
      mode,
      source: req.source,
      ...(req.testSource !== undefined ? { testSource: req.testSource } : {}),
      ...(req.functionName ? { functionName: req.functionName } : {}),
      tests: mode === 'own' ? [] : req.tests,
      stdoutCap: req.tests.some((t) => t.kind === 'stdio') ? STDIO_CAP : STDOUT_CAP,
      outputLimit: limits.outputBytes,
    },
    limits,
    req.signal,
  );
  const outcome = assemble({
    tests: mode === 'own' ? [] : req.tests,
    ...(req.functionName ? { functionName: req.functionName } : {}),
    records: parseRecords(run.records),
    sandbox: run.sandbox,
    wallMs: limits.wallMs,
    mode,
  });
  return { ...outcome, durationMs: run.runMs };
}
