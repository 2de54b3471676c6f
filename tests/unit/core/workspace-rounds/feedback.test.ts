import { describe, expect, it } from 'vitest';
import type { SuiteRun, SuiteTestResult } from '../../../../main/contract/suite-results.js';
import { NO_FAULTS } from '../../../../main/core/mock-api/handler.js';
import { codeSignals } from '../../../../main/core/workspace-rounds/code-signals.js';
import {
  bugBashFeedback,
  describeFaults,
  integrationFeedback,
} from '../../../../main/core/workspace-rounds/feedback.js';
import { workspaceProcess } from '../../../../main/core/workspace-rounds/process.js';
import { tinyBugBash, tinyIntegration } from '../content/fixtures/workspace-exercises.js';

function test(id: string, passed: boolean, file = id.split(' > ')[0]!): SuiteTestResult {
  const names = id.split(' > ').slice(1);
  return {
    id,
    file,
    suites: names.slice(0, -1),
    name: names.at(-1)!,
    passed,
    skipped: false,
    durationMs: 1,
    ...(passed ? {} : { error: 'AssertionError: nope' }),
  };
}

function run(tests: SuiteTestResult[]): SuiteRun {
  const failed = tests.filter((t) => !t.passed).length;
  return {
    status: failed ? 'failed' : 'passed',
    tests,
    passed: tests.length - failed,
    failed,
    stdout: '',
    stderr: '',
    durationMs: 5,
  };
}

const start = { 'src/total.js': 'v1', 'test/total.test.js': 't1' };

describe('workspace process facts', () => {
  it('sees tests run before the code changed, and a failing test written first', () => {
    const p = workspaceProcess('javascript', start, [
      { atMs: 9000, files: { ...start, 'src/total.js': 'v2', 'test/mine.test.js': 'm' }, run: run([]) },
      { atMs: 2000, files: start, run: run([test('test/total.test.js > adds', false)]) },
      {
        atMs: 5000,
        files: { ...start, 'test/mine.test.js': 'm' },
        run: run([test('test/mine.test.js > first item', false)]),
      },
    ]);
    expect(p).toEqual({
      firstTestRunMs: 2000,
      testRuns: 3,
      ranTestsBeforeChangingCode: true,
      firstCodeChangeSeenMs: 9000,
      wroteFailingTestFirst: true,
    });
  });

  it('says so when the code changed before any test ran, and ignores the provided helpers', () => {
    const p = workspaceProcess('javascript', start, [
      { atMs: 3000, files: { ...start, 'src/total.js': 'v2', '_support/webhooks.mjs': 'x' }, run: run([]) },
    ]);
    expect(p).toMatchObject({
      ranTestsBeforeChangingCode: false,
      wroteFailingTestFirst: false,
      firstCodeChangeSeenMs: 3000,
    });
    expect(workspaceProcess('javascript', start, [])).toEqual({
      testRuns: 0,
      ranTestsBeforeChangingCode: false,
      wroteFailingTestFirst: false,
    });
  });
});

describe('bug bash feedback', () => {
  const H = 'test/_hidden/total.hidden.test.js > total > ';
  it('reports bugs fixed with their times, hidden totals and regressions', () => {
    const spec = tinyBugBash();
    const startRun = run([test(`${H}counts the first item`, false), test(`${H}is zero for nothing`, true)]);
    const finalRun = run([test(`${H}counts the first item`, true), test(`${H}is zero for nothing`, false)]);
    const process = workspaceProcess('javascript', start, []);
    const fb = bugBashFeedback(spec, startRun, finalRun, process, new Map([['skips-first', 61_000]]));
    expect(fb).toMatchObject({ kind: 'bug_bash', bugsFixed: 1, hiddenPassed: 1, hiddenTotal: 2 });
    expect(fb.bugs).toEqual([
      {
        id: 'skips-first',
        summary: 'The loop started at index 1.',
        file: 'src/total.js',
        fixed: true,
        fixedAtMs: 61_000,
        tests: [{ id: `${H}counts the first item`, passed: true }],
      },
    ]);
    expect(fb.regressions).toEqual([{ id: `${H}is zero for nothing`, passed: false, error: 'AssertionError: nope' }]);
  });

  it('a bug whose tests did not run is not fixed', () => {
    const fb = bugBashFeedback(tinyBugBash(), run([]), run([]), workspaceProcess('javascript', start, []));
    expect(fb.bugs[0]).toMatchObject({ fixed: false, tests: [{ passed: false, error: 'did not run' }] });
  });
});

