import { describe, it, expect } from 'vitest';
import type { Role } from '../../../../content/schema.js';
import { parsePack } from '../../../../main/core/content/parse-pack.js';
import { checkSemantics } from '../../../../main/core/content/semantic-rules.js';
import { lineOf, toYaml, validRole } from './fixtures/valid-pack.js';

const F = 'pack.yaml';

/** Serialises, parses (so lines are real) and runs the semantic rules. */
function check(role: Role): { text: string; errors: string[]; coding: number } {
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
  it('passes the valid fixture and counts its coding questions, without running any code', () => {
    const role = validRole();
    // A reference that would loop forever or fail: structure checks never run it.
    codingQuestion(role).coding!.reference.javascript = 'function sumPair() { while (true) {} }';
    const { errors, coding } = check(role);
    expect(errors).toEqual([]);
    expect(coding).toBe(1);
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
});
