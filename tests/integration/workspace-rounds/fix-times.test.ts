import { afterAll, describe, expect, it } from 'vitest';
import { referenceFiles } from '../../../main/core/runner/suites/patch.js';
import { bugFixTimes } from '../../../main/core/workspace-rounds/fix-times.js';
import { createTestSandbox } from '../../helpers/test-sandbox.js';
import { tinyBugBash } from '../../unit/core/content/fixtures/workspace-exercises.js';

const runner = createTestSandbox();
afterAll(() => runner.dispose());

const empty = { status: 'passed' as const, tests: [], passed: 0, failed: 0, stdout: '', stderr: '', durationMs: 0 };

describe('bugFixTimes', () => {
  it('finds the first test run at which a bug was fixed by bisecting the snapshots', async () => {
    const spec = tinyBugBash();
    const fixed = referenceFiles(spec.files, spec.reference);
    const runs: number[] = [];
    const { sandbox } = runner;
    const counting = { ...sandbox, run: (req: Parameters<typeof sandbox.run>[0]) => (runs.push(1), sandbox.run(req)) };
    const snapshots = [10, 20, 30, 40, 50, 60, 70].map((s, i) => ({
      atMs: s * 1000,
      files: i < 4 ? spec.files : fixed,
      run: empty,
    }));
    const times = await bugFixTimes(spec, snapshots, { sandbox: counting });
    expect([...times]).toEqual([['skips-first', 50_000]]);
    expect(runs.length).toBeLessThanOrEqual(4); // the last snapshot, then log2(7) steps
  });

  it('has no time for a bug never fixed', async () => {
    const spec = tinyBugBash();
    const times = await bugFixTimes(spec, [{ atMs: 1, files: spec.files, run: empty }], {
      sandbox: runner.sandbox,
    });
    expect(times.size).toBe(0);
  });
});
