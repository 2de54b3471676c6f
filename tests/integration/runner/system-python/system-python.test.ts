/**
 * Candidates' Python on the system python3 (Settings → Coding rounds → Python runtime), through
 * the same runTests as Pyodide: every bad input of issue 11's list, and the same result shape as
 * Pyodide for the same question. Skipped, with the reason, where no python3 is on the PATH.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PythonRuntime } from '../../../../main/contract/services/settings.js';
import type { RunTestsOutcome, TestCase } from '../../../../main/contract/tests-wire.js';
import { createRunnerEnv, type Runner } from '../../../../main/core/runner/harness/env.js';
import { runTests, type RunTestsRequest } from '../../../../main/core/runner/harness/run-tests.js';
import { createSandbox } from '../../../../main/core/runner/sandbox.js';
import { detectSystemPython } from '../../../../main/core/runner/system-python/detect.js';

const detected = await detectSystemPython();
const reason = detected.state === 'found' ? '' : `no usable python3 here: ${detected.message}`;
if (reason) console.warn(`skipping system python3 tests (${reason})`);

let tempRoot: string;
let runner: Runner;
let chosen: PythonRuntime = 'system';
beforeAll(() => {
  tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-syspy-'));
  runner = createRunnerEnv(createSandbox({ execPath: process.execPath, tempRoot: path.join(tempRoot, 'runs') }), {
    pythonRuntime: () => chosen,
  });
});
afterAll(async () => {
  await runner.close();
  // Every run's workspace was removed.
  expect(fs.readdirSync(path.join(tempRoot, 'runs'))).toEqual([]);
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

const call = (args: unknown[], expected: unknown): TestCase => ({ kind: 'call', args, expected });
const run = (req: Omit<RunTestsRequest, 'language' | 'author'>) =>
  runTests(runner, { language: 'python', author: 'candidate', ...req });

const BAD = `
import os

def f(kind):
    if kind == "system":
        return os.system("echo hi")
    if kind == "subprocess":
        import subprocess
        return subprocess.run(["echo", "hi"]).returncode
    if kind == "fork":
        return os.fork()
    if kind == "posix_spawn":
        return os.posix_spawn("/bin/echo", ["echo", "hi"], {})
    if kind == "memory":
        big = [0] * (1024 ** 3 // 8)  # 1 GB of list slots
        return len(big)
    if kind == "recursion":
        def r(n):
            return r(n + 1) + 1
        return r(0)
    if kind == "print":
        while True:
            print("x" * 1000)
    if kind == "read":
        return open("/etc/passwd").read()
    if kind == "list":
        return os.listdir("/root")
    if kind == "write":
        with open("/tmp/ir-syspy-escape.txt", "w") as out:
            out.write("escaped")
        return "wrote"
    if kind == "write_here":
        with open("notes.txt", "w") as out:
            out.write("mine")
        return open("notes.txt").read()
    if kind == "remove":
        os.remove("/tmp/ir-syspy-keep.txt")
        return "removed"
    if kind == "socket":
        import socket
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.connect(("127.0.0.1", 9))
        return "connected"
    if kind == "ctypes":
        import ctypes
        return ctypes.CDLL(None).getpid()
    if kind == "chdir":
        os.chdir("/etc")
        return open("passwd").read()
    if kind == "pathlib":
        import pathlib
        return pathlib.Path("/etc/hostname").read_text()
    if kind == "relative":
        return open("../../../../../../../../etc/passwd").read()
    if kind == "results":
        with open("results.jsonl", "a") as out:
            out.write("{}\\n")
        return "forged"
    if kind == "posix_system":
        import posix  # the C functions themselves, under the harness's own patches
        return posix.system("echo hi")
    if kind == "posix_fork":
        import posix
        return posix.fork()
    if kind == "fork_exec":
        import _posixsubprocess
        return _posixsubprocess.fork_exec
    if kind == "limits":
        import resource
        names = ["RLIMIT_NPROC", "RLIMIT_CORE", "RLIMIT_AS", "RLIMIT_FSIZE", "RLIMIT_CPU"]
        return {n: resource.getrlimit(getattr(resource, n))[0] for n in names}
    if kind == "env":
        return sorted(os.environ)
    if kind == "where":
        return os.getcwd()
    if kind == "stdin":
        import sys
        return sys.__stdin__.read()
    if kind == "exit":
        raise SystemExit(3)
    return "fine"
`;

const KINDS = [
  'system',
  'subprocess',
  'fork',
  'posix_spawn',
  'posix_system',
  'posix_fork',
  'fork_exec',
  'memory',
  'recursion',
  'print',
  'read',
  'list',
  'write',
  'write_here',
  'remove',
  'socket',
  'ctypes',
  'results',
  'chdir',
  'pathlib',
  'relative',
  'exit',
  'limits',
  'env',
  'where',
  'stdin',
  'ok',
] as const;

describe.skipIf(reason !== '')('system python3: bad input', () => {
  const outside = path.join(os.tmpdir(), 'ir-syspy-keep.txt');
  let out: RunTestsOutcome;
  let errors: Record<(typeof KINDS)[number], string>;
  let got: Record<(typeof KINDS)[number], unknown>;
  beforeAll(async () => {
    fs.writeFileSync(outside, 'keep');
    fs.rmSync('/tmp/ir-syspy-escape.txt', { force: true });
    out = await run({ source: BAD, functionName: 'f', tests: KINDS.map((k) => call([k], 'fine')) });
    errors = Object.fromEntries(KINDS.map((k, i) => [k, out.results[i]!.error ?? 'no error'])) as typeof errors;
    got = Object.fromEntries(KINDS.map((k, i) => [k, out.results[i]!.got])) as typeof got;
  });
  afterAll(() => fs.rmSync(outside, { force: true }));

  it('one process runs them all; each bad call fails its own test only', () => {
    expect(out.status).toBe('ok');
    expect(out.results.map((r) => r.passed)).toEqual(KINDS.map((k) => k === 'ok'));
  });

  it('refuses starting programs: os.system, subprocess, fork, posix_spawn, and the C functions under them', () => {
    const refused = /PermissionError: starting other programs is not available in the practice runner/;
    for (const kind of ['system', 'subprocess', 'fork', 'posix_spawn', 'posix_system', 'posix_fork'] as const) {
      expect(errors[kind], kind).toMatch(refused);
    }
    // The one way to start a process without an audit event is removed.
    expect(errors.fork_exec).toMatch(/AttributeError/);
  });

  it('stops a 1 GB list with the memory message and reports deep recursion as a failing test', () => {
    expect(errors.memory).toMatch(/^MemoryError: the code used more memory than allowed \(line \d+\)$/);
    expect(errors.recursion).toMatch(/RecursionError: maximum recursion depth exceeded \(recursion too deep/);
  });

  it('caps what a test prints', () => {
    expect(errors.print).toMatch(/printed more than 1000 kB of output/);
    expect(out.results[KINDS.indexOf('print')]!.stdout!.length).toBeLessThan(9000);
  });

  it('refuses files outside the workspace, sockets and ctypes; the workspace itself is the code’s', () => {
    expect(errors.read).toMatch(/PermissionError: reading \/etc\/passwd is not available/);
    expect(errors.list).toMatch(/PermissionError: reading \/\w+ is not available/);
    expect(errors.write).toMatch(/PermissionError: writing \/tmp\/ir-syspy-escape.txt is not available/);
    expect(fs.existsSync('/tmp/ir-syspy-escape.txt')).toBe(false);
    expect(errors.remove).toMatch(/PermissionError: writing .*ir-syspy-keep.txt is not available/);
    expect(fs.readFileSync(outside, 'utf8')).toBe('keep');
    expect(got.write_here).toBe('mine');
    expect(errors.socket).toMatch(/PermissionError: network access is not available/);
    expect(errors.ctypes).toMatch(/PermissionError: ctypes \(native code\) is not available/);
    // The results file cannot be forged from the candidate's code.
    expect(errors.results).toMatch(/PermissionError: opening the runner's own files/);
    expect(errors.chdir).toMatch(/PermissionError: reading \/etc is not available/);
    expect(errors.pathlib).toMatch(/PermissionError: reading \/etc\/hostname is not available/);
    expect(errors.relative).toMatch(/PermissionError: reading \/etc\/passwd is not available/);
    expect(errors.exit).toMatch(/SystemExit: 3/);
  });

  it('runs under OS resource limits, with a scrubbed environment, no stdin, in a workspace removed afterwards', () => {
    const limits = got.limits as Record<string, number>;
    expect(limits.RLIMIT_NPROC).toBe(0);
    expect(limits.RLIMIT_CORE).toBe(0);
    if (process.platform === 'linux') expect(limits.RLIMIT_AS).toBe(512 * 1024 * 1024);
    expect(limits.RLIMIT_FSIZE).toBe(16 * 1024 * 1024);
    expect(limits.RLIMIT_CPU).toBeGreaterThan(0);
    expect(limits.RLIMIT_CPU).toBeLessThanOrEqual(8);
    expect(got.env).toEqual(expect.arrayContaining(['PATH']));
    expect((got.env as string[]).every((k) => ['PATH', 'LANG', 'LC_CTYPE'].includes(k))).toBe(true);
    expect(got.where).toEqual(expect.stringContaining(path.join(tempRoot, 'runs')));
    expect(fs.existsSync(got.where as string)).toBe(false);
    expect(got.stdin).toBe('');
  });
});

describe.skipIf(reason !== '')('system python3: runs the process stops', () => {
  it('while True: pass is stopped with the timeout message', async () => {
    const started = Date.now();
    const out = await run({
      source: 'def f(x):\n    while True:\n        pass\n',
      functionName: 'f',
      tests: [call([1], 1), call([2], 2)],
      limits: { wallMs: 1500 },
    });
    expect(out.status).toBe('timeout');
    expect(out.message).toBe(
      'Stopped after 1.5 s: the code did not finish. Look for an infinite loop or a call that never returns.',
    );
    expect(out.results[0]!.error).toMatch(/did not finish within 1.5 s/);
    expect(out.results[1]!.error).toMatch(/not run: the run was stopped at test 1/);
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('megabytes written past the harness straight to stdout hit the process output cap', async () => {
    const out = await run({
      source: 'import os\ndef f():\n    while True:\n        os.write(1, b"y" * 65536)\n',
      functionName: 'f',
      tests: [call([], 1)],
      limits: { outputBytes: 200_000 },
    });
    expect(out.status).toBe('output_limit');
    expect(out.message).toBe('Stopped: the code printed more output than allowed. Remove prints inside loops.');
    expect(out.stdout.length).toBeLessThan(210_000);
    expect(out.stdout).toMatch(/output cut at 195 KB$/);
  });

  it('a syntax error is reported with its line', async () => {
    const out = await run({
      source: 'def f(x):\n    y = 1\n    return x +* y\n',
      functionName: 'f',
      tests: [call([1], 1)],
    });
    expect(out.status).toBe('syntax_error');
    expect(out.line).toBe(3);
    expect(out.message).toMatch(/^Your code does not parse: SyntaxError: invalid syntax \(line 3\)/);
  });

  it("runs the candidate's own unittest tests", async () => {
    const out = await run({
      source: 'def add(a, b):\n    return a + b\n',
      mode: 'own',
      tests: [],
      testSource:
        'import unittest\nfrom solution import add\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        self.assertEqual(add(1, 2), 3)\n    def test_bad(self):\n        self.assertEqual(add(1, 2), 4)\n',
    });
    expect(out.status).toBe('ok');
    expect(out.results.map((r) => [r.name, r.passed])).toEqual([
      ['test_bad', false],
      ['test_ok', true],
    ]);
    expect(out.results[0]!.error).toMatch(/AssertionError: 3 != 4/);
  });
});

/** Everything but timings, which differ between any two runs. */
function shape(outcome: RunTestsOutcome) {
  const { durationMs: _d, ...rest } = outcome;
  return { ...rest, results: rest.results.map(({ ms: _ms, ...r }) => r) };
}