describe('integration feedback', () => {
  it('counts parts completed and fault runs passed, with the mock counters and the faults in words', () => {
    const spec = tinyIntegration();
    const counters = {
      requests: 4,
      byStatus: {},
      created: 0,
      createdWithoutKey: 0,
      replayed: 0,
      idempotencyConflicts: 0,
      rateLimited: 1,
      earlyRetries: 0,
      dropped: 0,
      serverErrors: 0,
      slow: 0,
    };
    const mock = {
      resources: {},
      stats: counters,
      webhooks: { pending: 0, delivered: 0, accepted: 0, rejected: 0, gaveUp: 0, duplicatesSent: 0 },
    };
    const faults = { ...NO_FAULTS, burst429: { after: 0, count: 1 } };
    const fb = integrationFeedback(
      spec,
      1,
      [
        [
          { name: 'fetches every item', suite: run([test('t.test.js > a', true)]), mock },
          { name: 'waits out a 429', faults, suite: run([test('t.test.js > a', false)]), mock },
        ],
      ],
      [],
      workspaceProcess('javascript', start, []),
    );
    expect(fb).toMatchObject({ partsCompleted: 0, faultRuns: 1, faultRunsPassed: 0 });
    expect(fb.parts[0]).toMatchObject({ id: 'fetch', reached: true, completed: false });
    expect(fb.parts[0]!.runs[1]).toMatchObject({
      faults: ['a burst of 1 answers 429 with Retry-After'],
      passed: false,
      counters: { requests: 4, rateLimited: 1, earlyRetries: 0 },
    });
  });

  it('describes every kind of fault', () => {
    expect(
      describeFaults({
        dropRate: 0.15,
        errorRate: 0.1,
        slowRate: 0.5,
        slowMs: 300,
        burst429: { after: 1, count: 3 },
        duplicateWebhooks: 1,
        reorderWebhooks: true,
      }),
    ).toEqual([
      'connections dropped with no answer, after writes were applied (15%)',
      '500 errors (10% of requests)',
      'slow answers (50%, 300 ms)',
      'a burst of 3 answers 429 with Retry-After',
      'webhook events delivered twice (100%)',
      'webhook events delivered out of order',
    ]);
  });
});

describe('code signals', () => {
  it('finds practices in code with the line as evidence, skipping comments, tests and helpers', () => {
    const files = {
      'src/client.js':
        "// TODO: idempotency key\nconst wait = Number(res.headers.get('retry-after'));\nheaders['Idempotency-Key'] = key;\n",
      'src/webhooks.js':
        "const mac = createHmac('sha256', secret);\nif (!timingSafeEqual(a, b)) throw new Error('bad');\n",
      'test/client.test.js': 'next_cursor',
      '_support/webhooks.mjs': 'next_cursor backoff',
    };
    const found = Object.fromEntries(codeSignals('javascript', files).map((s) => [s.id, s]));
    expect(found.idempotency_key).toMatchObject({ found: true, evidence: { file: 'src/client.js', line: 3 } });
    expect(found.retry_after).toMatchObject({ found: true, evidence: { line: 2 } });
    expect(found.signature!.found).toBe(true);
    expect(found.constant_time!.found).toBe(true);
    expect(found.pagination!.found).toBe(false);
    expect(found.backoff!.found).toBe(false);
  });

  it('reads Python too', () => {
    const files = {
      'billing/events.py': 'ok = hmac.compare_digest(expected, given)\n',
      'billing/client.py': 'await asyncio.sleep(0.1 * 2 ** attempt)\n',
    };
    const found = Object.fromEntries(codeSignals('python', files).map((s) => [s.id, s.found]));
    expect(found).toMatchObject({ constant_time: true, backoff: true, signature: false });
  });
});
