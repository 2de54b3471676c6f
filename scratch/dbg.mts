import { createRunnerEnv } from '../main/core/runner/harness/env.ts';
import { runTests } from '../main/core/runner/harness/run-tests.ts';
const runner = createRunnerEnv({});
const source = `
function f(kind) {
  switch (kind) {
    case 'recursion': return (function r(n) { return r(n + 1) + 1; })(0);
    case 'output': for (;;) console.log('x'.repeat(1000));
    case 'exit': process.exit(3);
    case 'child': return require('node:child_process').execSync('echo hi').toString();
    case 'read': return require('node:fs').readFileSync('/etc/passwd', 'utf8');
    case 'write': return require('node:fs').writeFileSync('/tmp/escaped-by-candidate', 'x');
    case 'worker': return new (require('node:worker_threads').Worker)('1');
    default: return 'fine';
  }
}`;
const kinds = ['recursion', 'output', 'exit', 'child', 'read', 'write', 'worker', 'ok'];
const out = await runTests(runner, { language: 'javascript', source, functionName: 'f', tests: kinds.map((k) => ({ kind: 'call', args: [k], expected: 'fine' })), limits: { wallMs: 20000 } });
console.log(out.status, out.message, out.durationMs);
for (const r of out.results) console.log(r.name, r.ms, r.error);
runner.close();
