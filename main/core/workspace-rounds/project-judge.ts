/**
 * Judges a finished bug-bash or integration workspace from its evidence: the hidden tests on the
 * starting and the final files, the snapshots taken at each test run (process facts, and the
 * time each bug was fixed by bisecting them), each reached part's hidden runs with faults on the
 * final files, and the practices found in the final code. Everything runs in the sandbox.
 */
import type { WorkspaceFiles } from '../../../content/schema/workspace-exercise.js';
import type { Question } from '../../../content/schema.js';
import type { WorkspaceFeedback } from '../../contract/workspace-feedback.js';
import { codeSignals } from './code-signals.js';
import { bugBashFeedback, integrationFeedback } from './feedback.js';
import { bugFixTimes } from './fix-times.js';
import { workspaceProcess, type TestRunSnapshot } from './process.js';
import type { ProjectProgress } from './project-progress.js';
import type { ProjectSnapshot } from './project-repository.js';
import { runBugBashHidden, runIntegrationHidden, type ExerciseRunContext, type HiddenRunResult } from './runs.js';

export async function judgeProject(
  question: Question,
  progress: ProjectProgress,
  final: WorkspaceFiles,
  snapshots: readonly ProjectSnapshot[],
  ctx: ExerciseRunContext,
): Promise<WorkspaceFeedback | null> {
  const since = (at: number) => Math.max(0, at - progress.startedAt);
  const testRuns: TestRunSnapshot[] = snapshots
    .filter((s) => s.reason === 'run' && s.run)
    .map((s) => ({ atMs: since(s.at), files: s.files, run: s.run! }));

  if (question.bugBash) {
    const spec = question.bugBash;
    const process = workspaceProcess(spec.language, spec.files, testRuns);
    const start = await runBugBashHidden(spec, spec.files, ctx);
    const end = await runBugBashHidden(spec, final, ctx);
    // The final files count as the last moment a fix can be seen, even without a run after it.
    const moments = [
      ...testRuns,
      { atMs: since(progress.finishedAt ?? progress.lastActivityAt), files: final, run: end },
    ];
    const fixTimes = await bugFixTimes(spec, moments, ctx, end);
    return bugBashFeedback(spec, start, end, process, fixTimes);
  }

  if (question.integration) {
    const spec = question.integration;
    const process = workspaceProcess(spec.language, spec.files, testRuns);
    const results: HiddenRunResult[][] = [];
    for (const [p, part] of spec.parts.entries()) {
      const runs: HiddenRunResult[] = [];
      if (p < progress.revealed) {
        for (const run of part.hidden) runs.push(await runIntegrationHidden(spec, run, final, ctx));
      }
      results.push(runs);
    }
    return integrationFeedback(spec, progress.revealed, results, codeSignals(spec.language, final), process);
  }
  return null;
}
