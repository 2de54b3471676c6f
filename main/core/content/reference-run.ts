/**
 * Runs a role's reference solutions against their own tests through the runner: one sandboxed
 * process for the whole pack (a fresh one only after a solution stops it), never in this process.
 */
import type { Role } from '../../../content/schema.js';
import { describeFailure, runCallSuites, type CallSuite } from '../runner/harness/call-tests.js';
import type { RunLimits, Sandbox } from '../runner/sandbox.js';
import { formatPath, type PathSegment } from './parse-pack.js';

export interface ReferenceProblem {
  questionId: string;
  path: PathSegment[];
  message: string;
}

export interface ReferenceReport {
  coding: number;
  /** Coding questions whose reference passes every test. */
  passing: number;
  failures: ReferenceProblem[];
  /** Set when the runner could not run anything here (sandbox unavailable, cancelled). */
  notRun?: string;
  durationMs: number;
  processes: number;
}

/** Generous for a pack's few dozen small tests; a solution that loops is stopped at this. */
export const REFERENCE_LIMITS: Partial<RunLimits> = { wallMs: 10_000, heapMb: 256 };

interface CodingQuestion {
  id: string;
  path: PathSegment[];
  suite: CallSuite;
}

function codingQuestions(role: Role): CodingQuestion[] {
  return role.rounds.flatMap((round, r) =>
    round.questions.flatMap((q, i) =>
      q.coding
        ? [
            {
              id: q.id,
              path: ['rounds', r, 'questions', i, 'coding'] as PathSegment[],
              suite: {
                source: q.coding.reference.javascript,
                functionName: q.coding.functionName,
                tests: q.coding.tests.map((t) => ({ args: t.args, expected: t.expected })),
                fileName: `${q.id}.js`,
              },
            },
          ]
        : [],
    ),
  );
}

export async function runReferences(
  sandbox: Sandbox,
  role: Role,
  options: { signal?: AbortSignal; limits?: Partial<RunLimits> } = {},
): Promise<ReferenceReport> {
  const questions = codingQuestions(role);
  const started = Date.now();
  if (questions.length === 0) return { coding: 0, passing: 0, failures: [], durationMs: 0, processes: 0 };
  const run = await runCallSuites(
    sandbox,
    questions.map((q) => q.suite),
    { limits: options.limits ?? REFERENCE_LIMITS, ...(options.signal ? { signal: options.signal } : {}) },
  );
  const base = { coding: questions.length, durationMs: Date.now() - started, processes: run.processes };
  if (run.sandbox.status === 'sandbox_unavailable' || run.sandbox.status === 'aborted') {
    return { ...base, passing: 0, failures: [], notRun: run.sandbox.message ?? run.sandbox.status };
  }
  const failures: ReferenceProblem[] = [];
  let passing = 0;
  questions.forEach((q, i) => {
    const result = run.suites[i];
    if (!result) return;
    if (result.loadError !== undefined) {
      failures.push({
        questionId: q.id,
        path: [...q.path, 'reference', 'javascript'],
        message: `reference does not run: ${result.loadError}`,
      });
      return;
    }
    const failed = result.results.filter((r) => !r.passed);
    for (const test of failed) {
      const message =
        test.error === 'not run'
          ? 'reference not run: an earlier test stopped the runner'
          : test.error !== undefined
            ? `reference failed: ${test.error}`
            : `reference ${describeFailure(test)}`;
      failures.push({ questionId: q.id, path: [...q.path, 'tests', test.index], message });
    }
    if (failed.length === 0 && result.results.length === q.suite.tests.length) passing++;
  });
  return { ...base, passing, failures };
}

export function failureText(problem: ReferenceProblem): string {
  return `${formatPath(problem.path)}: ${problem.message}`;
}
