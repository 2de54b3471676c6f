/**
 * When each bug was fixed: the first test-run snapshot at which all of the bug's hidden tests
 * pass. Hidden tests are not run during the round (they stay hidden), so this runs them after it,
 * bisecting the snapshots per bug: a handful of runs even for a long session. It assumes a fix,
 * once made, stays; a bug fixed, broken and fixed again may report either fix.
 */
import type { BugBash } from '../../../content/schema/workspace-exercise.js';
import type { SuiteRun } from '../../contract/suite-results.js';
import type { TestRunSnapshot } from './process.js';
import { runBugBashHidden, type ExerciseRunContext } from './runs.js';

export async function bugFixTimes(
  spec: BugBash,
  snapshots: readonly TestRunSnapshot[],
  ctx: ExerciseRunContext,
  /** The hidden run of the final code, already made for the feedback. */
  final?: SuiteRun,
): Promise<Map<string, number>> {
  const ordered = [...snapshots].sort((a, b) => a.atMs - b.atMs);
  const memo = new Map<number, Promise<SuiteRun>>();
  const hiddenAt = (i: number) => {
    let run = memo.get(i);
    if (!run) {
      run = runBugBashHidden(spec, ordered[i]!.files, ctx);
      memo.set(i, run);
    }
    return run;
  };
  const fixedIn = (run: SuiteRun, tests: string[]) => {
    const passed = new Set(run.tests.filter((t) => t.passed).map((t) => t.id));
    return tests.every((id) => passed.has(id));
  };
  const out = new Map<string, number>();
  if (ordered.length === 0) return out;
  const last = ordered.length - 1;
  for (const bug of spec.bugs) {
    const lastRun = final ?? (await hiddenAt(last));
    if (!fixedIn(lastRun, bug.tests)) continue;
    // Invariant: fixed at `hi`; not known to be fixed before `lo`.
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (fixedIn(await hiddenAt(mid), bug.tests)) hi = mid;
      else lo = mid + 1;
    }
    out.set(bug.id, ordered[hi]!.atMs);
  }
  return out;
}
