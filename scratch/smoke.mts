import { createStandInSandbox } from '/work/coding/main/core/runner/harness/stand-in-sandbox.ts';
import { runTests } from '/work/coding/main/core/runner/harness/run-tests.ts';
import { PythonRunner } from '/work/coding/main/core/runner/harness/python-runner.ts';
import { pyodideDir } from '/work/coding/main/core/runner/harness/runtime-files.ts';
const sandbox = createStandInSandbox({ execPath: process.execPath, tempRoot: '/tmp/ct/runs' });
const python = new PythonRunner(sandbox, pyodideDir()!);
const env = { sandbox, python };
const tests = [
  { kind: 'call', args: [1, 2], expected: 3 },
  { kind: 'call', args: [2, 2], expected: 5 },
  { kind: 'methods', className: 'Counter', steps: [['new', 2], ['add', 3], ['total']], expected: [null, null, 5] },
  { kind: 'stdio', stdin: '1 2\n', expected: '3' },
] as any;
const which = process.argv[2] ?? 'js';
let t0 = Date.now();
if (which === 'js') {
  const src = `function add(a,b){ console.log('hi', a); return a+b }\nclass Counter { constructor(n){this.n=n} add(k){this.n+=k} total(){return this.n} }\nif (require.main === module || true) { const fs=require('fs'); try { const s=fs.readFileSync(0,'utf8'); if (s) { const [a,b]=s.trim().split(' ').map(Number); console.log(a+b) } } catch {} }`;
  console.log(JSON.stringify(await runTests(env, { language: 'javascript', source: src, functionName: 'add', tests }), null, 1));
} else if (which === 'ts') {
  const src = `enum K { A = 1 }\nexport function add(a: number, b: number): number { return a + b }\nexport class Counter { constructor(private n: number) {} add(k: number): void { this.n += k } total(): number { return this.n } }`;
  console.log(JSON.stringify(await runTests(env, { language: 'typescript', source: src, functionName: 'add', tests: tests.slice(0,3) }), null, 1));
} else if (which === 'py') {
  const src = `import sys\ndef add(a, b):\n    print("hi", a)\n    return a + b\nclass Counter:\n    def __init__(self, n): self.n = n\n    def add(self, k): self.n += k\n    def total(self): return self.n\nif __name__ == "__main__":\n    a, b = map(int, sys.stdin.read().split())\n    print(a + b)\n`;
  console.log(JSON.stringify(await runTests(env, { language: 'python', source: src, functionName: 'add', tests }), null, 1));
} else {
  const src = process.argv[4]; const lang = process.argv[3];
  console.log(JSON.stringify(await runTests(env, { language: lang as any, source: src, functionName: 'add', tests: tests.slice(0,2) }), null, 1));
}
console.log('ms', Date.now() - t0);
python.close();
