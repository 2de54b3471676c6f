import { afterAll, describe, expect, it } from 'vitest';
import { parsePack } from '../../../main/core/content/parse-pack.js';
import { proveExercise } from '../../../main/core/content/prove-exercise.js';
import { provePackExercises } from '../../../main/core/content/prove-packs.js';
import { createTestSandbox } from '../../helpers/test-sandbox.js';
import { lineOf, toYaml, validRole } from '../../unit/core/content/fixtures/valid-pack.js';
import {
  exerciseQuestion,
  exerciseRound,
  NON_RETRYING_CLIENT,
  tinyBugBash,
  tinyIntegration,
} from '../../unit/core/content/fixtures/workspace-exercises.js';

const runner = createTestSandbox();
afterAll(() => runner.dispose());
const ctx = { sandbox: runner.sandbox };

async function prove(question: ReturnType<typeof exerciseQuestion>) {
  const proof = await proveExercise(question, ctx);
  if (!proof) throw new Error('no exercise');
  return proof.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('content:check proof of a bug bash', () => {
  it('accepts an exercise whose start fails and whose fix passes', async () => {
    expect(await prove(exerciseQuestion('q', { bugBash: tinyBugBash() }))).toEqual([]);
  });

  it('rejects a reference fix that does not pass the hidden tests, naming the failing test', async () => {
    const spec = tinyBugBash();
    spec.reference = { patch: spec.reference.patch!.replace('let i = 0', 'let i = 2') };
    const issues = await prove(exerciseQuestion('q', { bugBash: spec }));
    expect(issues).toEqual([
      expect.stringMatching(
        /^bugBash\.reference: the reference fix fails 1 of 2 tests in its hidden tests: "test\/_hidden\/total\.hidden\.test\.js > total > counts the first item" \(.*0 !== 5/,
      ),
    ]);
  });

  it('rejects starting code that already passes every hidden test', async () => {
    const spec = tinyBugBash();
    spec.files['src/total.js'] = spec.files['src/total.js']!.replace('let i = 1', 'let i = 0');
    spec.reference = { files: {} };
    const issues = await prove(exerciseQuestion('q', { bugBash: spec }));
    expect(issues).toContain(
      'bugBash.files: the starting code already passes every hidden test: there is nothing to fix',
    );
  });

  it('rejects a bug whose named test passes on the starting code, and a name that matches no test', async () => {
    const spec = tinyBugBash();
    spec.bugs[0]!.tests = [
      'test/_hidden/total.hidden.test.js > total > is zero for nothing',
      'test/_hidden/total.hidden.test.js > total > no such test',
    ];
    const issues = await prove(exerciseQuestion('q', { bugBash: spec }));
    expect(issues).toEqual([
      'bugBash.bugs.0.tests.0: passes on the starting code, so it cannot show that this bug was fixed',
      expect.stringMatching(/^bugBash\.bugs\.0\.tests\.1: no hidden test has this id \(hidden tests: "test\/_hidden/),
    ]);
  });

  it('rejects an exercise whose visible tests all pass at the start', async () => {
    const spec = tinyBugBash();
    spec.files['test/total.test.js'] = spec.files['test/total.test.js']!.replace('[1, 2, 3]), 6', '[0, 2, 3]), 5');
    const issues = await prove(exerciseQuestion('q', { bugBash: spec }));
    expect(issues).toEqual([expect.stringMatching(/^bugBash\.files: every visible test passes on the starting code/)]);
  });

  it('rejects a patch that does not apply, before running anything', async () => {
    const spec = tinyBugBash();
    spec.reference = { patch: spec.reference.patch!.replace('let sum = 0;', 'let total = 0;') };
    const proof = await proveExercise(exerciseQuestion('q', { bugBash: spec }), ctx);
    expect(proof?.runs).toBe(0);
    expect(proof?.issues[0]?.message).toMatch(
      /^the patch does not apply: src\/total\.js: hunk at patch line 3 expects/,
    );
  });
});

describe('content:check proof of an integration exercise', () => {
  it('accepts a reference that passes every hidden run against the mock API, faults included', async () => {
    expect(await prove(exerciseQuestion('q', { integration: tinyIntegration() }))).toEqual([]);
  });

  it('rejects a reference that fails a hidden run with faults on, naming the run', async () => {
    const spec = tinyIntegration();
    spec.reference = { files: { 'src/client.js': NON_RETRYING_CLIENT } };
    const issues = await prove(exerciseQuestion('q', { integration: spec }));
    expect(issues).toEqual([
      expect.stringMatching(
        /^integration\.parts\.0\.hidden\.1: the reference solution fails 1 of 1 tests in hidden run "waits out a 429": "test\/_hidden\/all\.hidden\.test\.js > fetches every item"/,
      ),
    ]);
  });

  it('rejects a part the starting code already passes', async () => {
    const spec = tinyIntegration();
    spec.files['src/client.js'] = spec.reference.files!['src/client.js']!;
    const issues = await prove(exerciseQuestion('q', { integration: spec }));
    expect(issues).toEqual([
      'integration.parts.0.hidden: the starting code already passes every hidden run of part "fetch": there is nothing to build',
    ]);
  });
});

describe('content:check report for a pack', () => {
  it('names the file, line and path of each rejected exercise', async () => {
    const role = validRole('proof-pack');
    const broken = tinyBugBash();
    broken.reference = { files: { 'NOTES.md': 'Nothing fixed.\n' } }; // a "fix" that fixes nothing
    role.rounds.push(exerciseRound('bugs', 'bug_bash', [exerciseQuestion('proof-q', { bugBash: broken })]));
    const text = toYaml(role);
    const parsed = parsePack(text, 'pack.yaml');
    const proof = await provePackExercises(parsed.role!, 'pack.yaml', parsed.locate!, ctx);
    expect(proof).toMatchObject({ exercises: 1, proven: 0 });
    expect(proof.errors[0]).toMatch(
      new RegExp(
        `^pack\\.yaml:${lineOf(text, 'reference:', 2)} rounds\\[2\\]\\.questions\\[0\\]\\.bugBash\\.reference: the reference fix fails 1 of 2 tests in its hidden tests`,
      ),
    );
  });
});
