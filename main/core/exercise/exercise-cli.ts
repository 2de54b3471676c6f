/**
 * `npm run exercise -- run QUESTION_ID --lang js|ts|py --file SOLUTION [--part N]`: runs a
 * solution file against a coding question's tests through the same sandboxed runner the app
 * uses. Without --part every part is checked (each with the tests its submit runs); with it,
 * just that part. Prints one JSON line per test, then `exercise: parts_passed=X/Y tests_passed=A/B`.
 * Exit status: 0 all passed, 1 some failed, 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Language } from '../../../content/schema.js';
import { loadLibrary } from '../content/library.js';
import { runBatch } from '../runner/harness/batch.js';
import { createRunnerEnv } from '../runner/harness/env.js';
import { createSandbox } from '../runner/sandbox.js';
import { exerciseSpec, submitTests } from './spec.js';

const LANGS: Record<string, Language> = {
  js: 'javascript',
  javascript: 'javascript',
  ts: 'typescript',
  typescript: 'typescript',
  py: 'python',
  python: 'python',
};
const USAGE = 'Usage: npm run exercise -- run QUESTION_ID --lang js|ts|py --file SOLUTION [--part N] [--roles DIR]';

function fail(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lang: { type: 'string' },
    file: { type: 'string' },
    part: { type: 'string' },
    roles: { type: 'string' },
  },
});
const [command, questionId] = positionals;
if (command !== 'run' || !questionId) fail('Give the command "run" and a question id.');
const language = LANGS[values.lang ?? ''];
if (!language) fail(`--lang must be js, ts or py (got ${JSON.stringify(values.lang ?? '')}).`);
if (!values.file) fail('--file SOLUTION is required.');
let source: string;
try {
  source = readFileSync(values.file, 'utf8');
} catch (e) {
  fail(`Cannot read ${values.file}: ${(e as Error).message}`);
}

const bundledDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'content', 'roles');
const library = loadLibrary({ bundledDir, userDir: values.roles ?? join(bundledDir, '.no-user-packs') });
const question = library.roles
  .flatMap((r) => r.role.rounds.flatMap((round) => round.questions))
  .find((q) => q.id === questionId);
if (!question) fail(`No question with id ${questionId} in the role packs.`);
const spec = exerciseSpec(question);
if (!spec) fail(`Question ${questionId} is not a coding question.`);

let parts = spec.parts.map((p) => p.index);
if (values.part !== undefined) {
  const n = Number(values.part);
  if (!Number.isInteger(n) || n < 1 || n > spec.parts.length) {
    fail(`--part must be between 1 and ${spec.parts.length} for ${questionId}.`);
  }
  parts = [n - 1];
}

const runner = createRunnerEnv(
  createSandbox({ execPath: process.execPath, tempRoot: join(os.tmpdir(), 'interview-rehearsal-exercise') }),
);
try {
  const planned = parts.map((p) => ({ part: p, tests: submitTests(spec, p) }));
  const { outcomes } = await runBatch(
    runner,
    language,
    planned.map(({ part, tests }) => ({
      source,
      ...(spec.parts[part]!.functionName ? { functionName: spec.parts[part]!.functionName } : {}),
      ...(spec.parts[part]!.className ? { classNames: [spec.parts[part]!.className] } : {}),
      tests: tests.map((t) => t.test),
    })),
  );
  let testsPassed = 0;
  let testsTotal = 0;
  let partsPassed = 0;
  planned.forEach(({ part, tests }, k) => {
    const outcome = outcomes[k]!;
    if (outcome.status !== 'ok' && outcome.message) {
      console.log(
        JSON.stringify({
          part: part + 1,
          status: outcome.status,
          message: outcome.message,
          ...(outcome.line ? { line: outcome.line } : {}),
        }),
      );
    }
    let all = outcome.status === 'ok';
    outcome.results.forEach((r, i) => {
      const from = tests[i]!;
      console.log(
        JSON.stringify({
          part: part + 1,
          ...(from.part !== part ? { fromPart: from.part + 1 } : {}),
          hidden: from.hidden,
          name: r.name,
          passed: r.passed,
          ...(r.got !== undefined ? { got: r.got } : {}),
          expected: r.expected,
          ...(r.error ? { error: r.error } : {}),
          ms: r.ms,
        }),
      );
      testsTotal++;
      if (r.passed) testsPassed++;
      else all = false;
    });
    if (all) partsPassed++;
  });
  console.log(`exercise: parts_passed=${partsPassed}/${planned.length} tests_passed=${testsPassed}/${testsTotal}`);
  process.exitCode = testsPassed === testsTotal && partsPassed === planned.length ? 0 : 1;
} finally {
  await runner.close();
}
