/**
 * A pack's reference solutions, run through the sandboxed runner: one process per pack, every
 * failure named with the test or code it concerns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../content/schema.js';
import { loadLibrary } from '../../../main/core/content/library.js';
import { failureText, runReferences } from '../../../main/core/content/reference-run.js';
import { createSandbox, type Sandbox } from '../../../main/core/runner/sandbox.js';
import { validRole } from '../../unit/core/content/fixtures/valid-pack.js';

let root: string;
let sandbox: Sandbox;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-refs-'));
  sandbox = createSandbox({ execPath: process.execPath, tempRoot: root });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const coding = (role: Role) => role.rounds[0]!.questions[0]!.coding!;

describe('runReferences', () => {
  it('passes the valid fixture', async () => {
    const report = await runReferences(sandbox, validRole());
    expect(report).toMatchObject({ coding: 1, passing: 1, failures: [], processes: 1 });
  });

  it('reports each test the reference fails, with got and expected', async () => {
    const role = validRole();
    coding(role).tests[1]!.expected = [4, true];
    coding(role).tests[2]!.expected = 'zero';
    const report = await runReferences(sandbox, role);
    expect(report.passing).toBe(0);
    expect(report.failures.map(failureText)).toEqual([
      'rounds[0].questions[0].coding.tests[1]: reference returned [4,false], expected [4,true]',
      'rounds[0].questions[0].coding.tests[2]: reference returned [0,true], expected "zero"',
    ]);
  });

  it('reports a reference that loops forever as a time-out, and one that defines no such function', async () => {
    const loops = validRole();
    coding(loops).reference.javascript = 'function sumPair(a, b) {\n  while (true) {}\n}';
    const report = await runReferences(sandbox, loops, { limits: { wallMs: 1500 } });
    expect(report.failures.map(failureText)).toEqual([
      'rounds[0].questions[0].coding.tests[0]: reference failed: Stopped after 1.5 s: the code did not finish (infinite loop?).',
      'rounds[0].questions[0].coding.tests[1]: reference not run: an earlier test stopped the runner',
      'rounds[0].questions[0].coding.tests[2]: reference not run: an earlier test stopped the runner',
    ]);
    const other = validRole();
    coding(other).reference.javascript = 'function other() { return 1; }';
    expect((await runReferences(sandbox, other)).failures.map(failureText)).toEqual([
      'rounds[0].questions[0].coding.reference.javascript: reference does not run: the code does not define a function named sumPair',
    ]);
  });

  it('says the references were not run when the sandbox is unavailable', async () => {
    const broken = createSandbox({ execPath: path.join(root, 'no-such-runtime'), tempRoot: root });
    const report = await runReferences(broken, validRole());
    expect(report.passing).toBe(0);
    expect(report.notRun).toMatch(/^The code was not run/);
  });
});

describe('bundled content', () => {
  it('every bundled reference solution passes its tests, in one process per pack', async () => {
    const contentDir = path.join(path.dirname(new URL(import.meta.url).pathname), '../../../content/roles');
    const lib = loadLibrary({ bundledDir: contentDir, userDir: path.join(root, 'none') });
    const reports = await Promise.all(lib.roles.map((r) => runReferences(sandbox, r.role)));
    expect(reports.flatMap((r) => r.failures.map(failureText))).toEqual([]);
    expect(reports.every((r) => r.passing === r.coding && r.processes <= 1)).toBe(true);
  });
});
