/**
 * JavaScript `call` tests: functionName(...args) compared with `expected` after a JSON round-trip.
 * Several suites (e.g. every coding question of a role pack) share one sandbox process; when a
 * suite stops the process (endless loop, memory, output), the test that was running is reported
 * with the sandbox's message and the suites after it run in a fresh process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_LIMITS, type RunLimits, type Sandbox, type SandboxResult } from '../sandbox.js';
import type { TestResult } from './types.js';

export interface CallTest {
  name?: string;
  args: unknown[];
  expected: unknown;
}

export interface CallSuite {
  /** JavaScript source, evaluated as a classic script. */
  source: string;
  functionName: string;
  tests: CallTest[];
  /** Shown in stack traces and load errors; default suite-N.js. */
  fileName?: string;
}

export interface SuiteResult {
  /** The code did not load, or the process stopped while it loaded. */
  loadError?: string;
  results: TestResult[];
}

export interface CallSuitesResult {
  suites: SuiteResult[];
  /** The last process's sandbox result (status 'ok' when every suite ran to the end). */
  sandbox: SandboxResult;
  /** Processes started: 1 unless a suite stopped one. */
  processes: number;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** After this many stopped processes the remaining suites are reported as not run. */
const MAX_PROCESSES = 4;

const harnessSources = new Map<string, string>();
function harness(runtimeDir: string): string {
  let source = harnessSources.get(runtimeDir);
  if (source === undefined) {
    source = fs.readFileSync(path.join(runtimeDir, 'harness-call.cjs'), 'utf8');
    harnessSources.set(runtimeDir, source);
  }
  return source;
}

type HarnessEvent =
  | { s: number; loading: true }
  | { s: number; loaded: true }
  | { s: number; loadError: string }
  | { s: number; t: number; start: true }
  | { s: number; t: number; json?: string; undefined?: true; error?: string; ms: number; out?: string }
  | { done: true }
  | { uncaught: string };

function parseEvents(text: string | undefined): HarnessEvent[] {
  const events: HarnessEvent[] = [];
  for (const line of (text ?? '').split('\n')) {
    if (!line) continue;
    try {
      events.push(JSON.parse(line) as HarnessEvent);
    } catch {
      // A line cut off by a kill.
    }
  }
  return events;
}

function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function testName(test: CallTest, index: number): string {
  return test.name ?? `test ${index + 1}`;
}

/** JSON's view of a value: what the child could have sent back. */
function normalize(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function judge(test: CallTest, index: number, event: Extract<HarnessEvent, { ms: number }>): TestResult {
  const base = {
    index,
    name: testName(test, index),
    expected: test.expected,
    ms: Math.round(event.ms * 100) / 100,
    ...(event.out !== undefined ? { stdout: event.out } : {}),
  };
  if (event.error !== undefined) return { ...base, passed: false, error: event.error };
  const got = event.undefined ? undefined : (JSON.parse(event.json ?? 'null') as unknown);
  return { ...base, passed: isDeepStrictEqual(got, normalize(test.expected)), got };
}

function notRun(test: CallTest, index: number, why: string): TestResult {
  return { index, name: testName(test, index), passed: false, expected: test.expected, error: why, ms: 0 };
}

/** What went wrong when the process ended before the harness said it was done. */
function stopReason(result: SandboxResult): string {
  if (result.message && result.status !== 'error') return result.message;
  const lastLine = result.stderr.trim().split('\n').filter(Boolean).at(-1);
  return `The code ended the run early (${result.message ?? 'no reason given'}${lastLine ? `; ${lastLine.slice(0, 200)}` : ''}).`;
}

export async function runCallSuites(
  sandbox: Sandbox,
  suites: CallSuite[],
  options: { limits?: Partial<RunLimits>; signal?: AbortSignal } = {},
): Promise<CallSuitesResult> {
  for (const suite of suites) {
    if (!IDENTIFIER.test(suite.functionName)) throw new TypeError(`"${suite.functionName}" is not a function name`);
  }
  const out: SuiteResult[] = suites.map(() => ({ results: [] }));
  let next = 0;
  let processes = 0;
  let last: SandboxResult | undefined;
  while (next < suites.length) {
    if (processes >= MAX_PROCESSES) {
      for (let s = next; s < suites.length; s++) {
        out[s] = { loadError: 'not run: the code before it kept stopping the runner', results: [] };
      }
      break;
    }
    processes++;
    const batch = suites.slice(next);
    const files: Record<string, string> = {
      '.harness/harness.cjs': harness(sandbox.runtimeDir),
      '.harness/spec.json': JSON.stringify({
        maxOutputChars: options.limits?.outputBytes ?? DEFAULT_LIMITS.outputBytes,
        suites: batch.map((suite, i) => ({
          file: `src/${suite.fileName ?? `suite-${next + i + 1}.js`}`,
          functionName: suite.functionName,
          tests: suite.tests.map((t) => ({ args: t.args })),
        })),
      }),
    };
    batch.forEach((suite, i) => {
      files[`src/${suite.fileName ?? `suite-${next + i + 1}.js`}`] = suite.source;
    });
    last = await sandbox.run({
      files,
      entry: '.harness/harness.cjs',
      collect: ['.harness/results.jsonl'],
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const events = parseEvents(last.outputs?.['.harness/results.jsonl']);
    const reached = collect(batch, events, out, next);
    const finished = events.some((e) => 'done' in e);
    if (finished || last.status === 'sandbox_unavailable' || last.status === 'aborted' || reached === null) {
      if (!finished) markStopped(batch, out, next, reached?.suite ?? 0, reached?.test ?? null, last);
      break;
    }
    // The suite that was running when the process stopped takes the blame; the rest run again.
    markStopped(batch, out, next, reached.suite, reached.test, last);
    next += reached.suite + 1;
  }
  return { suites: out, sandbox: last ?? emptyResult(), processes };
}

/** Fills `out` from the events; returns where the process was when it stopped. */
function collect(
  batch: CallSuite[],
  events: HarnessEvent[],
  out: SuiteResult[],
  offset: number,
): { suite: number; test: number | null } | null {
  let at: { suite: number; test: number | null } | null = null;
  for (const event of events) {
    if (!('s' in event)) continue;
    const suite = batch[event.s];
    const target = out[offset + event.s];
    if (!suite || !target) continue;
    if ('loading' in event) at = { suite: event.s, test: null };
    else if ('loadError' in event) target.loadError = event.loadError;
    else if ('start' in event) at = { suite: event.s, test: event.t };
    else if ('ms' in event) {
      const test = suite.tests[event.t];
      if (test) target.results[event.t] = judge(test, event.t, event);
    }
  }
  return at;
}

function markStopped(
  batch: CallSuite[],
  out: SuiteResult[],
  offset: number,
  suiteIndex: number,
  testIndex: number | null,
  result: SandboxResult,
): void {
  const why = stopReason(result);
  batch.forEach((suite, s) => {
    const target = out[offset + s];
    if (!target || s < suiteIndex) return;
    if (s > suiteIndex) {
      if (target.results.length === 0 && !target.loadError) target.loadError = `not run: ${why}`;
      return;
    }
    if (testIndex === null && !target.loadError && target.results.length === 0) {
      target.loadError = why;
      return;
    }
    suite.tests.forEach((test, t) => {
      if (target.results[t]) return;
      target.results[t] =
        t === testIndex ? { ...notRun(test, t, why), ms: result.durationMs } : notRun(test, t, 'not run');
    });
  });
}

function emptyResult(): SandboxResult {
  return { status: 'ok', exitCode: 0, stdout: '', stderr: '', durationMs: 0 };
}

export function describeFailure(result: TestResult): string {
  if (result.error !== undefined) return result.error;
  return `returned ${show(result.got)}, expected ${show(result.expected)}`;
}
