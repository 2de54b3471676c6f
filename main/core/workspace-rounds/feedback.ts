/**
 * Assembles the feedback of a bug-bash or integration round from the evidence gathered for it
 * (hidden runs of the start and of the final code, the process facts, code signals). Pure.
 */
import type { MockFaults } from '../../../content/schema/mock-api.js';
import type { BugBash, Integration } from '../../../content/schema/workspace-exercise.js';
import type { SuiteRun, SuiteTestResult } from '../../contract/suite-results.js';
import type {
  BugBashFeedback,
  CodeSignal,
  HiddenRunOutcome,
  HiddenTestOutcome,
  IntegrationFeedback,
  WorkspaceProcess,
} from '../../contract/workspace-feedback.js';
import type { HiddenRunResult } from './runs.js';

function outcome(test: SuiteTestResult): HiddenTestOutcome {
  return {
    id: test.id,
    passed: test.passed,
    ...(test.passed || test.error === undefined ? {} : { error: test.error }),
  };
}

export function bugBashFeedback(
  spec: BugBash,
  start: SuiteRun,
  final: SuiteRun,
  process: WorkspaceProcess,
  fixTimes: ReadonlyMap<string, number> = new Map(),
): BugBashFeedback {
  const finalById = new Map(final.tests.map((t) => [t.id, t]));
  const bugs = spec.bugs.map((bug) => {
    const tests = bug.tests.map((id) => {
      const t = finalById.get(id);
      return t ? outcome(t) : { id, passed: false, error: 'did not run' };
    });
    const fixed = tests.every((t) => t.passed);
    const at = fixTimes.get(bug.id);
    return {
      id: bug.id,
      summary: bug.summary,
      file: bug.file,
      fixed,
      ...(fixed && at !== undefined ? { fixedAtMs: at } : {}),
      tests,
    };
  });
  const passedAtStart = new Set(start.tests.filter((t) => t.passed).map((t) => t.id));
  const regressions = final.tests.filter((t) => !t.passed && passedAtStart.has(t.id)).map(outcome);
  return {
    kind: 'bug_bash',
    bugs,
    bugsFixed: bugs.filter((b) => b.fixed).length,
    hiddenPassed: final.tests.filter((t) => t.passed).length,
    hiddenTotal: final.tests.length,
    regressions,
    process,
  };
}

/** The faults of a hidden run, in words for the feedback. */
export function describeFaults(faults: MockFaults | undefined): string[] {
  if (!faults) return [];
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const out: string[] = [];
  if (faults.dropRate > 0)
    out.push(`connections dropped with no answer, after writes were applied (${pct(faults.dropRate)})`);
  if (faults.errorRate > 0) out.push(`500 errors (${pct(faults.errorRate)} of requests)`);
  if (faults.slowRate > 0 && faults.slowMs > 0) out.push(`slow answers (${pct(faults.slowRate)}, ${faults.slowMs} ms)`);
  if (faults.burst429) out.push(`a burst of ${faults.burst429.count} answers 429 with Retry-After`);
  if (faults.duplicateWebhooks > 0) out.push(`webhook events delivered twice (${pct(faults.duplicateWebhooks)})`);
  if (faults.reorderWebhooks) out.push('webhook events delivered out of order');
  return out;
}

export function hiddenRunOutcome(result: HiddenRunResult): HiddenRunOutcome {
  const { stats } = result.mock;
  return {
    name: result.name,
    faults: describeFaults(result.faults),
    passed: result.suite.status === 'passed',
    failures: result.suite.tests.filter((t) => !t.passed).map(outcome),
    ...(result.suite.status !== 'passed' && result.suite.status !== 'failed'
      ? { problem: result.suite.message ?? result.suite.status }
      : {}),
    counters: {
      requests: stats.requests,
      rateLimited: stats.rateLimited,
      earlyRetries: stats.earlyRetries,
      serverErrors: stats.serverErrors,
      dropped: stats.dropped,
      createdWithoutKey: stats.createdWithoutKey,
      replayed: stats.replayed,
    },
  };
}

/**
 * `results[p]` holds the hidden runs of part p (empty for parts not judged); `reached` is how
 * many parts' statements were shown.
 */
export function integrationFeedback(
  spec: Integration,
  reached: number,
  results: readonly (readonly HiddenRunResult[])[],
  signals: CodeSignal[],
  process: WorkspaceProcess,
): IntegrationFeedback {
  const parts = spec.parts.map((part, p) => {
    const runs = (results[p] ?? []).map(hiddenRunOutcome);
    return {
      id: part.id,
      title: part.title,
      reached: p < reached,
      completed: runs.length === part.hidden.length && runs.every((r) => r.passed),
      runs,
    };
  });
  const faultRuns = parts.flatMap((p) => p.runs).filter((r) => r.faults.length > 0);
  return {
    kind: 'integration',
    parts,
    partsCompleted: parts.filter((p) => p.completed).length,
    faultRunsPassed: faultRuns.filter((r) => r.passed).length,
    faultRuns: faultRuns.length,
    signals,
    process,
  };
}
