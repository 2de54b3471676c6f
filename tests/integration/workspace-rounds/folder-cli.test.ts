import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../../main/core/content/library.js';
import { referenceFiles } from '../../../main/core/runner/suites/patch.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-folder-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/core/exercise/exercise-cli.ts', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
  return { code: r.status, lines: r.stdout.trim().split('\n'), stderr: r.stderr };
}

function write(name: string, files: Record<string, string>): string {
  const root = path.join(dir, name);
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), text);
  }
  return root;
}

const library = loadLibrary({ bundledDir: path.join(repo, 'content', 'roles'), userDir: path.join(dir, 'none') });
const receipts = library.roles
  .flatMap((r) => r.role.rounds.flatMap((round) => round.questions))
  .find((q) => q.id === 'stripe-be-bugbash-receipts')!.bugBash!;

describe('npm run exercise -- run BUG_BASH --folder DIR', () => {
  it('judges the starting code: bugs not fixed, exit 1, the coding questions’ last line', () => {
    const { code, lines } = run('run', 'stripe-be-bugbash-receipts', '--folder', write('start', receipts.files));
    const bugs = lines.slice(0, -1).map((l) => JSON.parse(l) as { bug?: string; fixed?: boolean });
    expect(bugs.filter((b) => b.bug !== undefined).map((b) => b.fixed)).toEqual(receipts.bugs.map(() => false));
    expect(lines.at(-1)).toMatch(/^exercise: parts_passed=0\/1 tests_passed=\d+\/\d+$/);
    expect(code).toBe(1);
  });

  it('judges the reference fix: every hidden test passes, exit 0', () => {
    const files = referenceFiles(receipts.files, receipts.reference);
    const { code, lines } = run('run', 'stripe-be-bugbash-receipts', '--folder', write('fixed', files));
    const [, passed, total] = /tests_passed=(\d+)\/(\d+)$/.exec(lines.at(-1) ?? '') ?? [];
    expect(lines.at(-1)).toMatch(/^exercise: parts_passed=1\/1 /);
    expect(Number(passed)).toBe(Number(total));
    expect(code).toBe(0);
  });

  it('asks for a folder, in a sentence, when given --file', () => {
    const r = run('run', 'stripe-be-bugbash-receipts', '--lang', 'js', '--file', __filename);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a bug bash: give --folder DIR/);
  });
});
