/**
 * Layer 2, JavaScript `call` tests, with the hostile reference solutions from the hardening
 * issue. Each is contained and reported per test with a clear message; nothing is written
 * outside the runner's temporary folder; this process (the app) carries on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailure, runCallSuites, type CallSuite } from '../../../main/core/runner/harness/call-tests.js';
import { runTests } from '../../../main/core/runner/harness/run-tests.js';
import { createSandbox, type Sandbox } from '../../../main/core/runner/sandbox.js';

let root: string;
let outside: string;
let sandbox: Sandbox;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-call-'));
  outside = path.join(root, 'outside');
  fs.mkdirSync(outside);
  sandbox = createSandbox({ execPath: process.execPath, tempRoot: path.join(root, 'runner') });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const addTests = [
  { args: [1, 2], expected: 3 },
  { args: [2, 2], expected: 4 },
];
const suite = (source: string, tests: CallSuite['tests'] = addTests): CallSuite => ({
  source,
  functionName: 'add',
  tests,
});
const pwned = () => JSON.stringify(path.join(outside, 'pwned.txt'));

async function one(source: string, wallMs = 2000) {
  const { suites, sandbox: result, processes } = await runCallSuites(sandbox, [suite(source)], { limits: { wallMs } });
  return {
    ...suites[0]!,
    result,
    processes,
    messages: suites[0]!.results.map((r) => (r.passed ? 'pass' : describeFailure(r))),
  };
}

afterAll(() => {
  // Nothing any test ran wrote outside the runner's folder, and no workspace was left behind.
  expect(fs.readdirSync(outside)).toEqual([]);
  expect(fs.readdirSync(path.join(root, 'runner'))).toEqual([]);
});

describe('call tests', () => {
  it('passes a correct solution and explains a wrong value', async () => {
    expect((await one('function add(a, b) { return a + b }')).messages).toEqual(['pass', 'pass']);
    expect((await one('function add(a, b) { return a * b }')).messages).toEqual(['returned 2, expected 3', 'pass']);
  });

  it('compares after a JSON round-trip and awaits a returned promise', async () => {
    const tests = [{ args: [[3, 1, 2]], expected: [1, 2, 3] }];
    const sorted = await runCallSuites(sandbox, [
      suite('const add = async (xs) => [...xs].sort((a, b) => a - b)', tests),
    ]);
    expect(sorted.suites[0]!.results[0]).toMatchObject({ passed: true, got: [1, 2, 3] });
  });

  it('reports code that does not load, with its line', async () => {
    expect((await one('function add(a, b) {\n  return a +\n}')).loadError).toMatch(/^SyntaxError: .* \(line 3\)$/);
    expect((await one('function sum(a, b) { return a + b }')).loadError).toBe(
      'the code does not define a function named add',
    );
  });

  it('keeps each solution in its own namespace within one process', async () => {
    const run = await runCallSuites(sandbox, [
      suite('const helper = (a, b) => a + b; function add(a, b) { return helper(a, b) }'),
      suite('const helper = (a, b) => a - b; function add(a, b) { return helper(a, b) + 2 * b }'),
    ]);
    expect(run.processes).toBe(1);
    expect(run.suites.map((s) => s.results.map((r) => r.passed))).toEqual([
      [true, true],
      [true, true],
    ]);
  });

  it('captures console output per test', async () => {
    const run = await one('function add(a, b) { console.log("adding", a, b); return a + b }');
    expect(run.results.map((r) => r.stdout)).toEqual(['adding 1 2\n', 'adding 2 2\n']);
  });
});

describe('hostile references are contained', () => {
  it('the two constructor.constructor escapes', async () => {
    for (const via of ['this.constructor.constructor', 'console.log.constructor']) {
      const run = await one(
        `function add(a, b) { ${via}('return process')().mainModule.require('fs').writeFileSync(${pwned()}, 'x'); return a + b }`,
      );
      expect(run.messages, via).toEqual([
        'EvalError: Code generation from strings disallowed for this context',
        'EvalError: Code generation from strings disallowed for this context',
      ]);
    }
  });

  it('a timer scheduled by the pack never runs after the tests', async () => {
    const started = Date.now();
    const run = await one(
      `setTimeout(() => { while (true) {} }, 30000); setInterval(() => {}, 5); function add(a, b) { return a + b }`,
      20_000,
    );
    expect(run.messages).toEqual(['pass', 'pass']);
    expect(run.result.status).toBe('ok');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('a timer that fires during the run is blamed where it runs, not on the app', async () => {
    const run = await one('setTimeout(() => { while (true) {} }, 0); function add(a, b) { return a + b }', 1500);
    expect(run.result.status).toBe('timeout');
    // Whichever of loading or a test was running when the timer fired.
    expect([run.loadError, ...run.messages]).toContain(
      'Stopped after 1.5 s: the code did not finish (infinite loop?).',
    );
  });

  it('while(true) at top level, inside a promise, and inside the function', async () => {
    const top = await one('while (true) {} function add() {}', 1500);
    expect(top.loadError).toBe('Stopped after 1.5 s: the code did not finish (infinite loop?).');
    const promise = await one(
      'Promise.resolve().then(() => { while (true) {} }); function add(a, b) { return a + b }',
      1500,
    );
    expect(promise.loadError).toBe('Stopped after 1.5 s: the code did not finish (infinite loop?).');
    const inside = await one('function add(a, b) { if (a === 2) while (true) {} return a + b }', 1500);
    expect(inside.messages).toEqual(['pass', 'Stopped after 1.5 s: the code did not finish (infinite loop?).']);
  });

  it('a 1 GB allocation', async () => {
    const { suites, sandbox: result } = await runCallSuites(
      sandbox,
      [
        suite(
          'function add() { const keep = []; for (let i = 0; i < 16; i++) keep.push(new Array(8 * 1024 * 1024).fill(i)); return keep.length }',
        ),
      ],
      { limits: { heapMb: 64, wallMs: 60_000 } },
    );
    expect(result.status).toBe('memory');
    expect(suites[0]!.results.map(describeFailure)).toEqual([
      'Stopped: the code used more than 64 MB of memory.',
      'not run',
    ]);
  });

  it('deep recursion', async () => {
    const run = await one('function add(a, b) { return add(a, b) + 1 }');
    expect(run.messages).toEqual([
      'RangeError: Maximum call stack size exceeded',
      'RangeError: Maximum call stack size exceeded',
    ]);
  });

  it('100 MB of console output', async () => {
    const run = await one(
      "function add(a, b) { const chunk = 'x'.repeat(64 * 1024); for (let i = 0; i < 1600; i++) console.log(chunk); return a + b }",
      20_000,
    );
    expect(run.messages).toEqual([
      'Error: printed more than 1024 KB of output; stopped',
      'Error: printed more than 1024 KB of output; stopped',
    ]);
    // The first 8 KB of what it printed is kept for the results panel.
    expect(run.results[0]!.stdout).toBe(`${'x'.repeat(8 * 1024)}…`);
  });

  it('process.exit, require("child_process") and a fork loop', async () => {
    expect((await one('function add() { process.exit(0) }')).messages).toEqual([
      'ReferenceError: process is not defined',
      'ReferenceError: process is not defined',
    ]);
    expect((await one("const cp = require('child_process'); function add() {}")).loadError).toBe(
      'ReferenceError: require is not defined (line 1)',
    );
    const forks = await one(
      "function add(a, b) { for (;;) { try { globalThis.require('child_process').fork('x') } catch { return a + b } } }",
    );
    expect(forks.messages).toEqual(['pass', 'pass']);
  });

  it('a hung solution stops one process; the suites after it run in a fresh one', async () => {
    const run = await runCallSuites(
      sandbox,
      [
        suite('function add(a, b) { return a + b }'),
        suite('function add() { for (;;) {} }'),
        suite('function add(a, b) { return b + a }'),
      ],
      { limits: { wallMs: 1500 } },
    );
    expect(run.processes).toBe(2);
    expect(run.suites.map((s) => s.results.map((r) => (r.passed ? 'pass' : describeFailure(r))))).toEqual([
      ['pass', 'pass'],
      ['Stopped after 1.5 s: the code did not finish (infinite loop?).', 'not run'],
      ['pass', 'pass'],
    ]);
  });
});

describe('runTests', () => {
  it('runs one JavaScript solution against call tests', async () => {
    const result = await runTests(sandbox, {
      language: 'javascript',
      files: { 'solution.js': 'function add(a, b) { return a + b }' },
      entryFile: 'solution.js',
      functionName: 'add',
      tests: addTests.map((t) => ({ kind: 'call' as const, ...t })),
    });
    expect(result.status).toBe('ok');
    expect(result.results.map((r) => r.passed)).toEqual([true, true]);
  });
});
