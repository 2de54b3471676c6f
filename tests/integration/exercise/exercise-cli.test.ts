import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-exercise-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/core/exercise/exercise-cli.ts', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
  return { code: r.status, lines: r.stdout.trim().split('\n'), stderr: r.stderr };
}

describe('npm run exercise', () => {
  it('runs a solution against every part and ends with the summary line', () => {
    const file = path.join(dir, 'fee.js');
    // Right for part 1 (percentage only), wrong once a schedule object arrives in part 2.
    fs.writeFileSync(
      file,
      'function fee(amount, bps) {\n  const p = amount * bps;\n  return Math.floor(p / 10000) + (p % 10000 >= 5000 ? 1 : 0);\n}\n',
    );
    const { code, lines } = run('run', 'stripe-be-ex-fees', '--lang', 'js', '--file', file);
    const tests = lines.slice(0, -1).map((l) => JSON.parse(l) as { part: number; passed: boolean; hidden: boolean });
    expect(tests.filter((t) => t.part === 1).every((t) => t.passed)).toBe(true);
    expect(tests.some((t) => t.part === 2 && !t.passed)).toBe(true);
    expect(lines.at(-1)).toMatch(/^exercise: parts_passed=1\/3 tests_passed=\d+\/\d+$/);
    expect(code).toBe(1);
  });

  it('one part, all passing, exits 0', () => {
    const file = path.join(dir, 'fee1.js');
    fs.writeFileSync(
      file,
      'function fee(a, b) { const p = a * b, r = p % 10000; return (p - r) / 10000 + (r * 2 >= 10000 ? 1 : 0); }',
    );
    const { code, lines } = run('run', 'stripe-be-ex-fees', '--lang', 'ts', '--file', file, '--part', '1');
    expect(lines.at(-1)).toBe('exercise: parts_passed=1/1 tests_passed=6/6');
    expect(code).toBe(0);
  });

  it('bad usage exits 2 with a sentence', () => {
    const r = run('run', 'no-such-question', '--lang', 'js', '--file', __filename);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No question with id no-such-question/);
    expect(run('run', 'stripe-be-ex-fees', '--lang', 'rust', '--file', __filename).stderr).toMatch(
      /--lang must be js, ts or py/,
    );
  });
});
