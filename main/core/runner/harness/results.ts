/**
 * Turns what a harness wrote (one JSON line per event) and how its process ended into per-test
 * results. A run killed half-way still reports the tests that finished, names the test that was
 * running, and marks the rest as not run.
 */
import type { RunStatus, RunTestsOutcome, TestCase, TestResult } from '../../../contract/tests-wire.js';
import type { SandboxResult } from '../sandbox.js';
import { jsonEqual, outputEqual } from './compare.js';

export interface HarnessRecord {
  type: 'ready' | 'load' | 'start' | 'test' | 'own' | 'done' | 'crash';
  index?: number;
  ok?: boolean;
  syntax?: boolean;
  error?: string;
  line?: number;
  got?: unknown;
  ms?: number;
  stdout?: string;
  name?: string;
  passed?: boolean;
  nesting?: number;
}

export function parseRecords(text: string | undefined): HarnessRecord[] {
  const records: HarnessRecord[] = [];
  for (const line of (text ?? '').split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as HarnessRecord);
    } catch {
      // A line cut off by a kill: everything before it still counts.
    }
  }
  return records;
}

const short = (value: unknown, max = 60) => {
  const s = JSON.stringify(value) ?? 'undefined';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

export function testName(test: TestCase, functionName?: string): string {
  if (test.name) return test.name;
  if (test.kind === 'call')
    return `${test.functionName ?? functionName ?? 'f'}(${test.args.map((a) => short(a, 40)).join(', ')})`;
  if (test.kind === 'methods') {
    const calls = test.steps.slice(1).map(([m]) => m);
    return `${test.className}: ${calls.slice(0, 4).join(', ')}${calls.length > 4 ? ', …' : ''}`;
  }
  const first = test.stdin.split('\n')[0] ?? '';
  return `input: ${first.length > 40 ? `${first.slice(0, 39)}…` : first}`;
}

/** The sentence for the test that was running when the process was stopped. */
export function stoppedMessage(sandbox: SandboxResult, wallMs: number): string {
  switch (sandbox.status) {
    case 'timeout':
      return `did not finish within ${Math.round(wallMs / 100) / 10} s (an infinite loop, or a test that never returns?)`;
    case 'memory':
      return 'used more memory than allowed (a huge list or string, or unbounded recursion?)';
    case 'output_limit':
      return 'printed more output than allowed (a print inside a loop?)';
    case 'aborted':
      return 'stopped before it finished';
    default:
      return sandbox.message ?? `the process ended early (exit code ${sandbox.exitCode ?? 'none'})`;
  }
}

export function runMessage(status: RunStatus, wallMs: number, detail?: string): string | undefined {
  switch (status) {
    case 'timeout':
      return `Stopped after ${Math.round(wallMs / 100) / 10} s: the code did not finish. Look for an infinite loop or a call that never returns.`;
    case 'memory':
      return 'Stopped: the code used more memory than allowed. Look for a list or string that keeps growing.';
    case 'output_limit':
      return 'Stopped: the code printed more output than allowed. Remove prints inside loops.';
    case 'aborted':
      return 'The run was cancelled.';
    case 'syntax_error':
      return `Your code does not parse: ${detail ?? 'syntax error'}`;
    case 'error':
      return detail ? `Your code could not run: ${detail}` : undefined;
    default:
      return undefined;
  }
}

export function judge(test: TestCase, index: number, name: string, record: HarnessRecord): TestResult {
  const ms = Math.round((record.ms ?? 0) * 10) / 10;
  const stdout = record.stdout ? { stdout: record.stdout } : {};
  if (test.kind === 'stdio') {
    const got = record.stdout ?? '';
    if (record.error) return { index, name, passed: false, got, expected: test.expected, error: record.error, ms };
    return { index, name, passed: outputEqual(got, test.expected), got, expected: test.expected, ms };
  }
  if (record.error) {
    return {
      index,
      name,
      passed: false,
      ...(record.got !== undefined ? { got: record.got } : {}),
      expected: test.expected,
      error: record.error,
      ms,
      ...stdout,
    };
  }
  return {
    index,
    name,
    passed: jsonEqual(record.got, test.expected),
    got: record.got,
    expected: test.expected,
    ms,
    ...stdout,
  };
}

export function assemble(input: {
  tests: TestCase[];
  functionName?: string;
  records: HarnessRecord[];
  sandbox: SandboxResult;
  wallMs: number;
  /** 'own': results come from the language's test runner, not from `tests`. */
  mode: 'tests' | 'own';
}): RunTestsOutcome {
  const { tests, records, sandbox } = input;
  const base = { stdout: sandbox.stdout, stderr: sandbox.stderr, durationMs: sandbox.durationMs };
  if (sandbox.status === 'sandbox_unavailable') {
    return {
      ...base,
      status: 'sandbox_unavailable',
      message: sandbox.message ?? 'The code runner is not available.',
      results: [],
    };
  }
  const load = records.find((r) => r.type === 'load');
  const done = records.some((r) => r.type === 'done');
  const crash = records.find((r) => r.type === 'crash');
  const topOutput = [load?.stdout, records.find((r) => r.type === 'done')?.stdout].filter(Boolean).join('\n');
  const stdout = topOutput || base.stdout;

  if (load && !load.ok) {
    const status: RunStatus = load.syntax ? 'syntax_error' : 'error';
    const reason = 'not run: your file does not load';
    return {
      ...base,
      stdout,
      status,
      message: runMessage(status, input.wallMs, load.error) ?? load.error ?? 'load error',
      loadError: load.error ?? 'load error',
      ...(load.line ? { line: load.line } : {}),
      results:
        input.mode === 'own'
          ? []
          : tests.map((t, i) => ({
              index: i,
              name: testName(t, input.functionName),
              passed: false,
              expected: expectedOf(t),
              error: reason,
              ms: 0,
            })),
    };
  }

  let status: RunStatus =
    sandbox.status === 'ok' || sandbox.status === 'error' ? (done ? 'ok' : 'error') : sandbox.status;
  // Stopped before the code finished loading (a loop or a huge allocation at top level).
  const stoppedLoading = !load && !done && status !== 'ok' ? { loadError: stoppedMessage(sandbox, input.wallMs) } : {};
  // The run's outcome with its results; a run that did not end well says why.
  const finish = (results: TestResult[], detail: string | undefined) => ({
    ...base,
    stdout,
    status,
    ...(status !== 'ok' ? { message: runMessage(status, input.wallMs, detail) ?? detail } : {}),
    ...stoppedLoading,
    results,
  });
  if (input.mode === 'own') {
    const results: TestResult[] = records
      .filter((r) => r.type === 'own')
      .map((r, i) => ({
        index: i,
        name: r.name ?? `test ${i + 1}`,
        passed: r.passed === true,
        expected: null,
        ...(r.error ? { error: r.error } : {}),
        ms: Math.round((r.ms ?? 0) * 10) / 10,
      }));
    return finish(results, crash?.error ?? (!done ? stoppedMessage(sandbox, input.wallMs) : undefined));
  }

  const finished = new Map(records.filter((r) => r.type === 'test').map((r) => [r.index ?? -1, r]));
  const started = new Set(records.filter((r) => r.type === 'start').map((r) => r.index ?? -1));
  let running = -1;
  const results = tests.map((test, index): TestResult => {
    const name = testName(test, input.functionName);
    const record = finished.get(index);
    if (record) return judge(test, index, name, record);
    if (started.has(index) && running < 0) {
      running = index;
      return {
        index,
        name,
        passed: false,
        expected: expectedOf(test),
        error: stoppedMessage(sandbox, input.wallMs),
        ms: 0,
      };
    }
    const why = running >= 0 ? `not run: the run was stopped at test ${running + 1}` : 'not run';
    return { index, name, passed: false, expected: expectedOf(test), error: why, ms: 0 };
  });
  if (status === 'error' && !crash && !done) status = 'error';
  return finish(results, crash?.error ?? (status !== 'ok' ? stoppedMessage(sandbox, input.wallMs) : undefined));
}

export function expectedOf(test: TestCase): unknown {
  return test.expected;
}
