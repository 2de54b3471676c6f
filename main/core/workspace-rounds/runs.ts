/**
 * The test runs of a bug-bash or integration exercise, shared by the round (the candidate's
 * "Run tests" and submit) and by content:check's proof: visible tests over the workspace,
 * the bug bash's hidden tests, and each integration hidden run against a fresh mock API with its
 * faults switched on. Everything runs through the sandboxed runner.
 */
import type { MockFaults } from '../../../content/schema/mock-api.js';
import type { BugBash, HiddenRun, Integration, WorkspaceFiles } from '../../../content/schema/workspace-exercise.js';
import type { SuiteRun } from '../../contract/suite-results.js';
import type { MockState } from '../mock-api/handler.js';
import { startMockApi, type RunningMockApi } from '../mock-api/server.js';
import { supportFiles } from '../mock-api/support-files.js';
import type { Sandbox } from '../runner/sandbox.js';
import type { PythonRuntime } from '../runner/suites/python-suite.js';
import { runSuite } from '../runner/suites/run-suite.js';
import { findTestFiles } from '../runner/suites/test-files.js';

export interface ExerciseRunContext {
  sandbox: Sandbox;
  python?: PythonRuntime;
  signal?: AbortSignal;
}

export type WorkspaceExercise = { kind: 'bug_bash'; spec: BugBash } | { kind: 'integration'; spec: Integration };

export interface HiddenRunResult {
  name: string;
  faults?: MockFaults;
  suite: SuiteRun;
  /** The mock API's records and counters when the run ended. */
  mock: MockState;
}

/** The candidate's files as a run sees them: the workspace helpers are always the app's own. */
export function runnableFiles(exercise: WorkspaceExercise, files: WorkspaceFiles): WorkspaceFiles {
  return exercise.kind === 'integration' ? { ...files, ...supportFiles(exercise.spec.language) } : { ...files };
}

/**
 * "Run tests": every test file of the workspace. An integration run talks to `mock` (the
 * round's API, which keeps its state between runs) or, without one, to a fresh API.
 */
export async function runVisibleTests(
  exercise: WorkspaceExercise,
  files: WorkspaceFiles,
  ctx: ExerciseRunContext,
  mock?: RunningMockApi,
): Promise<SuiteRun> {
  const { language } = exercise.spec;
  const workspace = runnableFiles(exercise, files);
  const testFiles = findTestFiles(language, Object.keys(workspace));
  if (exercise.kind === 'bug_bash') return runSuite({ ...ctx, language, files: workspace, testFiles });
  const api = mock ?? (await startMockApi(exercise.spec.api));
  try {
    return await runSuite({ ...ctx, language, files: workspace, testFiles, env: api.env, loopbackPort: api.port });
  } finally {
    if (!mock) await api.stop();
  }
}

/** A bug bash's hidden tests, laid over the candidate's files. */
export async function runBugBashHidden(
  spec: BugBash,
  files: WorkspaceFiles,
  ctx: ExerciseRunContext,
): Promise<SuiteRun> {
  const testFiles = findTestFiles(spec.language, Object.keys(spec.hidden));
  return runSuite({ ...ctx, language: spec.language, files: { ...files, ...spec.hidden }, testFiles });
}

/** One hidden run of an integration part, against a fresh mock API with the run's faults. */
export async function runIntegrationHidden(
  spec: Integration,
  run: HiddenRun,
  files: WorkspaceFiles,
  ctx: ExerciseRunContext,
): Promise<HiddenRunResult> {
  const mock = await startMockApi(spec.api, run.faults ? { faults: run.faults } : {});
  try {
    const suite = await runSuite({
      ...ctx,
      language: spec.language,
      files: { ...files, ...supportFiles(spec.language), ...spec.hidden },
      testFiles: run.files,
      env: mock.env,
      loopbackPort: mock.port,
    });
    return { name: run.name, ...(run.faults ? { faults: run.faults } : {}), suite, mock: mock.state() };
  } finally {
    await mock.stop();
  }
}
