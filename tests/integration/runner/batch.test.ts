/**
 * Several solutions in one sandboxed process (how a pack's references are checked), with the
 * hostile reference solutions from the hardening issue: each is contained and reported per test
 * with a clear message; nothing is written outside the runner's temporary folder; a solution that
 * stops the process is blamed and the ones after it run in a fresh one; this process carries on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunTestsOutcome, TestCase, TestResult } from '../../../main/contract/tests-wire.js';
import { runBatch, type BatchSuite } from '../../../main/core/runner/harness/batch.js';
import { createRunnerEnv, type Runner } from '../../../main/core/runner/harness/env.js';
import { runTests } from '../../../main/core/runner/harness/run-tests.js';
import { createSandbox } from '../../../main/core/runner/sandbox.js';

let root: string;
let outside: string;
let runner: Runner;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-batch-'));
  outside = path.join(root, 'outside');
  fs.mkdirSync(outside);
  runner = createRunnerEnv(createSandbox({ execPath: process.execPath, tempRoot: path.join(root, 'runner') }));
});
afterAll(async () => {
  await runner.close();
  // Nothing any test ran wrote outside the runner's folder, and no workspace was left behind.
  expect(fs.readdirSync(outside)).toEqual([]);
  expect(fs.readdirSync(path.join(root, 'runner'))).toEqual([]);
  fs.rmSync(root, { recursive: true, force: true });
});

const addTests: TestCase[] = [
  { kind: 'call', args: [1, 2], expected: 3 },
  { kind: 'call', args: [2, 2], expected: 4 },
];
const suite = (source: string, tests: TestCase[] = addTests): BatchSuite => ({ source, functionName: 'add', tests });
const pwned = () => JSON.stringify(path.join(outside, 'pwned.txt'));
const describeResult = (r: TestResult) =>
  r.passed ? 'pass' : (r.error ?? `returned ${JSON.stringify(r.got)}, expected ${JSON.stringify(r.expected)}`);

async function one(source: string, wallMs = 2000): Promise<RunTestsOutcome & { messages: string[] }> {
  const { outcomes } = await runBatch(runner, 'javascript', [suite(source)], { limits: { wallMs } });
  const outcome = outcomes[0]!;
  return { ...outcome, messages: outcome.results.map(describeResult) };
}

describe('call tests, several solutions', () => {
  it('passes a correct solution and explains a wrong value', async () => {
    expect((await one('function add(a, b) { return a + b }')).messages).toEqual(['pass', 'pass']);
    expect((await one('function add(a, b) { return a * b }')).messages).toEqual(['returned 2, expected 3', 'pass']);
  });

  it('compares after a JSON round-trip and awaits a returned promise', async () => {
    const tests: TestCase[] = [{ kind: 'call', args: [[3, 1, 2]], expected: [1, 2, 3] }];
    const { outcomes } = await runBatch(runner, 'javascript', [
      suite('const add = async (xs) => [...xs].sort((a, b) => a - b)', tests),
    ]);
    expect(outcomes[0]!.results[0]).toMatchObject({ passed: true, got: [1, 2, 3] });
  });

  it('reports code that does not load, with its line, and a missing function', async () => {
    const broken = await one('function add(a, b) {\n  return a +\n}');
    expect(broken.status).toBe('syntax_error');
    expect(broken.loadError).toMatch(/^SyntaxError: .* \(line 3\)$/);
    expect((await one('function sum(a, b) { return a + b }')).messages).toEqual([
      'Error: no function named add was found in your file',
      'Error: no function named add was found in your file',
    ]);
  });

  it('keeps each solution in its own module within one process', async () => {
    const run = await runBatch(runner, 'javascript', [
      suite('const helper = (a, b) => a + b; function add(a, b) { return helper(a, b) }'),
      suite('const helper = (a, b) => a - b; function add(a, b) { return helper(a, b) + 2 * b }'),
    ]);
    expect(run.processes).toBe(1);
    expect(run.outcomes.map((o) => o.results.map((r) => r.passed))).toEqual([
      [true, true],
      [true, true],
    ]);
  });

  it('captures console output per test', async () => {
    const run = await one('function add(a, b) { console.log("adding", a, b); return a + b }');
    expect(run.results.map((r) => r.stdout)).toEqual(['adding 1 2\n', 'adding 2 2\n']);
  });

  it('runTests runs one solution against call tests (the workspace and the exercise CLI)', async () => {
    const result = await runTests(runner, {
      language: 'javascript',
      source: 'function add(a, b) { return a + b }',
      functionName: 'add',
      tests: addTests,
    });
    expect(result.status).toBe('ok');
    expect(result.results.map((r) => r.passed)).toEqual([true, true]);
  });
});

describe('hostile references are contained', () => {
  it('the two constructor.constructor escapes', async () => {
    for (const via of ['this.constructor.constructor', 'console.log.constructor']) {
      const run = await one(
        `function add(a, b) { ${via}('return process')().mainModule.require('fs').writeFileSync(${pwned()}, 'x'); return a + b }`,
      );
      expect(run.messages, via).toEqual([
        expect.stringMatching(/^EvalError: Code generation from strings disallowed for this context/),
        expect.stringMatching(/^EvalError: Code generation from strings disallowed for this context/),
      ]);
    }
  });

  it('writing outside the workspace and starting a program are refused by the permission model', async () => {
    const run = await one(
      `const fs = require('fs'); function add(a, b) { if (a === 1) fs.writeFileSync(${pwned()}, 'x'); else require('child_process').execSync('id'); return a + b }`,
    );
    expect(run.messages).toEqual([
      'PermissionError: writing files outside the exercise is not allowed in the practice runner (line 1)',
      'PermissionError: starting other programs is not allowed in the practice runner (line 1)',
    ]);
  });

  it('a timer scheduled by the pack never runs after the tests', async () => {
    const started = Date.now();
    const run = await one(
      `setTimeout(() => { while (true) {} }, 30000); setInterval(() => {}, 5); function add(a, b) { return a + b }`,
      20_000,
    );
    expect(run.messages).toEqual(['pass', 'pass']);
    expect(run.status).toBe('ok');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('while(true) at top level, inside a promise, and inside the function', async () => {
    const top = await one('while (true) {} function add() {}', 1500);
    expect(top.status).toBe('timeout');
    expect(top.loadError).toBe('did not finish within 1.5 s (an infinite loop, or a test that never returns?)');
    const promise = await one(
      'Promise.resolve().then(() => { while (true) {} }); function add(a, b) { return a + b }',
      1500,
    );
    expect(promise.status).toBe('timeout');
    const inside = await one('function add(a, b) { if (a === 2) while (true) {} return a + b }', 1500);
    expect(inside.messages).toEqual([
      'pass',
      'did not finish within 1.5 s (an infinite loop, or a test that never returns?)',
    ]);
  });

  it('a 1 GB allocation', async () => {
    const { outcomes } = await runBatch(
      runner,
      'javascript',
      [
        suite(
          'function add() { const keep = []; for (let i = 0; i < 16; i++) keep.push(new Array(8 * 1024 * 1024).fill(i)); return keep.length }',
        ),
      ],
      { limits: { heapMb: 64, wallMs: 60_000 } },
    );
    expect(outcomes[0]!.status).toBe('memory');
    expect(outcomes[0]!.results.map(describeResult)).toEqual([
      'used more memory than allowed (a huge list or string, or unbounded recursion?)',
      'not run: the run was stopped at test 1',
    ]);
  });

  it('deep recursion', async () => {
    const run = await one('function add(a, b) { return add(a, b) + 1 }');
    expect(run.messages).toEqual([
      expect.stringMatching(/^RangeError: Maximum call stack size exceeded/),
      expect.stringMatching(/^RangeError: Maximum call stack size exceeded/),
    ]);
  });

  it('100 MB of console output', async () => {
    const run = await one(
      "function add(a, b) { const chunk = 'x'.repeat(64 * 1024); for (let i = 0; i < 1600; i++) console.log(chunk); return a + b }",
      20_000,
    );
    expect(run.messages).toEqual([
      expect.stringMatching(/^Error: printed more than 1000 kB of output \(a print inside a loop\?\)/),
      expect.stringMatching(/^Error: printed more than 1000 kB of output \(a print inside a loop\?\)/),
    ]);
    // The first 8 KB of what it printed is kept for the results panel.
    expect(run.results[0]!.stdout).toMatch(new RegExp(`^x{8192}\\n… \\d+ more characters not shown$`));
  });

  it('process.exit, require("child_process") and a fork loop', async () => {
    expect((await one('function add() { process.exit(0) }')).messages).toEqual([
      expect.stringMatching(/process\.exit\(0\) was called; return a value instead/),
      expect.stringMatching(/process\.exit\(0\) was called; return a value instead/),
    ]);
    // Loading the module is allowed; starting a program with it is not.
    const cp = await one("const cp = require('child_process'); function add(a, b) { cp.fork('x'); return a + b }");
    expect(cp.messages).toEqual([
      'PermissionError: starting other programs is not allowed in the practice runner (line 1)',
      'PermissionError: starting other programs is not allowed in the practice runner (line 1)',
    ]);
    const forks = await one(
      "function add(a, b) { for (;;) { try { require('child_process').fork('x') } catch { return a + b } } }",
    );
    expect(forks.messages).toEqual(['pass', 'pass']);
  });

  it('a hung solution stops one process; the suites after it run in a fresh one', async () => {
    const run = await runBatch(
      runner,
      'javascript',
      [
        suite('function add(a, b) { return a + b }'),
        suite('function add() { for (;;) {} }'),
        suite('function add(a, b) { return b + a }'),
      ],
      { limits: { wallMs: 1500 } },
    );
    expect(run.processes).toBe(2);
    expect(run.outcomes.map((o) => o.results.map(describeResult))).toEqual([
      ['pass', 'pass'],
      [
        'did not finish within 3.5 s (an infinite loop, or a test that never returns?)',
        'not run: the run was stopped at test 1',
      ],
      ['pass', 'pass'],
    ]);
  });
});
