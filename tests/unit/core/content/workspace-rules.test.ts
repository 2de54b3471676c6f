import { describe, it, expect } from 'vitest';
import type { Role } from '../../../../content/schema.js';
import { parsePack } from '../../../../main/core/content/parse-pack.js';
import { checkSemantics } from '../../../../main/core/content/semantic-rules.js';
import { lineOf, toYaml, validRole } from './fixtures/valid-pack.js';
import { exerciseQuestion, exerciseRound, tinyBugBash, tinyIntegration } from './fixtures/workspace-exercises.js';

const F = 'pack.yaml';

function withExercises(): Role {
  const role = validRole();
  role.rounds.push(
    exerciseRound('bugs', 'bug_bash', [exerciseQuestion('bug-q', { bugBash: tinyBugBash() })]),
    exerciseRound('api', 'integration', [exerciseQuestion('api-q', { integration: tinyIntegration() })]),
  );
  return role;
}

function check(role: Role): { text: string; errors: string[] } {
  const text = toYaml(role);
  const parsed = parsePack(text, F);
  expect(parsed.errors).toEqual([]);
  return { text, errors: checkSemantics(parsed.role!, F, parsed.locate).errors };
}

const bugBash = (role: Role) => role.rounds[2]!.questions[0]!.bugBash!;
const integration = (role: Role) => role.rounds[3]!.questions[0]!.integration!;

describe('workspace exercise rules', () => {
  it('accept the valid exercises', () => {
    expect(check(withExercises()).errors).toEqual([]);
  });

  it('point a bug at hidden tests, a file and a rubric point that exist', () => {
    const role = withExercises();
    const bug = bugBash(role).bugs[0]!;
    bug.tests = ['test/other.test.js > x > y'];
    bug.file = 'src/missing.js';
    bug.rubric = 'no-such-point';
    const { text, errors } = check(role);
    expect(errors).toEqual([
      `pack.yaml:${lineOf(text, 'file: src/missing.js')} rounds[2].questions[0].bugBash.bugs[0].file: "src/missing.js" is not one of the exercise's files`,
      `pack.yaml:${lineOf(text, 'rubric: no-such-point')} rounds[2].questions[0].bugBash.bugs[0].rubric: "no-such-point" is not a rubric id of this question (rubric ids: root-cause, reproduce, tests)`,
      `pack.yaml:${lineOf(text, '- test/other.test.js > x > y')} rounds[2].questions[0].bugBash.bugs[0].tests[0]: "test/other.test.js" is not a hidden test file (hidden test files: test/_hidden/total.hidden.test.js)`,
    ]);
  });

  it('need test files in the workspace and among the hidden files', () => {
    const role = withExercises();
    const spec = bugBash(role);
    delete spec.files['test/total.test.js'];
    spec.hidden = { 'test/_hidden/helper.js.txt': 'x' };
    const { errors } = check(role);
    expect(errors).toEqual([
      expect.stringMatching(
        / rounds\[2\]\.questions\[0\]\.bugBash\.files: no test files: the candidate needs a test suite to run \(name them \*\.test\.js or files in a test\/ folder\)$/,
      ),
      expect.stringMatching(
        / rounds\[2\]\.questions\[0\]\.bugBash\.hidden: no test files among the hidden files \(name them \*\.test\.js or files in a test\/ folder\)$/,
      ),
      expect.stringMatching(
        /bugs\[0\]\.tests\[0\]: "test\/_hidden\/total\.hidden\.test\.js" is not a hidden test file \(hidden test files: none\)$/,
      ),
    ]);
  });

  it('report a reference patch that does not apply', () => {
    const role = withExercises();
    bugBash(role).reference = { patch: bugBash(role).reference.patch!.replace('let sum = 0;', 'let acc = 0;') };
    const { errors } = check(role);
    expect(errors).toEqual([
      expect.stringMatching(
        /rounds\[2\]\.questions\[0\]\.bugBash\.reference\.patch: the patch does not apply: src\/total\.js: hunk at patch line 3 expects " {2}let acc = 0;" at line 2, found " {2}let sum = 0;"$/,
      ),
    ]);
  });

  it('match round kinds to exercises', () => {
    const role = withExercises();
    role.rounds[2]!.questions.push(exerciseQuestion('plain-q', {}));
    role.rounds[2]!.questionsPerSession = 1;
    role.rounds[3]!.questions[0]!.bugBash = tinyBugBash();
    const { errors } = check(role);
    expect(errors).toEqual([
      expect.stringMatching(/ rounds\[2\]\.questions\[1\]: questions in a bug_bash round need a "bugBash" exercise$/),
      expect.stringMatching(
        / rounds\[3\]\.questions\[0\]: a question has one exercise, but this one has bugBash and integration$/,
      ),
      expect.stringMatching(
        / rounds\[3\]\.questions\[0\]\.bugBash: "bugBash" exercises belong in a bug_bash round, not integration$/,
      ),
    ]);
  });

  it('check hidden runs and the mock API declaration', () => {
    const role = withExercises();
    const spec = integration(role);
    spec.parts[0]!.hidden[0]!.files = ['test/_hidden/nope.test.js'];
    spec.api.resources.push({ ...spec.api.resources[0]!, records: [{ id: 'xx_1' }, { id: 'it_2' }, { id: 'it_2' }] });
    spec.api.webhooks = {
      secret: 'whsec_12345678',
      signatureHeader: 'Webhook-Signature',
      maxAttempts: 3,
      events: [{ id: 'evt_1', type: 'item.created', resource: 'items', record: 'it_9' }],
    };
    spec.api.resources[0]!.emits = { create: 'item.created' };
    const { errors } = check(role);
    const tails = errors.map((e) => e.replace(/^pack\.yaml:\d+ rounds\[3\]\.questions\[0\]\.integration\./, ''));
    expect(tails).toEqual([
      'parts[0].hidden[0].files[0]: "test/_hidden/nope.test.js" is not one of the hidden files',
      'api.resources[0].emits: emits an event on create, but the resource cannot be created',
      'api.resources[1].name: resource "items" is declared twice',
      'api.resources[1].records[0]: every record needs an "id" starting with "it_"',
      'api.resources[1].records[2].id: record id "it_2" is used twice',
      'api.webhooks.events[0].record: items has no record "it_9"',
    ]);
  });

  it('schema: file paths stay inside the workspace, with the line of the bad key', () => {
    const role = withExercises();
    bugBash(role).files['../outside.js'] = 'x';
    bugBash(role).files['/etc/passwd'] = 'x';
    const text = toYaml(role);
    const { errors } = parsePack(text, F);
    expect(errors).toEqual([
      expect.stringMatching(
        /^pack\.yaml:\d+ rounds\[2\]\.questions\[0\]\.bugBash\.files\["\.\.\/outside\.js"\]: invalid name: must be a relative path like "src\/money\.js"/,
      ),
      expect.stringMatching(
        /^pack\.yaml:\d+ rounds\[2\]\.questions\[0\]\.bugBash\.files\["\/etc\/passwd"\]: invalid name: must be a relative path/,
      ),
    ]);
    expect(errors[0]).toContain(`pack.yaml:${lineOf(text, '../outside.js:')} `);
  });
});
