import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { toYaml, validRole } from './fixtures/valid-pack.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
let dir: string;

function check(...files: string[]): { code: number | null; lines: string[] } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'main/core/content/check-cli.ts', ...files], {
    cwd: repo,
    encoding: 'utf8',
  });
  return { code: run.status, lines: run.stdout.trim().split('\n') };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ir-check-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('content:check', () => {
  it('summarises a valid pack and exits 0', () => {
    const file = join(dir, 'good.yaml');
    writeFileSync(file, toYaml(validRole('check-good')));
    const { code, lines } = check(file);
    expect(lines).toEqual([
      expect.stringMatching(
        /good\.yaml: Test Engineer — 2 rounds, 2 questions \(coding: 1, references passed: 1\/1\)$/,
      ),
      // The fixture's question has a JavaScript reference only: run as JavaScript and as TypeScript.
      expect.stringMatching(
        /good\.yaml: references run: 2\/2 parts passed; questions proven: javascript 1\/1, typescript 1\/1, python 0\/1$/,
      ),
      '1 roles, 2 rounds, 2 questions, 0 errors',
    ]);
    expect(code).toBe(0);
  });

  it('prints every error with file:line and exits 1', () => {
    const role = validRole('check-bad');
    role.rounds[0]!.questions[0]!.coding!.tests[0]!.expected = 99;
    role.rounds[1]!.questionsPerSession = 3;
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, toYaml(role));
    const { code, lines } = check(file);
    expect(lines[0]).toMatch(
      /^\/.*\/bad\.yaml: Test Engineer — 2 rounds, 2 questions \(coding: 1, references passed: 0\/1\)$/,
    );
    expect(lines[1]).toMatch(/bad\.yaml: references run: 0\/2 parts passed; questions proven: javascript 0\/1/);
    // Structure first, then what running the reference in the sandbox found (once: the TypeScript
    // run of the same JavaScript reference fails the same way).
    expect(lines[2]).toMatch(/bad\.yaml:\d+ rounds\[1\]\.questionsPerSession: is 3 but the round has only 1 question$/);
    expect(lines[3]).toMatch(
      /bad\.yaml:\d+ rounds\[0\]\.questions\[0\]\.coding\.tests\[0\]: javascript reference returned \[3,true\], expected 99$/,
    );
    expect(lines.at(-1)).toBe('1 roles, 2 rounds, 2 questions, 2 errors');
    expect(code).toBe(1);
  });
});
