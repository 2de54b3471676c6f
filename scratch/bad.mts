import { createStandInSandbox } from '../main/core/runner/harness/stand-in-sandbox.ts';
import { runTests } from '../main/core/runner/harness/run-tests.ts';
import { PythonRunner } from '../main/core/runner/harness/python-runner.ts';
import { pyodideDir } from '../main/core/runner/harness/runtime-files.ts';
const sandbox = createStandInSandbox({ execPath: process.execPath, tempRoot: '/tmp/ct/runs' });
const python = new PythonRunner(sandbox, pyodideDir()!);
const env = { sandbox, python };
const tests = [{ kind: 'call', args: [1, 2], expected: 3 }, { kind: 'call', args: [2, 2], expected: 4 }] as any;
const cases: [string, string, string][] = [
  ['javascript', 'loop', 'function add(a,b){ if (a===2) for(;;){} return a+b }'],
  ['javascript', 'alloc', 'function add(a,b){ const x=[]; for(;;) x.push(new Array(1e6).fill(1)); }'],
  ['javascript', 'recursion', 'function add(a,b){ return add(a,b)+1 }'],
  ['javascript', 'output', 'function add(a,b){ for(;;) console.log("x".repeat(1000)) }'],
  ['javascript', 'exit', 'function add(a,b){ process.exit(3) }'],
  ['javascript', 'child', 'function add(a,b){ return require("child_process").execSync("echo hi").toString() }'],
  ['javascript', 'escape', 'function add(a,b){ return require("fs").readFileSync("/etc/passwd","utf8").length }'],
  ['javascript', 'syntax', 'function add(a,b){\n  return a +* b\n}'],
  ['javascript', 'never', 'async function add(a,b){ return new Promise(()=>{}) }'],
  ['python', 'loop', 'def add(a, b):\n    while True:\n        pass'],
  ['python', 'system', 'import os\ndef add(a, b):\n    return os.system("echo hi")'],
  ['python', 'alloc', 'def add(a, b):\n    x = [0] * (10**9 // 8 * 8)\n    return 1'],
  ['python', 'recursion', 'def add(a, b):\n    return add(a, b) + 1'],
  ['python', 'syntax', 'def add(a, b):\n    return a +* b'],
  ['python', 'output', 'def add(a, b):\n    while True: print("x" * 1000)'],
  ['python', 'escape', 'def add(a, b):\n    return len(open("/etc/passwd").read())'],
  ['python', 'js', 'def add(a, b):\n    import js\n    return 1'],
];
const only = process.argv[2];
for (const [language, name, source] of cases) {
  if (only && !`${language}:${name}`.includes(only)) continue;
  const t0 = Date.now();
  const r = await runTests(env, { language: language as any, source, functionName: 'add', tests, limits: { wallMs: 3000 } });
  console.log(`${language}:${name} ${Date.now() - t0}ms status=${r.status} msg=${r.message ?? ''} line=${r.line ?? ''}`);
  for (const t of r.results) console.log('   ', t.passed, JSON.stringify(t.got)?.slice(0, 60), t.error?.slice(0, 150));
}
python.close();
