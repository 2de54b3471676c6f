/**
 * Layer 2 of the runner on the app's own sandbox (runner/sandbox.ts: permission model, socket
 * blocking, memory, time and output limits): every kind of test in every language, and the bad
 * input a candidate can write (issue 11's list, in each language). Python runs load Pyodide, so
 * several recoverable cases share one run, as several tests of one solution.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunTestsOutcome, TestCase } from '../../../main/contract/tests-wire.js';
import { runBatch } from '../../../main/core/runner/harness/batch.js';
import { createRunnerEnv, type Runner } from '../../../main/core/runner/harness/env.js';
import { runTests } from '../../../main/core/runner/harness/run-tests.js';
import { createSandbox } from '../../../main/core/runner/sandbox.js';

let runner: Runner;
let tempRoot: string;
const sandboxIn = (root: string) => createSandbox({ execPath: process.execPath, tempRoot: root });
beforeAll(() => {
  tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-runner-'));
  runner = createRunnerEnv(sandboxIn(path.join(tempRoot, 'runs')));
});
afterAll(async () => {
  await runner.close();
  // Every run's workspace was removed.
  expect(fs.readdirSync(path.join(tempRoot, 'runs'))).toEqual([]);
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

const call = (args: unknown[], expected: unknown): TestCase => ({ kind: 'call', args, expected });
const byIndex = (o: RunTestsOutcome) => o.results.map((r) => r.passed);

const COUNTER: TestCase = {
  kind: 'methods',
  className: 'Counter',
  steps: [['new', 2], ['add', 3], ['total']],
  expected: [null, null, 5],
};
const SUM_STDIN: TestCase = { kind: 'stdio', stdin: '1 2\n3 4\n', expected: '3\n7\n' };

describe('call, methods and stdio tests', () => {
  const js = `
function add(a, b) { console.log('adding', a, b); return a + b; }
class Counter { constructor(n) { this.n = n; } add(k) { this.n += k; } total() { return this.n; } }
const text = require('node:fs').readFileSync(0, 'utf8');
for (const line of text.split('\\n').filter(Boolean)) { const [a, b] = line.split(' ').map(Number); console.log(a + b); }
`;
  const ts = `
interface Pair { a: number; b: number }
enum Mode { Add = 1 }
export function add(a: number, b: number): number { return Mode.Add === 1 ? a + b : 0; }
export class Counter {
  constructor(private n: number) {}
  add(k: number): void { this.n += k; }
  total(): number { return this.n; }
}
`;
  const py = `
import sys

def add(a, b):
    print("adding", a, b)
    return a + b

class Counter:
    def __init__(self, n):
        self.n = n
    def add(self, k):
        self.n += k
    def total(self):
        return self.n

if __name__ == "__main__":
    for line in sys.stdin.read().split("\\n"):
        if line:
            a, b = map(int, line.split())
            print(a + b)
`;
  const tests = [call([1, 2], 3), call([2, 2], 5), COUNTER, SUM_STDIN];

  it('runs JavaScript: results compared as JSON, output captured per test', async () => {
    const out = await runTests(runner, { language: 'javascript', source: js, functionName: 'add', tests });
    expect(out.status).toBe('ok');
    expect(byIndex(out)).toEqual([true, false, true, true]);
    expect(out.results[1]).toMatchObject({ got: 4, expected: 5, name: 'add(2, 2)' });
    expect(out.results[0]!.stdout).toBe('adding 1 2\n');
  });

  it('runs TypeScript through type stripping (enums and parameter properties too)', async () => {
    const out = await runTests(runner, {
      language: 'typescript',
      source: ts,
      functionName: 'add',
      tests: tests.slice(0, 3),
    });
    expect(out.status).toBe('ok');
    expect(byIndex(out)).toEqual([true, false, true]);
  });

  it('runs Python in Pyodide: calls, methods and stdin', async () => {
    const out = await runTests(runner, { language: 'python', source: py, functionName: 'add', tests });
    expect(out.status).toBe('ok');
    expect(byIndex(out)).toEqual([true, false, true, true]);
    expect(out.results[0]!.stdout).toBe('adding 1 2\n');
  });

  it("runs the candidate's own tests with node:test and unittest", async () => {
    const jsOwn = await runTests(runner, {
      language: 'javascript',
      source: 'function add(a, b) { return a + b; }',
      functionName: 'add',
      tests: [],
      mode: 'own',
      testSource: `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add } from './solution.js';
test('adds', () => assert.equal(add(1, 2), 3));
test('wrong on purpose', () => assert.equal(add(1, 2), 4));
`,
    });
    expect(jsOwn.results.map((r) => [r.name, r.passed])).toEqual([
      ['adds', true],
      ['wrong on purpose', false],
    ]);
    expect(jsOwn.results[1]!.error).toMatch(/3 !== 4|Expected values to be strictly equal/);

    const pyOwn = await runTests(runner, {
      language: 'python',
      source: 'def add(a, b):\n    return a + b\n',
      functionName: 'add',
      tests: [],
      mode: 'own',
      testSource: `import unittest
from solution import add

class T(unittest.TestCase):
    def test_adds(self):
        self.assertEqual(add(1, 2), 3)
    def test_wrong(self):
        self.assertEqual(add(1, 2), 4)
`,
    });
    expect(pyOwn.results.map((r) => [r.name, r.passed])).toEqual([
      ['test_adds', true],
      ['test_wrong', false],
    ]);
    expect(pyOwn.results[1]!.error).toMatch(/AssertionError: 3 != 4 \(line 8\)/);
  });

  it('runs several solutions in one process (content checks)', async () => {
    const {
      outcomes: [good, bad],
      processes,
    } = await runBatch(runner, 'python', [
      { source: 'def add(a, b):\n    return a + b\n', functionName: 'add', tests: [call([1, 2], 3)] },
      { source: 'def add(a, b):\n    return a - b\n', functionName: 'add', tests: [call([1, 2], 3)] },
    ]);
    expect(processes).toBe(1);
    expect(byIndex(good!)).toEqual([true]);
    expect(bad!.results[0]).toMatchObject({ passed: false, got: -1 });
  });
});

describe('bad input, JavaScript and TypeScript', () => {
  const limits = { wallMs: 4000 };

  it('an infinite loop is stopped, earlier tests keep their results, later ones are marked not run', async () => {
    const out = await runTests(runner, {
      language: 'javascript',
      source: 'function f(x) { if (x === 2) { for (;;) {} } return x; }',
      functionName: 'f',
      tests: [call([1], 1), call([2], 2), call([3], 3)],
      limits,
    });
    expect(out.status).toBe('timeout');
    expect(out.message).toMatch(/did not finish/);
    expect(out.results[0]!.passed).toBe(true);
    expect(out.results[1]!.error).toMatch(/did not finish within 4 s/);
    expect(out.results[2]!.error).toMatch(/not run: the run was stopped at test 2/);
  });

  it('a test whose promise never settles fails alone; the next test still runs', async () => {
    const out = await runTests(runner, {
      language: 'javascript',
      source: 'async function f(x) { if (x === 1) return new Promise(() => {}); return x; }',
      functionName: 'f',
      tests: [call([1], 1), call([2], 2)],
      limits,
    });
    expect(out.results[0]!.error).toMatch(/did not return within/);
    expect(out.results[1]!.passed).toBe(true);
  });

  it('a heap that keeps growing is stopped at the memory limit', async () => {
    const out = await runTests(runner, {
      language: 'javascript',
      source: 'function f() { const a = []; for (;;) a.push({ n: a.length, s: "x" + a.length }); }',
      functionName: 'f',
      tests: [call([], 1)],
      limits: { wallMs: 30_000, heapMb: 64 },
    });
    expect(out.status).toBe('memory');
    expect(out.message).toMatch(/more memory than allowed/);
    expect(out.results[0]!.passed).toBe(false);
  });

  it('recursion, huge output, process.exit, child processes and file escapes fail their own test only', async () => {
    const source = `
function f(kind) {
  switch (kind) {
    case 'recursion': return (function r(n) { return r(n + 1) + 1; })(0);
    case 'output': for (;;) console.log('x'.repeat(1000));
    case 'exit': process.exit(3);
    case 'child': return require('node:child_process').execSync('echo hi').toString();
    case 'read': return require('node:fs').readFileSync('/etc/passwd', 'utf8');
    case 'write': return require('node:fs').writeFileSync('/tmp/escaped-by-candidate', 'x');
    case 'worker': return new (require('node:worker_threads').Worker)('1', { eval: true });
    case 'socket': return require('node:net').connect(80, '93.184.216.34');
    case 'fetch': return fetch('http://127.0.0.1:9/').then(() => 'reached');
    case 'dns': return require('node:dns').promises.lookup('example.com');
    case 'kill': return process.kill(process.ppid, 'SIGTERM');
    default: return 'fine';
  }
}`;
    const kinds = [
      'recursion',
      'output',
      'exit',
      'child',
      'read',
      'write',
      'worker',
      'socket',
      'fetch',
      'dns',
      'kill',
      'ok',
    ];
    const out = await runTests(runner, {
      language: 'javascript',
      source,
      functionName: 'f',
      tests: kinds.map((k) => call([k], 'fine')),
      limits,
    });
    expect(out.status).toBe('ok');
    const errors = Object.fromEntries(kinds.map((k, i) => [k, out.results[i]!.error ?? 'passed']));
    expect(errors.recursion).toMatch(/RangeError: Maximum call stack size exceeded/);
    expect(errors.output).toMatch(/printed more than/);
    expect(errors.exit).toMatch(/process\.exit\(3\) was called/);
    expect(errors.child).toMatch(/starting other programs is not allowed/);
    expect(errors.read).toMatch(/reading files outside the exercise is not allowed/);
    expect(errors.write).toMatch(/writing files outside the exercise is not allowed/);
    expect(errors.worker).toMatch(/not available|not allowed/);
    expect(errors.socket).toMatch(/Network access is blocked in this sandbox \(93\.184\.216\.34:80\)/);
    expect(errors.fetch).toMatch(/Network access is blocked in this sandbox \(http:\/\/127\.0\.0\.1:9\)/);
    expect(errors.dns).toMatch(/Network access is blocked in this sandbox \(DNS lookup\)/);
    expect(errors.kill).toMatch(/Signalling other processes is blocked/);
    expect(errors.ok).toBe('passed');
    expect(fs.existsSync('/tmp/escaped-by-candidate')).toBe(false);
  });

  it('a syntax error is reported with its line, in JavaScript and TypeScript', async () => {
    for (const language of ['javascript', 'typescript'] as const) {
      const out = await runTests(runner, {
        language,
        source: 'function f(a) {\n  const x = 1;\n  return a +* 2;\n}\n',
        functionName: 'f',
        tests: [call([1], 3)],
      });
      expect(out.status, language).toBe('syntax_error');
      expect(out.line, language).toBe(3);
      expect(out.message).toMatch(/does not parse/);
      expect(out.results[0]!.error).toMatch(/not run/);
    }
  });

  it('a missing function is named', async () => {
    const out = await runTests(runner, {
      language: 'javascript',
      source: 'function g() {}',
      functionName: 'f',
      tests: [call([], 1)],
    });
    expect(out.results[0]!.error).toMatch(/no function named f/);
  });
});

describe('bad input, Python', () => {
  it('while True: pass is stopped with a clear message', async () => {
    const out = await runTests(runner, {
      language: 'python',
      source: 'def f(x):\n    while True:\n        pass\n',
      functionName: 'f',
      tests: [call([1], 1), call([2], 2)],
      limits: { wallMs: 3000 },
    });
    expect(out.status).toBe('timeout');
    expect(out.results[0]!.error).toMatch(/did not finish within 3 s/);
    expect(out.results[1]!.error).toMatch(/not run/);
  });

  it('a syntax error is reported with its line', async () => {
    const out = await runTests(runner, {
      language: 'python',
      source: 'def f(x):\n    y = 1\n    return x +* y\n',
      functionName: 'f',
      tests: [call([1], 1)],
    });
    expect(out.status).toBe('syntax_error');
    expect(out.line).toBe(3);
    expect(out.message).toMatch(/SyntaxError/);
  });

  it('os.system, a 1 GB list, deep recursion, huge output, files and the JS bridge fail their own test only', async () => {
    const source = `
import os

def f(kind):
    if kind == "system":
        return os.system("echo escaped")
    if kind == "subprocess":
        import subprocess
        return subprocess.run(["ls"]).returncode
    if kind == "memory":
        big = [0] * (1024 ** 3 // 4)  # 1 GB of list slots
        return len(big)
    if kind == "recursion":
        def r(n):
            return r(n + 1) + 1
        return r(0)
    if kind == "output":
        while True:
            print("x" * 1000)
    if kind == "read":
        return open("/etc/passwd").read()
    if kind == "js":
        import js
        return js.process.pid
    if kind == "exit":
        raise SystemExit(3)
    if kind == "socket":
        import socket
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.connect(("93.184.216.34", 80))
        return "connected"
    if kind == "http":
        import urllib.request
        return urllib.request.urlopen("http://example.com/").read().decode()
    return "fine"
`;
    const kinds = [
      'system',
      'subprocess',
      'memory',
      'recursion',
      'output',
      'read',
      'js',
      'exit',
      'socket',
      'http',
      'ok',
    ];
    const out = await runTests(runner, {
      language: 'python',
      source,
      functionName: 'f',
      tests: kinds.map((k) => call([k], 'fine')),
      limits: { wallMs: 20_000 },
    });
    expect(out.status).toBe('ok');
    const errors = Object.fromEntries(kinds.map((k, i) => [k, out.results[i]!.error ?? 'passed']));
    expect(errors.system).toMatch(/PermissionError: starting other programs is not available/);
    expect(errors.subprocess).toMatch(/PermissionError/);
    expect(errors.memory).toMatch(/MemoryError/);
    expect(errors.recursion).toMatch(/RecursionError/);
    expect(errors.output).toMatch(/printed more than/);
    expect(errors.read).toMatch(/No such file or directory/);
    expect(errors.js).toMatch(/ModuleNotFoundError|ImportError/);
    expect(errors.exit).toMatch(/SystemExit/);
    expect(errors.socket).toMatch(/Error/);
    expect(errors.socket).not.toBe('passed');
    expect(errors.http).toMatch(/Error/);
    expect(errors.ok).toBe('passed');
  });
});

describe('the warm Python runner', () => {
  it('serves one run from a process that loaded Pyodide in advance, then starts another', async () => {
    const warm = createRunnerEnv(sandboxIn(path.join(tempRoot, 'runs')), { keepWarm: true });
    try {
      warm.python!.prepare();
      const first = await runTests(warm, {
        language: 'python',
        source: 'import builtins\ndef f():\n    builtins.LEAK = 1\n    return 1\n',
        functionName: 'f',
        tests: [call([], 1)],
      });
      expect(first.results[0]!.passed).toBe(true);
      // What the first run left in the interpreter is gone: the second run is a fresh process.
      const second = await runTests(warm, {
        language: 'python',
        source: 'import builtins\ndef f():\n    return hasattr(builtins, "LEAK")\n',
        functionName: 'f',
        tests: [call([], false)],
      });
      expect(second.results[0]!.passed).toBe(true);
    } finally {
      await warm.close();
    }
  });

  it("warms up on a job of its own before it is ready; nothing of that job reaches the candidate's run", async () => {
    const warm = createRunnerEnv(sandboxIn(path.join(tempRoot, 'runs')), { keepWarm: true });
    try {
      warm.python!.prepare();
      const run = await warm.python!.run({
        mode: 'tests',
        source: 'def f():\n    return [n for n in ("warm_up", "totals") if n in globals()]\n',
        functionName: 'f',
        tests: [call([], [])],
        stdoutCap: 8192,
      });
      const records = (run.records ?? '')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { type: string; got?: unknown });
      expect(run.warm).toBe(true);
      expect(records.map((r) => r.type)).toEqual(['ready', 'load', 'start', 'test', 'done']);
      expect(records.find((r) => r.type === 'test')!.got).toEqual([]);
    } finally {
      await warm.close();
    }
  });
});
