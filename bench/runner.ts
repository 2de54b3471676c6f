/**
 * `npm run bench -- runner [--runs N] [--question ID] [--part N]`: time from "run" to results
 * for a typical part (the Stripe ledger's last part: its submit runs 12 tests) through the
 * sandboxed runner, against a bare run of the same code and tests:
 * - JavaScript: the runner (permission model, harness, results file) ÷ a bare `node file.js`
 *   that calls the same function on the same tests.
 * - Python cold: a runner process that loads Pyodide ÷ a bare `node` process that loads Pyodide
 *   and runs the same code.
 * - Python warm: a runner process that already loaded Pyodide (started in the background) ÷
 *   running the same code in a Pyodide already loaded in this process.
 * - Python on the system python3 (when one is on the PATH): the runner's confined python3 (rlimits,
 *   audit hook, harness) ÷ a bare `python3 -I` running the same code and tests.
 * Medians of N runs. Last line: `runner: js_overhead=X py_warm_overhead=Y … py_system_overhead=Z`
 * (goal ≤ 1.5 warm).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { TestCase } from '../main/contract/tests-wire.js';
import { loadLibrary } from '../main/core/content/library.js';
import { exerciseSpec, referenceFor, submitTests } from '../main/core/exercise/spec.js';
import { createRunnerEnv } from '../main/core/runner/harness/env.js';
import { RESULTS_FILE } from '../main/core/runner/harness/python-runner.js';
import { runTests } from '../main/core/runner/harness/run-tests.js';
import { pyodideDir } from '../main/core/runner/harness/runtime-files.js';
import { createSandbox } from '../main/core/runner/sandbox.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function runProcess(args: string[], cwd: string, command = process.execPath): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`exit ${code}`))));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until a warm process has loaded Pyodide (its results file in the runner's workspace
 * says "ready"), so a loaded machine's slow load is never counted as the warm run's time.
 */
