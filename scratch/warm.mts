import { createRunnerEnv } from '../main/core/runner/harness/env.ts';
import { runTests } from '../main/core/runner/harness/run-tests.ts';
const warm = createRunnerEnv({ keepWarm: true });
warm.python!.prepare();
await new Promise((r) => setTimeout(r, 20000));
for (let i = 0; i < 3; i++) {
  const t0 = Date.now();
  const out = await runTests(warm, { language: 'python', source: 'def f(x):\n    return x\n', functionName: 'f', tests: [{ kind: 'call', args: [1], expected: 1 }] });
  console.log('total', Date.now() - t0, 'runMs', out.durationMs, out.status);
  await new Promise((r) => setTimeout(r, 20000));
}
warm.close();
