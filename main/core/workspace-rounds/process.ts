/**
 * How the candidate worked in a workspace round, read from the snapshot taken at each test run:
 * when tests first ran, whether they ran before the code changed, and whether a test the
 * candidate wrote failed before any fix (reproduce first, then change the code).
 */
import type { WorkspaceFiles, WorkspaceLanguage } from '../../../content/schema/workspace-exercise.js';
import type { SuiteRun } from '../../contract/suite-results.js';
import type { WorkspaceProcess } from '../../contract/workspace-feedback.js';
import { SUPPORT_DIR } from '../mock-api/support-files.js';
import { DRIVER_DIR } from '../runner/suites/node-test-driver.js';
import { isTestFile } from '../runner/suites/test-files.js';

export interface TestRunSnapshot {
  /** Milliseconds since the round started. */
  atMs: number;
  files: WorkspaceFiles;
  run: SuiteRun;
}

function isOwnFile(path: string): boolean {
  return !path.startsWith(`${SUPPORT_DIR}/`) && !path.startsWith(`${DRIVER_DIR}/`);
}

/** Non-test files that differ from the start (added, changed or deleted). */
export function changedCode(language: WorkspaceLanguage, start: WorkspaceFiles, now: WorkspaceFiles): string[] {
  const paths = new Set([...Object.keys(start), ...Object.keys(now)]);
  return [...paths].filter((p) => isOwnFile(p) && !isTestFile(language, p) && start[p] !== now[p]).sort();
}

/** Test files added or changed since the start. */
export function changedTests(language: WorkspaceLanguage, start: WorkspaceFiles, now: WorkspaceFiles): string[] {
  return Object.keys(now)
    .filter((p) => isOwnFile(p) && isTestFile(language, p) && start[p] !== now[p])
    .sort();
}

export function workspaceProcess(
  language: WorkspaceLanguage,
  start: WorkspaceFiles,
  runs: readonly TestRunSnapshot[],
): WorkspaceProcess {
  const ordered = [...runs].sort((a, b) => a.atMs - b.atMs);
  const first = ordered[0];
  const firstChanged = ordered.find((r) => changedCode(language, start, r.files).length > 0);
  const wroteFailingTestFirst = ordered.some((r) => {
    if (changedCode(language, start, r.files).length > 0) return false;
    const mine = new Set(changedTests(language, start, r.files));
    return r.run.tests.some((t) => !t.passed && mine.has(t.file));
  });
  return {
    ...(first ? { firstTestRunMs: first.atMs } : {}),
    testRuns: ordered.length,
    ranTestsBeforeChangingCode: first !== undefined && changedCode(language, start, first.files).length === 0,
    ...(firstChanged ? { firstCodeChangeSeenMs: firstChanged.atMs } : {}),
    wroteFailingTestFirst,
  };
}
