import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { referenceFiles } from '../../../main/core/runner/suites/patch.js';
import {
  readWorkspaceFolder,
  runWorkspaceFolder,
  summaryLine,
} from '../../../main/core/workspace-rounds/folder-run.js';
import { createTestSandbox } from '../../helpers/test-sandbox.js';
import {
  exerciseQuestion,
  tinyBugBash,
  tinyIntegration,
} from '../../unit/core/content/fixtures/workspace-exercises.js';

const runner = createTestSandbox();
afterAll(() => runner.dispose());
const ctx = { sandbox: runner.sandbox };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ir-folder-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('npm run exercise -- run QUESTION --folder DIR', () => {
  it('reads a folder as a workspace, leaving out tool folders and hidden files', () => {
    const dir = folder({ 'src/a.js': 'a', 'node_modules/x/index.js': 'x', '.git/HEAD': 'h', 'README.md': 'r' });
    expect(readWorkspaceFolder(dir)).toEqual({ 'src/a.js': 'a', 'README.md': 'r' });
  });

  it('judges a bug bash by its hidden tests and says which bugs are fixed', async () => {
    const spec = tinyBugBash();
    const question = exerciseQuestion('q', { bugBash: spec });
    const start = await runWorkspaceFolder(question, readWorkspaceFolder(folder(spec.files)), ctx);
    expect(summaryLine(start)).toBe('exercise: parts_passed=0/1 tests_passed=1/2');
    expect(start.records).toContainEqual({ bug: 'skips-first', fixed: false, file: 'src/total.js' });
    expect(start.records).toContainEqual(
      expect.objectContaining({
        name: 'test/_hidden/total.hidden.test.js > total > counts the first item',
        passed: false,
      }),
    );
    const fixed = referenceFiles(spec.files, spec.reference);
    const done = await runWorkspaceFolder(question, readWorkspaceFolder(folder(fixed)), ctx);
    expect(summaryLine(done)).toBe('exercise: parts_passed=1/1 tests_passed=2/2');
    expect(done.records).toContainEqual({ bug: 'skips-first', fixed: true, file: 'src/total.js' });
  });

  it('judges an integration exercise part by part, with each hidden run against the mock API', async () => {
    const spec = tinyIntegration();
    const question = exerciseQuestion('q', { integration: spec });
    const solved = readWorkspaceFolder(folder(referenceFiles(spec.files, spec.reference)));
    const report = await runWorkspaceFolder(question, solved, ctx, 1);
    expect(summaryLine(report)).toBe('exercise: parts_passed=1/1 tests_passed=2/2');
    expect(report.records.map((r) => r.run)).toEqual(['fetches every item', 'waits out a 429']);
    await expect(runWorkspaceFolder(question, solved, ctx, 2)).rejects.toThrow('part 2 does not exist (1 parts)');
  });
});
