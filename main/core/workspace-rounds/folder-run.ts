/**
 * `npm run exercise -- run QUESTION_ID --folder DIR`: a folder of files (the candidate's
 * workspace, or a reference written outside the app) judged the way the round judges it — a
 * bug bash by its hidden tests, an integration exercise by each part's hidden runs against a
 * fresh mock API with their faults. Produces one JSON-ready record per test and per bug, and the
 * same last line as coding questions: `exercise: parts_passed=X/Y tests_passed=A/B`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  MAX_WORKSPACE_FILE_BYTES,
  MAX_WORKSPACE_FILES,
  type WorkspaceFiles,
} from '../../../content/schema/workspace-exercise.js';
import type { Question } from '../../../content/schema.js';
import type { SuiteRun } from '../../contract/suite-results.js';
import { runBugBashHidden, runIntegrationHidden, type ExerciseRunContext } from './runs.js';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '__pycache__', '_support', '_rehearsal']);

/** The folder's text files as a workspace; folders of tools and caches are left out. */
export function readWorkspaceFolder(dir: string): WorkspaceFiles {
  const files: WorkspaceFiles = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const path = relative(dir, full).split(sep).join('/');
        if (statSync(full).size > MAX_WORKSPACE_FILE_BYTES) throw new Error(`${path} is over 2 MB`);
        files[path] = readFileSync(full, 'utf8');
        if (Object.keys(files).length > MAX_WORKSPACE_FILES) {
          throw new Error(`${dir} has more than ${MAX_WORKSPACE_FILES} files: is it the right folder?`);
        }
      }
    }
  };
  walk(dir);
  return files;
}

export interface FolderRunReport {
  /** One record per test (and per bug, for a bug bash), in order. */
  records: Record<string, unknown>[];
  partsPassed: number;
  parts: number;
  testsPassed: number;
  tests: number;
}

export function summaryLine(report: FolderRunReport): string {
  return `exercise: parts_passed=${report.partsPassed}/${report.parts} tests_passed=${report.testsPassed}/${report.tests}`;
}

/** `part` is 1-based (integration only); without it every part is judged. */
export async function runWorkspaceFolder(
  question: Question,
  files: WorkspaceFiles,
  ctx: ExerciseRunContext,
  part?: number,
): Promise<FolderRunReport> {
  const report: FolderRunReport = { records: [], partsPassed: 0, parts: 0, testsPassed: 0, tests: 0 };
  const addRun = (suite: SuiteRun, extra: Record<string, unknown>) => {
    if (suite.status !== 'passed' && suite.status !== 'failed') {
      report.records.push({ ...extra, status: suite.status, message: suite.message ?? '' });
    }
    for (const t of suite.tests) {
      report.tests++;
      if (t.passed) report.testsPassed++;
      report.records.push({
        ...extra,
        hidden: true,
        name: t.id,
        passed: t.passed,
        ...(t.error !== undefined ? { error: t.error } : {}),
        ...(t.at ? { at: `${t.at.file}:${t.at.line}` } : {}),
        ms: t.durationMs,
      });
    }
    return suite.status === 'passed';
  };

  if (question.bugBash) {
    const spec = question.bugBash;
    const suite = await runBugBashHidden(spec, files, ctx);
    report.parts = 1;
    if (addRun(suite, { part: 1 })) report.partsPassed = 1;
    const passed = new Map(suite.tests.map((t) => [t.id, t.passed]));
    for (const bug of spec.bugs) {
      report.records.push({ bug: bug.id, fixed: bug.tests.every((id) => passed.get(id) === true), file: bug.file });
    }
    return report;
  }
  if (!question.integration) throw new Error(`${question.id} is not a bug-bash or integration exercise`);
  const spec = question.integration;
  const indexes = part === undefined ? spec.parts.map((_, i) => i) : [part - 1];
  for (const index of indexes) {
    const p = spec.parts[index];
    if (!p) throw new Error(`part ${index + 1} does not exist (${spec.parts.length} parts)`);
    report.parts++;
    let all = true;
    for (const run of p.hidden) {
      const result = await runIntegrationHidden(spec, run, files, ctx);
      if (!addRun(result.suite, { part: index + 1, run: run.name })) all = false;
    }
    if (all) report.partsPassed++;
  }
  return report;
}
