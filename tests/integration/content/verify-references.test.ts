/**
 * A pack's reference solutions, proven through the sandboxed runner in every language they are
 * written in: one process per language for the whole pack, every failure named with the test or
 * code it concerns, and the languages each question is then offered in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../content/schema.js';
import { loadLibrary } from '../../../main/core/content/library.js';
import { failureText, verifyReferences } from '../../../main/core/content/verify-references.js';
import { exerciseSpec, languagesWithReferences } from '../../../main/core/exercise/spec.js';
import { createRunnerEnv, type Runner } from '../../../main/core/runner/harness/env.js';
import { createSandbox } from '../../../main/core/runner/sandbox.js';
import { validRole } from '../../unit/core/content/fixtures/valid-pack.js';

let root: string;
let runner: Runner;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-refs-'));
  runner = createRunnerEnv(createSandbox({ execPath: process.execPath, tempRoot: root }));
});
afterAll(async () => {
  await runner.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const coding = (role: Role) => role.rounds[0]!.questions[0]!.coding!;
const jsOnly = { languages: ['javascript'] as const };

describe('verifyReferences', () => {
  it('passes the valid fixture in JavaScript and TypeScript (its JavaScript reference run as TypeScript)', async () => {
    const report = await verifyReferences(runner, validRole(), { languages: ['javascript', 'typescript'] });
    expect(report).toMatchObject({ coding: 1, passing: 1, problems: [], runs: 2, passed: 2, processes: 2 });
    expect(report.proofs).toEqual([{ questionId: 'test-role-sum-pairs', languages: ['javascript', 'typescript'] }]);
  });

  it('proves Python only where the pack has a Python reference', async () => {
    const role = validRole();
    coding(role).reference.python = 'def sum_pair(a, b):\n    return [a + b, a <= b]\n';
    const report = await verifyReferences(runner, role, { languages: ['python'] });
    expect(report.proofs).toEqual([{ questionId: 'test-role-sum-pairs', languages: ['python'] }]);
    coding(role).reference.python = 'def sum_pair(a, b):\n    return [a - b, a <= b]\n';
    const wrong = await verifyReferences(runner, role, { languages: ['python'] });
    expect(wrong.proofs).toEqual([{ questionId: 'test-role-sum-pairs', languages: [] }]);
    expect(wrong.problems.map(failureText)[0]).toMatch(
      /^rounds\[0\]\.questions\[0\]\.coding\.tests\[\d\]: python reference returned \[-?\d+,(true|false)\], expected/,
    );
  });

  it('reports each test the reference fails, with got and expected', async () => {
    const role = validRole();
    coding(role).tests[1]!.expected = [4, true];
    coding(role).tests[2]!.expected = 'zero';
    const report = await verifyReferences(runner, role, jsOnly);
    expect(report.passing).toBe(0);
    expect(report.proofs).toEqual([{ questionId: 'test-role-sum-pairs', languages: [] }]);
    expect(report.problems.map(failureText)).toEqual([
      'rounds[0].questions[0].coding.tests[1]: javascript reference returned [4,false], expected [4,true]',
      'rounds[0].questions[0].coding.tests[2]: javascript reference returned [0,true], expected "zero"',
    ]);
  });

  it('reports a reference that loops forever as a time-out, and one that defines no such function', async () => {
    const loops = validRole();
    coding(loops).reference.javascript = 'function sumPair(a, b) {\n  while (true) {}\n}';
    const report = await verifyReferences(runner, loops, { ...jsOnly, limits: { wallMs: 1500 } });
    expect(report.problems.map(failureText)).toEqual([
      'rounds[0].questions[0].coding.tests[0]: javascript reference failed: did not finish within 1.5 s (an infinite loop, or a test that never returns?)',
      'rounds[0].questions[0].coding.tests[1]: javascript reference not run: an earlier test stopped the runner',
      'rounds[0].questions[0].coding.tests[2]: javascript reference not run: an earlier test stopped the runner',
    ]);
    const other = validRole();
    coding(other).reference.javascript = 'function other() { return 1; }';
    const missing = await verifyReferences(runner, other, jsOnly);
    expect(missing.problems.map(failureText)).toEqual([
      'rounds[0].questions[0].coding.tests[0]: javascript reference failed: Error: no function named sumPair was found in your file',
      'rounds[0].questions[0].coding.tests[1]: javascript reference failed: Error: no function named sumPair was found in your file',
      'rounds[0].questions[0].coding.tests[2]: javascript reference failed: Error: no function named sumPair was found in your file',
    ]);
  });

  it('says the references were not run when the sandbox is unavailable', async () => {
    const broken = createRunnerEnv(createSandbox({ execPath: path.join(root, 'no-such-runtime'), tempRoot: root }));
    const report = await verifyReferences(broken, validRole(), jsOnly);
    expect(report.passing).toBe(0);
    expect(report.proofs).toEqual([]);
    expect(report.notRun).toMatch(/^The code was not run/);
    await broken.close();
  });
});

describe('bundled content', () => {
  it('every bundled reference solution passes its tests in every language it is written in', async () => {
    const contentDir = path.join(path.dirname(new URL(import.meta.url).pathname), '../../../content/roles');
    const lib = loadLibrary({ bundledDir: contentDir, userDir: path.join(root, 'none') });
    const reports = [];
    // One pack at a time: each starts a Pyodide process, and the machine may be small.
    for (const r of lib.roles) reports.push(await verifyReferences(runner, r.role));
    expect(reports.flatMap((r) => r.problems.map(failureText))).toEqual([]);
    expect(reports.every((r) => r.passing === r.coding && r.notRun === undefined)).toBe(true);
    expect(reports.flatMap((r) => Object.keys(r.unavailable))).toEqual([]);
    // What the app offers for bundled packs (every language with a reference, reference-checks.ts)
    // is exactly what was proven here.
    const proofs = reports.flatMap((r) => r.proofs);
    const offered = lib.roles.flatMap((r) =>
      r.role.rounds.flatMap((round) =>
        round.questions.flatMap((q) => {
          const spec = exerciseSpec(q);
          return spec ? [{ questionId: q.id, languages: languagesWithReferences(spec) }] : [];
        }),
      ),
    );
    expect(proofs).toEqual(offered);
    expect(offered.filter((p) => p.languages.includes('python')).length).toBeGreaterThan(10);
  }, 600_000);
});