describe.skipIf(reason !== '')('the same question on both runtimes', () => {
  const question: Omit<RunTestsRequest, 'language' | 'author' | 'source'> = {
    functionName: 'add',
    tests: [
      call([1, 2], 3),
      call([2, 2], 5),
      call(['a', 1], 0),
      {
        kind: 'methods',
        className: 'Counter',
        steps: [['new', 2], ['add', 3], ['total']],
        expected: [null, null, 5],
      },
      { kind: 'stdio', stdin: '1 2\n3 4\n', expected: 'loaded\n3\n7\n' },
    ],
  };
  const solution = `
import sys

print("loaded")

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
  const both = async (source: string) => {
    chosen = 'pyodide';
    const pyodide = await run({ ...question, source });
    chosen = 'system';
    const system = await run({ ...question, source });
    return { pyodide, system };
  };

  it('a passing and failing solution gives the same results, output and errors', async () => {
    const { pyodide, system } = await both(solution);
    expect(pyodide.results.map((r) => r.passed)).toEqual([true, false, false, true, true]);
    expect(shape(system)).toEqual(shape(pyodide));
  });

  it('a syntax error gives the same outcome', async () => {
    const { pyodide, system } = await both('def add(a, b)\n    return a + b\n');
    expect(system.status).toBe('syntax_error');
    expect(shape(system)).toEqual(shape(pyodide));
  });
});

describe('pack code never runs on the system python3', () => {
  it('a run without the candidate as author uses Pyodide even when system python3 is chosen', async () => {
    chosen = 'system';
    const out = await runTests(runner, {
      language: 'python',
      source: 'import sys\ndef f():\n    return sys.platform\n',
      functionName: 'f',
      tests: [call([], 'emscripten')],
    });
    expect(out.results[0]!.got).toBe('emscripten');
  });
});
