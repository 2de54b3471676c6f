/**
 * runTests: one run of a solution against its tests, in one sandbox process. This module picks
 * the harness for the language and kind of test; each harness lives next to it.
 * Today: JavaScript `call` tests (pack references). TypeScript, Python, `methods` and `stdio`
 * harnesses plug in here (issue 14).
 */
import type { Sandbox } from '../sandbox.js';
import { runCallSuites } from './call-tests.js';
import type { RunTestsRequest, RunTestsResult, TestCase } from './types.js';

type CallCase = Extract<TestCase, { kind: 'call' }>;

export async function runTests(sandbox: Sandbox, request: RunTestsRequest): Promise<RunTestsResult> {
  const calls = request.tests.filter((t): t is CallCase => t.kind === 'call');
  if (request.language !== 'javascript' || calls.length !== request.tests.length || !request.functionName) {
    throw new TypeError(
      `no harness for ${request.language} ${[...new Set(request.tests.map((t) => t.kind))].join('/')} tests`,
    );
  }
  const source = request.files[request.entryFile];
  if (source === undefined) throw new TypeError(`entry file ${request.entryFile} is not in files`);
  const { suites, sandbox: result } = await runCallSuites(
    sandbox,
    [{ source, functionName: request.functionName, tests: calls, fileName: request.entryFile }],
    { ...(request.limits ? { limits: request.limits } : {}), ...(request.signal ? { signal: request.signal } : {}) },
  );
  const suite = suites[0] ?? { results: [] };
  const message = suite.loadError ?? result.message;
  return {
    status: result.status,
    ...(message ? { message } : {}),
    ...(suite.loadError ? { loadError: suite.loadError } : {}),
    results: suite.results,
    stdout: result.stdout,
    stderr: result.stderr,
    durationMs: result.durationMs,
  };
}
