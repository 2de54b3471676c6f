/**
 * Several solutions in one language, run in as few sandboxed processes as possible: content
 * checks run every reference of a pack this way (one Pyodide load instead of one per part).
 * Each suite's outcome is as if it had run alone. When a suite stops the process (an endless
 * loop, memory, output), that suite is reported with the sandbox's message and the suites after
 * it run again in a fresh process, so one bad reference never hides the others.
 */
import type { Language } from '../../../../content/schema.js';
import type { RunTestsOutcome, TestCase } from '../../../contract/tests-wire.js';
import type { SandboxResult } from '../sandbox.js';
import { DEFAULT_PYTHON_LIMITS, RESULTS_FILE, type PythonLimits } from './python-runner.js';
import { assemble, parseRecords, testName, type HarnessRecord } from './results.js';
import {
  DEFAULT_JS_LIMITS,
  exportNames,
  runJavaScript,
  runPython,
  STDIO_CAP,
  STDOUT_CAP,
  TEST_TIMEOUT_MS,
  withExports,
  type RunnerEnv,
} from './run-tests.js';
import { runtimeSource } from './runtime-files.js';

export interface BatchSuite {
  source: string;
  functionName?: string;
  classNames?: string[];
  tests: TestCase[];
}

export interface BatchResult {
  outcomes: RunTestsOutcome[];
  /** Sandboxed processes started: 1 unless a suite stopped one (JavaScript stdin tests add one each). */
  processes: number;
}

/** Time each suite after the first adds to a process's wall clock. */
const PER_SUITE_MS = 1000;
/** After this many stopped processes the remaining suites are reported as not run. */
const MAX_PROCESSES = 4;

interface ProcessRun {
  sandbox: SandboxResult;
  /** Records per suite of the slice that ran. */
  bySuite: HarnessRecord[][];
  wallMs: number;
}

/** A suite is over when its tests finished or its code did not load. */
const finished = (records: HarnessRecord[]) =>
  records.some((r) => r.type === 'done' || (r.type === 'load' && r.ok !== true));

function split(text: string | undefined, count: number): HarnessRecord[][] {
  const records = parseRecords(text);
  return Array.from({ length: count }, (_, k) => records.filter((r) => (r as { suite?: number }).suite === k));
}

async function pythonProcess(
  env: RunnerEnv,
  suites: BatchSuite[],
  limits: Partial<PythonLimits>,
  signal?: AbortSignal,
): Promise<ProcessRun> {
  const base = { ...DEFAULT_PYTHON_LIMITS, ...limits };
  const wallMs = base.wallMs + PER_SUITE_MS * (suites.length - 1);
  const run = await env.python!.run(
    {
      mode: 'tests',
      source: '',
      tests: [],
      stdoutCap: STDIO_CAP,
      outputLimit: base.outputBytes,
      suites: suites.map((s) => ({ source: s.source, functionName: s.functionName, tests: s.tests })),
    },
    { ...limits, wallMs },
    signal,
  );
  return { sandbox: run.sandbox, bySuite: split(run.records, suites.length), wallMs };
}

async function javaScriptProcess(
  env: RunnerEnv,
  language: Language,
  suites: BatchSuite[],
  limits: Partial<PythonLimits>,
  signal?: AbortSignal,
): Promise<ProcessRun> {
  const base = { ...DEFAULT_JS_LIMITS, ...limits };
  const wallMs = base.wallMs + PER_SUITE_MS * (suites.length - 1);
  const ext = language === 'typescript' ? 'ts' : 'js';
  const files: Record<string, string> = { 'js-harness.cjs': runtimeSource(env.sandbox.runtimeDir, 'js-harness.cjs') };
  const jobSuites = suites.map((s, k) => {
    const solution = `suite-${k}/solution.${ext}`;
    files[solution] = withExports(s.source, exportNames({ language, ...s }));
    return { solution, functionName: s.functionName, tests: s.tests.filter((t) => t.kind !== 'stdio') };
  });
  files['job.json'] = JSON.stringify({
    mode: 'tests',
    suites: jobSuites,
    results: RESULTS_FILE,
    stdoutCap: STDOUT_CAP,
    outputLimit: base.outputBytes,
    testTimeoutMs: TEST_TIMEOUT_MS,
  });
  const sandbox = await env.sandbox.run({
    files,
    entry: 'js-harness.cjs',
    limits: { wallMs, heapMb: base.heapMb, outputBytes: base.outputBytes },
    collect: [RESULTS_FILE],
    ...(signal ? { signal } : {}),
  });
  return { sandbox, bySuite: split(sandbox.outputs?.[RESULTS_FILE], suites.length), wallMs };
}