async function untilWarm(runsDir: string, used: Set<string>): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ready = fs.readdirSync(runsDir).find((name) => {
      try {
        return !used.has(name) && fs.readFileSync(path.join(runsDir, name, RESULTS_FILE), 'utf8').includes('"ready"');
      } catch {
        return false;
      }
    });
    if (ready) {
      used.add(ready);
      return;
    }
    await sleep(100);
  }
  throw new Error('the warm Python process did not load within 2 minutes');
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '5' },
      question: { type: 'string', default: 'stripe-be-ex-ledger-balances' },
      part: { type: 'string', default: '4' },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  const bundledDir = path.resolve(import.meta.dirname, '..', 'content', 'roles');
  const { roles } = loadLibrary({ bundledDir, userDir: path.join(bundledDir, '.none') });
  const question = roles
    .flatMap((r) => r.role.rounds.flatMap((x) => x.questions))
    .find((q) => q.id === values.question);
  const spec = question && exerciseSpec(question);
  if (!spec) throw new Error(`no coding question ${values.question}`);
  const part = spec.parts[Number(values.part) - 1];
  if (!part?.functionName) throw new Error('the bench needs a part with call tests');
  const fn = part.functionName;
  const tests = submitTests(spec, part.index).map((t) => t.test) as Extract<TestCase, { kind: 'call' }>[];
  const js = referenceFor(part, 'javascript')!;
  const py = referenceFor(part, 'python')!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-bench-runner-'));
  // The app's own sandbox (permission model, socket blocking, limits); two, so the warm
  // process waiting in one never holds a slot the other's runs need.
  const runner = createRunnerEnv(createSandbox({ execPath: process.execPath, tempRoot: path.join(dir, 'runs') }));
  const warm = createRunnerEnv(createSandbox({ execPath: process.execPath, tempRoot: path.join(dir, 'runs') }), {
    keepWarm: true,
  });
  const pyDir = pyodideDir();
  if (!pyDir || !runner.python || !warm.python) throw new Error('pyodide is not installed');

  try {
    // Bare JavaScript: the same function and tests, compared as JSON, no sandbox and no harness.
    const testsJson = JSON.stringify(tests.map((t) => ({ args: t.args, expected: t.expected })));
    fs.writeFileSync(
      path.join(dir, 'bare.js'),
      `${js}\nconst tests = ${testsJson};\nlet passed = 0;\nfor (const t of tests) if (JSON.stringify(${fn}(...t.args)) === JSON.stringify(t.expected)) passed++;\nconsole.log(passed);\n`,
    );
    // Bare Pyodide: load it, run the same code and tests.
    const pyProgram = `${py}\nimport json\ntests = json.loads(${JSON.stringify(testsJson)})\npassed = sum(1 for t in tests if json.dumps(${fn}(*t["args"]), sort_keys=True) == json.dumps(t["expected"], sort_keys=True))\n`;
    fs.writeFileSync(path.join(dir, 'program.py'), pyProgram);
    fs.writeFileSync(
      path.join(dir, 'bare-py.mjs'),
      `import fs from 'node:fs';\nconst { loadPyodide } = await import(${JSON.stringify(pathToFileURL(path.join(pyDir, 'pyodide.mjs')).href)});\nconst py = await loadPyodide({ indexURL: ${JSON.stringify(pyDir + path.sep)} });\npy.runPython(fs.readFileSync('program.py', 'utf8'));\n`,
    );

    const jsRunner: number[] = [];
    const jsBare: number[] = [];
    for (let i = 0; i < runs; i++) {
      jsBare.push(await runProcess(['bare.js'], dir));
      const t0 = performance.now();
      const out = await runTests(runner, { language: 'javascript', source: js, functionName: fn, tests });
      jsRunner.push(performance.now() - t0);
      if (out.results.some((r) => !r.passed)) throw new Error('the JavaScript reference failed in the runner');
    }

    // System python3: the app's confined process against a bare `python3 -I` on the same program.
    const system = createRunnerEnv(createSandbox({ execPath: process.execPath, tempRoot: path.join(dir, 'runs') }), {
      pythonRuntime: () => 'system',
    });
    const found = await system.systemPython.detected();
    const pySystemRunner: number[] = [];
    const pySystemBare: number[] = [];
    for (let i = 0; found.state === 'found' && i < runs; i++) {
      pySystemBare.push(await runProcess(['-I', 'program.py'], dir, found.executable));
      const t0 = performance.now();
      const out = await runTests(system, {
        language: 'python',
        source: py,
        functionName: fn,
        tests,
        author: 'candidate',
      });
      pySystemRunner.push(performance.now() - t0);
      if (out.results.some((r) => !r.passed)) throw new Error('the Python reference failed on the system python3');
    }
    await system.close();

    const pyColdRunner: number[] = [];
    const pyColdBare: number[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      pyColdBare.push(await runProcess(['bare-py.mjs'], dir));
      const t0 = performance.now();
      await runTests(runner, { language: 'python', source: py, functionName: fn, tests });
      pyColdRunner.push(performance.now() - t0);
    }

    // Warm: a process loaded (and warmed up) in the background; Run is pressed as soon as it says
    // "ready" (within 100 ms), sooner than a person would: V8 may still be optimising in the background.
    const { loadPyodide } = (await import(pathToFileURL(path.join(pyDir, 'pyodide.mjs')).href)) as {
      loadPyodide: (o: { indexURL: string }) => Promise<{ runPython: (code: string) => unknown }>;
    };
    const inProcess = await loadPyodide({ indexURL: pyDir + path.sep });
    const pyWarmRunner: number[] = [];
    const pyWarmBare: number[] = [];
    const runsDir = path.join(dir, 'runs');
    const used = new Set<string>();
    warm.python.prepare();
    for (let i = 0; i < runs; i++) {
      // The bare run after the warm process is ready, beside the runner's run: before, it ran while
      // that process was loading Pyodide on the other core, which slowed the bare run and not the runner's.
      await untilWarm(runsDir, used);
      let t0 = performance.now();
      inProcess.runPython(pyProgram);
      pyWarmBare.push(performance.now() - t0);
      t0 = performance.now();
      const out = await runTests(warm, { language: 'python', source: py, functionName: fn, tests });
      pyWarmRunner.push(performance.now() - t0);
      if (out.results.some((r) => !r.passed))
        throw new Error(`the Python reference failed in the runner: ${JSON.stringify(out).slice(0, 600)}`);
    }

    const rows: [string, number, number][] = [
      ['javascript', median(jsRunner), median(jsBare)],
      ['python cold', median(pyColdRunner), median(pyColdBare)],
      ['python warm', median(pyWarmRunner), median(pyWarmBare)],
      ...(found.state === 'found'
        ? [['python3 system', median(pySystemRunner), median(pySystemBare)] as [string, number, number]]
        : []),
    ];
    console.log(
      `question ${values.question}, part ${values.part}: ${tests.length} tests, median of ${runs} runs (cold Python: ${Math.min(runs, 3)})`,
    );
    console.log('case           runner ms   bare ms   ratio');
    for (const [name, r, b] of rows) {
      console.log(
        `${name.padEnd(14)} ${r.toFixed(0).padStart(9)} ${b.toFixed(1).padStart(9)} ${(r / b).toFixed(2).padStart(7)}`,
      );
    }
    const ratio = (i: number) => (rows[i]![1] / rows[i]![2]).toFixed(2);
    const system3 = found.state === 'found' ? ratio(3) : 'n/a (no python3 on the PATH)';
    console.log(
      `runner: js_overhead=${ratio(0)} py_warm_overhead=${ratio(2)} py_cold_overhead=${ratio(1)} py_system_overhead=${system3}`,
    );
  } finally {
    await runner.close();
    await warm.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
