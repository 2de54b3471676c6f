import { describe, it, expect } from 'vitest';
import type { Role } from '../../../../content/schema.js';
import { parsePack } from '../../../../main/core/content/parse-pack.js';
import { runReference } from '../../../../main/core/content/run-reference.js';
import { checkSemantics } from '../../../../main/core/content/semantic-rules.js';
import { lineOf, toYaml, validRole } from './fixtures/valid-pack.js';

const F = 'pack.yaml';

/** Serialises, parses (so lines are real) and runs the semantic rules. */
function check(role: Role): { text: string; errors: string[]; coding: number; referencesPassed: number } {
  const text = toYaml(role);
  const parsed = parsePack(text, F);
  expect(parsed.errors).toEqual([]);
  const report = checkSemantics(parsed.role!, F, parsed.locate);
  return { text, ...report };
}

function codingQuestion(role: Role) {
  return role.rounds[0]!.questions[0]!;
}

describe('checkSemantics', () => {
  it('passes the valid fixture and counts its passing reference', () => {
    const { errors, coding, referencesPassed } = check(validRole());
    expect(errors).toEqual([]);
    expect({ coding, referencesPassed }).toEqual({ coding: 1, referencesPassed: 1 });
  });

  it('reports a follow-up that probes a missing rubric id', () => {
    const role = validRole();
    role.rounds[1]!.questions[0]!.followUps[0]!.probes = 'conflict-z';
    const { text, errors } = check(role);
    expect(errors).toEqual([
      `pack.yaml:${lineOf(text, 'probes: conflict-z')} rounds[1].questions[0].followUps[0].probes: probes "conflict-z", which is not a rubric id of this question (rubric ids: conflict-a, conflict-b, conflict-c)`,
    ]);
  });

  it('reports questionsPerSession larger than the round', () => {
    const role = validRole();
    role.rounds[1]!.questionsPerSession = 4;
    const { text, errors } = check(role);
    expect(errors).toEqual([
      `pack.yaml:${lineOf(text, 'questionsPerSession: 4')} rounds[1].questionsPerSession: is 4 but the round has only 1 question`,
    ]);
  });

  it('reports duplicate question, round and rubric ids with both places', () => {
    const role = validRole();
    role.rounds[1]!.questions[0]!.id = 'test-role-sum-pairs';
    role.rounds[1]!.id = 'test-role-coding';
    role.rounds[1]!.questions[0]!.rubric[1]!.id = 'conflict-a';
    const { text, errors } = check(role);
    const firstRound = lineOf(text, 'id: test-role-coding');
    const firstQuestion = lineOf(text, 'id: test-role-sum-pairs');
    expect(errors).toEqual([
      `pack.yaml:${lineOf(text, 'id: test-role-coding', 2)} rounds[1].id: round id "test-role-coding" is already used at rounds[0].id (line ${firstRound})`,
      `pack.yaml:${lineOf(text, 'id: test-role-sum-pairs', 2)} rounds[1].questions[0].id: question id "test-role-sum-pairs" is already used at rounds[0].questions[0].id (line ${firstQuestion})`,
      `pack.yaml:${lineOf(text, 'id: conflict-a', 2)} rounds[1].questions[0].rubric[1].id: rubric id "conflict-a" is already used at rounds[1].questions[0].rubric[0].id (line ${lineOf(text, 'id: conflict-a')})`,
    ]);
  });

  it('allows the same rubric id in different questions', () => {
    const role = validRole();
    role.rounds[1]!.questions[0]!.rubric[0]!.id = 'sum-a';
    role.rounds[1]!.questions[0]!.followUps[0]!.probes = 'sum-a';
    expect(check(role).errors).toEqual([]);
  });

  it('repeats the schema minimums for roles built in code', () => {
    const role = validRole();
    const q = role.rounds[1]!.questions[0]!;
    q.rubric = q.rubric.slice(0, 2);
    q.rubric[0]!.signals = [];
    q.followUps = q.followUps.slice(1);
    codingQuestion(role).coding!.tests.pop();
    const { errors } = checkSemantics(role, F);
    expect(errors).toEqual([
      'pack.yaml:1 rounds[0].questions[0].coding.tests: at least 3 tests required',
      'pack.yaml:1 rounds[1].questions[0].rubric: at least 3 points required',
      'pack.yaml:1 rounds[1].questions[0].followUps: at least 2 follow-ups required',
      'pack.yaml:1 rounds[1].questions[0].rubric[0].signals: at least 1 signal required',
    ]);
  });

  it('reports each test the reference fails, with got and expected', () => {
    const role = validRole();
    codingQuestion(role).coding!.tests[1]!.expected = [4, true];
    codingQuestion(role).coding!.tests[2]!.expected = 'zero';
    const { text, errors, coding, referencesPassed } = check(role);
    expect({ coding, referencesPassed }).toEqual({ coding: 1, referencesPassed: 0 });
    expect(errors).toEqual([
      `pack.yaml:${lineOf(text, '- args:', 2)} rounds[0].questions[0].coding.tests[1]: reference returned [4,false], expected [4,true]`,
      `pack.yaml:${lineOf(text, '- args:', 3)} rounds[0].questions[0].coding.tests[2]: reference returned [0,true], expected "zero"`,
    ]);
  });

  it('reports a reference that loops forever as a time-out, without hanging', () => {
    const role = validRole();
    codingQuestion(role).coding!.reference.javascript = 'function sumPair(a, b) {\n  while (true) {}\n}';
    const started = Date.now();
    const { text, errors } = check(role);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(errors).toEqual([
      `pack.yaml:${lineOf(text, '- args:')} rounds[0].questions[0].coding.tests[0]: reference failed: timed out after 1000 ms (infinite loop?); the 2 later tests were not run`,
    ]);
  });

  it('reports a reference that does not define the function', () => {
    const role = validRole();
    codingQuestion(role).coding!.reference.javascript = 'function other() { return 1; }';
    const { text, errors } = check(role);
    expect(errors).toEqual([
      `pack.yaml:${lineOf(text, 'javascript: function other')} rounds[0].questions[0].coding.reference.javascript: reference does not define a function named sumPair`,
    ]);
  });
});