function notRun(suite: BatchSuite, why: string): RunTestsOutcome {
  return {
    status: 'error',
    message: why,
    loadError: why,
    results: suite.tests.map((t, index) => ({
      index,
      name: testName(t, suite.functionName),
      passed: false,
      expected: t.expected,
      error: why,
      ms: 0,
    })),
    stdout: '',
    stderr: '',
    durationMs: 0,
  };
}

/** JavaScript stdin → stdout tests need a process each: run them the ordinary way and merge. */
async function withStdio(
  env: RunnerEnv,
  language: Language,
  suite: BatchSuite,
  own: RunTestsOutcome,
  limits: Partial<PythonLimits>,
): Promise<{ outcome: RunTestsOutcome; processes: number }> {
  const stdioOnly = suite.tests.filter((t) => t.kind === 'stdio');
  if (language === 'python' || stdioOnly.length === 0 || own.loadError !== undefined) {
    return { outcome: own, processes: 0 };
  }
  const stdio = await runJavaScript(env.sandbox, { language, ...suite, tests: stdioOnly, limits });
  let a = 0;
  let b = 0;
  const results = suite.tests.map((t, index) => ({
    ...(t.kind === 'stdio' ? stdio.results[b++]! : own.results[a++]!),
    index,
  }));
  const worst = own.status !== 'ok' ? own : stdio;
  return {
    outcome: {
      ...own,
      status: worst.status,
      ...(worst.message ? { message: worst.message } : {}),
      ...(worst.loadError ? { loadError: worst.loadError } : {}),
      results,
    },
    processes: stdioOnly.length,
  };
}

export async function runBatch(
  env: RunnerEnv,
  language: Language,
  suites: BatchSuite[],
  options: { limits?: Partial<PythonLimits>; signal?: AbortSignal } = {},
): Promise<BatchResult> {
  const limits = options.limits ?? {};
  if (language === 'python' && !env.python) {
    const outcomes = await Promise.all(suites.map((s) => runPython(env, { language, ...s })));
    return { outcomes, processes: 0 };
  }
  const outcomes: RunTestsOutcome[] = [];
  let processes = 0;
  while (outcomes.length < suites.length) {
    const slice = suites.slice(outcomes.length);
    if (processes >= MAX_PROCESSES) {
      outcomes.push(...slice.map((s) => notRun(s, 'not run: the code before it kept stopping the runner')));
      break;
    }
    processes++;
    const run =
      language === 'python'
        ? await pythonProcess(env, slice, limits, options.signal)
        : await javaScriptProcess(env, language, slice, limits, options.signal);
    const whole = run.sandbox.status === 'sandbox_unavailable' || run.sandbox.status === 'aborted';
    for (const [i, suite] of slice.entries()) {
      const records = run.bySuite[i]!;
      const over = finished(records);
      // A suite that finished is judged on its own, whatever stopped the process later.
      const sandbox: SandboxResult = over && !whole ? { ...run.sandbox, status: 'ok' } : run.sandbox;
      const inProcess = language === 'python' ? suite.tests : suite.tests.filter((t) => t.kind !== 'stdio');
      const own = assemble({
        tests: inProcess,
        ...(suite.functionName ? { functionName: suite.functionName } : {}),
        records,
        sandbox,
        wallMs: run.wallMs,
        mode: 'tests',
      });
      const merged = await withStdio(env, language, suite, own, limits);
      processes += merged.processes;
      outcomes.push(merged.outcome);
      // The suite that was running when the process stopped takes the blame; the rest run again.
      if (!over) break;
    }
    if (whole) {
      const last = outcomes.at(-1)!;
      while (outcomes.length < suites.length) outcomes.push({ ...last, results: [] });
    }
  }
  return { outcomes, processes };
}
