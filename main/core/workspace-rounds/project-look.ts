/**
 * What the interviewer sees of a project workspace in each turn, in the coding workspace's shape
 * (interviewer-look.ts): the part, the files changed since its last look as a line diff, and the
 * last test run's failures. Pure.
 */
import type { WorkspaceFiles } from '../../../content/schema/workspace-exercise.js';
import { SUPPORT_DIR } from '../mock-api/support-files.js';
import { lineDiff, type WorkspaceLook } from '../workspace/interviewer-look.js';
import type { ProjectProgress } from './project-progress.js';
import type { WorkspaceExercise } from './runs.js';

const MAX_FILES_SHOWN = 4;

/** Changed files since `before`, each as "file: path" and its line diff. */
export function filesDiff(before: WorkspaceFiles, after: WorkspaceFiles): string {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((p) => !p.startsWith(`${SUPPORT_DIR}/`) && before[p] !== after[p])
    .sort();
  const shown = paths.slice(0, MAX_FILES_SHOWN).map((p) => {
    if (!(p in after)) return `file ${p}: deleted`;
    return `file ${p}${p in before ? '' : ' (new)'}:\n${lineDiff(before[p] ?? '', after[p]!, 20)}`;
  });
  if (paths.length > MAX_FILES_SHOWN) shown.push(`… and ${paths.length - MAX_FILES_SHOWN} more files changed`);
  return shown.join('\n');
}

export function projectLook(
  exercise: WorkspaceExercise,
  progress: ProjectProgress,
  files: WorkspaceFiles,
): WorkspaceLook {
  const run = progress.lastRun;
  let lastResults = 'no tests run yet';
  if (run) {
    const failing = run.tests.filter((t) => !t.passed && !t.skipped).slice(0, 3);
    lastResults =
      run.status === 'passed' || run.status === 'failed'
        ? `${run.passed}/${run.passed + run.failed} of the project's tests passed` +
          (failing.length
            ? `; failing: ${failing.map((t) => `${t.id}${t.error ? ` (${t.error.slice(0, 160)})` : ''}`).join('; ')}`
            : '')
        : `the test run did not finish: ${run.message ?? run.status}`;
  }
  const integration = exercise.kind === 'integration' ? exercise.spec : null;
  const index = Math.max(0, progress.revealed - 1);
  return {
    part: index + 1,
    partTitle: integration ? (integration.parts[index]?.title ?? '') : 'Bug bash: find and fix the reported bugs',
    partsRevealed: progress.revealed,
    finished: progress.finishedAt !== undefined,
    diff: filesDiff(progress.seen ?? exercise.spec.files, files),
    lastResults,
    ownTests: 'the project has its own test suite (run with Run tests)',
  };
}
