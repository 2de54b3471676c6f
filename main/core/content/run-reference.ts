/**
 * Runs a coding question's JavaScript reference solution against its tests, so a pack can never
 * ship tests that its own answer fails. The code comes from pack files (possibly the user's), so
 * it runs in a bare vm context: no require, no process, and a time limit per call.
 */
import { isDeepStrictEqual } from 'node:util';
import vm from 'node:vm';
import type { CodingTest } from '../../../content/schema.js';

export const REFERENCE_TIMEOUT_MS = 1000;

export interface TestFailure {
  index: number;
  /** Human sentence: what came back (or what went wrong) against what was expected. */
  message: string;
}

export interface ReferenceReport {
  passed: number;
  total: number;
  failures: TestFailure[];
  /** The reference could not be run at all (syntax error, no such function, top-level timeout). */
  error?: string;
}

export function runReference(
  source: string,
  functionName: string,
  tests: readonly Pick<CodingTest, 'args' | 'expected'>[],
  timeoutMs = REFERENCE_TIMEOUT_MS,
): ReferenceReport {
  const total = tests.length;
  if (!/^[A-Za-z_$][\w$]*$/.test(functionName)) {
    return { passed: 0, total, failures: [], error: `"${functionName}" is not a valid function name` };
  }
  // A silent console so references that log while debugging still run. 'afterEvaluate' keeps
  // promise callbacks inside the time limit instead of running later on our own queue.
  const context = vm.createContext(
    { console: { log() {}, error() {}, warn() {}, info() {} } },
    { microtaskMode: 'afterEvaluate' },
  );
  try {
    new vm.Script(source, { filename: 'reference.js' }).runInContext(context, { timeout: timeoutMs });
  } catch (e) {
    return { passed: 0, total, failures: [], error: `reference does not run: ${errorText(e, timeoutMs)}` };
  }
  // `const f = ...` is not a global property, but a later script in the same context can see it.
  let kind: unknown;
  try {
    kind = vm.runInContext(`typeof ${functionName}`, context, { timeout: timeoutMs });
  } catch (e) {
    return { passed: 0, total, failures: [], error: `reference does not run: ${errorText(e, timeoutMs)}` };
  }
  if (kind !== 'function') {
    return { passed: 0, total, failures: [], error: `reference does not define a function named ${functionName}` };
  }

  const failures: TestFailure[] = [];
  let passed = 0;
  const call = new vm.Script(`${functionName}(...JSON.parse(__args))`, { filename: 'reference-call.js' });
  for (const [index, test] of tests.entries()) {
    // Args are JSON values (the schema says so); parsing them inside the context gives each call
    // its own copy in the context's realm, like structuredClone would.
    context.__args = JSON.stringify(test.args);
    let got: unknown;
    try {
      // structuredClone brings the result into this realm: objects from another realm never
      // deep-equal ours because their prototypes differ.
      got = structuredClone(call.runInContext(context, { timeout: timeoutMs }));
    } catch (e) {
      if (isTimeout(e)) {
        // The rest would most likely loop too, and each would cost a full time-out.
        const rest = total - index - 1;
        const note = rest > 0 ? `; the ${rest} later test${rest > 1 ? 's were' : ' was'} not run` : '';
        failures.push({ index, message: `reference failed: ${errorText(e, timeoutMs)}${note}` });
        break;
      }
      failures.push({ index, message: `reference failed: ${errorText(e, timeoutMs)}` });
      continue;
    }
    if (isDeepStrictEqual(got, test.expected)) passed++;
    else failures.push({ index, message: `reference returned ${show(got)}, expected ${show(test.expected)}` });
  }
  return { passed, total, failures };
}

function isTimeout(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

function errorText(e: unknown, timeoutMs: number): string {
  if (isTimeout(e)) return `timed out after ${timeoutMs} ms (infinite loop?)`;
  // Errors thrown inside the context are not instances of this realm's Error.
  const msg = (e as { message?: unknown } | null)?.message;
  const name = (e as { name?: unknown } | null)?.name;
  return typeof msg === 'string' ? `${typeof name === 'string' ? name : 'Error'}: ${msg}` : String(e);
}

function show(value: unknown): string {
  const s = value === undefined ? 'undefined' : JSON.stringify(value);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