describe('runReference', () => {
  const tests = [
    { args: [[3, 1, 2]], expected: [1, 2, 3] },
    { args: [[]], expected: [] },
    { args: [[{ a: 1 }]], expected: [{ a: 1 }] },
  ];

  it('passes deep-equal results from arrow functions and const bindings', () => {
    const source =
      'const sortIt = (xs) => xs.every((x) => typeof x === "number") ? [...xs].sort((a, b) => a - b) : xs;';
    expect(runReference(source, 'sortIt', tests)).toEqual({ passed: 3, total: 3, failures: [] });
  });

  it('gives each call its own copy of the arguments', () => {
    const source = 'function sortIt(xs) { xs.push(0); xs.pop(); return xs.sort((a, b) => a - b); }';
    expect(runReference(source, 'sortIt', tests).passed).toBe(3);
    expect(tests[0]!.args).toEqual([[3, 1, 2]]);
  });

  it('has no require, process or module access', () => {
    const source =
      'function probe() { return [typeof require, typeof process, typeof module, typeof globalThis.fetch]; }';
    const report = runReference(source, 'probe', [
      { args: [], expected: ['undefined', 'undefined', 'undefined', 'undefined'] },
    ]);
    expect(report.failures).toEqual([]);
  });

  it('reports thrown errors and syntax errors', () => {
    const throwing = runReference('function f() { throw new TypeError("nope"); }', 'f', [{ args: [], expected: 1 }]);
    expect(throwing.failures).toEqual([{ index: 0, message: 'reference failed: TypeError: nope' }]);
    const broken = runReference('function f( {', 'f', [{ args: [], expected: 1 }]);
    expect(broken.error).toMatch(/^reference does not run: SyntaxError: /);
  });

  it('times out a top-level infinite loop and a promise loop', () => {
    expect(runReference('while (true) {}', 'f', [{ args: [], expected: 1 }], 100).error).toBe(
      'reference does not run: timed out after 100 ms (infinite loop?)',
    );
    const promiseLoop =
      'function f() { Promise.resolve().then(function again() { return Promise.resolve().then(again); }); return 1; }';
    const report = runReference(promiseLoop, 'f', [{ args: [], expected: 1 }], 100);
    expect(report.failures[0]?.message).toMatch(/timed out after 100 ms/);
  });
});
