/**
 * Checks on bug-bash and integration exercises that the schema cannot express: names that must
 * point at something (a bug's hidden tests, a hidden run's files, a mock event's record), a
 * reference patch that must apply, and a round kind that must match its questions. Cheap and
 * synchronous, so the app runs them when it loads a pack; running the exercises' tests is
 * content:check's job (prove-exercise.ts).
 */
import type { MockApi } from '../../../content/schema/mock-api.js';
import {
  type BugBash,
  type Integration,
  type WorkspaceLanguage,
  TEST_FRAMEWORK,
} from '../../../content/schema/workspace-exercise.js';
import type { Question, Round } from '../../../content/schema.js';
import { PatchError, referenceFiles } from '../runner/suites/patch.js';
import { findTestFiles } from '../runner/suites/test-files.js';
import type { PathSegment } from './parse-pack.js';

type At = (path: PathSegment[], message: string) => void;

const EXERCISE_OF: Partial<Record<Round['kind'], 'bugBash' | 'integration'>> = {
  bug_bash: 'bugBash',
  integration: 'integration',
};

/** Round kind ↔ exercise: a bug_bash round's questions each have `bugBash`, and so on. */
export function checkRoundExercises(round: Round, rp: PathSegment[], at: At): void {
  const wanted = EXERCISE_OF[round.kind];
  round.questions.forEach((q, i) => {
    const qp = [...rp, 'questions', i];
    const has = (['coding', 'bugBash', 'integration'] as const).filter((k) => q[k] !== undefined);
    if (has.length > 1) at(qp, `a question has one exercise, but this one has ${has.join(' and ')}`);
    if (wanted && q[wanted] === undefined) {
      at(qp, `questions in a ${round.kind} round need a "${wanted}" exercise`);
    }
    for (const k of ['bugBash', 'integration'] as const) {
      if (q[k] !== undefined && EXERCISE_OF[round.kind] !== k) {
        at(
          [...qp, k],
          `"${k}" exercises belong in a ${k === 'bugBash' ? 'bug_bash' : 'integration'} round, not ${round.kind}`,
        );
      }
    }
  });
}

export function checkWorkspaceExercise(question: Question, qp: PathSegment[], at: At): void {
  if (question.bugBash) checkBugBash(question, question.bugBash, [...qp, 'bugBash'], at);
  if (question.integration) checkIntegration(question.integration, [...qp, 'integration'], at);
}

function testFileHint(language: WorkspaceLanguage): string {
  return TEST_FRAMEWORK[language] === 'unittest' ? 'test_*.py' : '*.test.js or files in a test/ folder';
}

function checkCommon(
  spec: {
    language: WorkspaceLanguage;
    files: Record<string, string>;
    hidden: Record<string, string>;
    reference: BugBash['reference'];
  },
  ep: PathSegment[],
  at: At,
): void {
  if (findTestFiles(spec.language, Object.keys(spec.files)).length === 0) {
    at(
      [...ep, 'files'],
      `no test files: the candidate needs a test suite to run (name them ${testFileHint(spec.language)})`,
    );
  }
  try {
    referenceFiles(spec.files, spec.reference);
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    at([...ep, 'reference', 'patch'], `the patch does not apply: ${e.message}`);
  }
}

function checkBugBash(question: Question, spec: BugBash, ep: PathSegment[], at: At): void {
  checkCommon(spec, ep, at);
  const hiddenTests = findTestFiles(spec.language, Object.keys(spec.hidden));
  if (hiddenTests.length === 0) {
    at([...ep, 'hidden'], `no test files among the hidden files (name them ${testFileHint(spec.language)})`);
  }
  const rubricIds = question.rubric.map((p) => p.id);
  const seen = new Set<string>();
  spec.bugs.forEach((bug, b) => {
    const bp = [...ep, 'bugs', b];
    if (seen.has(bug.id)) at([...bp, 'id'], `bug id "${bug.id}" is used twice`);
    seen.add(bug.id);
    if (spec.files[bug.file] === undefined) at([...bp, 'file'], `"${bug.file}" is not one of the exercise's files`);
    if (bug.rubric !== undefined && !rubricIds.includes(bug.rubric)) {
      at(
        [...bp, 'rubric'],
        `"${bug.rubric}" is not a rubric id of this question (rubric ids: ${rubricIds.join(', ')})`,
      );
    }
    bug.tests.forEach((test, t) => {
      const file = test.split(' > ')[0]!;
      if (!hiddenTests.includes(file)) {
        at(
          [...bp, 'tests', t],
          `"${file}" is not a hidden test file (hidden test files: ${hiddenTests.join(', ') || 'none'})`,
        );
      }
    });
  });
}

function checkIntegration(spec: Integration, ep: PathSegment[], at: At): void {
  checkCommon(spec, ep, at);
  const partIds = new Set<string>();
  spec.parts.forEach((part, p) => {
    const pp = [...ep, 'parts', p];
    if (partIds.has(part.id)) at([...pp, 'id'], `part id "${part.id}" is used twice`);
    partIds.add(part.id);
    part.hidden.forEach((run, r) => {
      run.files.forEach((file, f) => {
        if (spec.hidden[file] === undefined) {
          at([...pp, 'hidden', r, 'files', f], `"${file}" is not one of the hidden files`);
        }
      });
    });
  });
  checkMockApi(spec.api, [...ep, 'api'], at);
}

export function checkMockApi(api: MockApi, ap: PathSegment[], at: At): void {
  const names = new Set<string>();
  const ids = new Map<string, Set<string>>();
  api.resources.forEach((resource, r) => {
    const rp = [...ap, 'resources', r];
    if (names.has(resource.name)) at([...rp, 'name'], `resource "${resource.name}" is declared twice`);
    names.add(resource.name);
    const hasCreate = resource.operations.includes('create');
    if (hasCreate && !resource.create)
      at([...rp, 'create'], 'the "create" operation needs create rules (fields, required)');
    if (!hasCreate && resource.create)
      at([...rp, 'create'], 'create rules without the "create" operation are never used');
    if (resource.emits && !hasCreate)
      at([...rp, 'emits'], 'emits an event on create, but the resource cannot be created');
    resource.create?.required.forEach((field, f) => {
      if (resource.create!.fields[field] === undefined) {
        at([...rp, 'create', 'required', f], `"${field}" is required but not among the create fields`);
      }
    });
    const own = new Set<string>();
    resource.records.forEach((record, k) => {
      const id = record.id;
      if (typeof id !== 'string' || !id.startsWith(resource.idPrefix)) {
        at([...rp, 'records', k], `every record needs an "id" starting with "${resource.idPrefix}"`);
      } else if (own.has(id)) {
        at([...rp, 'records', k, 'id'], `record id "${id}" is used twice`);
      } else {
        own.add(id);
      }
    });
    ids.set(resource.name, own);
  });
  api.resources.forEach((resource, r) => {
    for (const [field, target] of Object.entries(resource.create?.references ?? {})) {
      if (!names.has(target))
        at([...ap, 'resources', r, 'create', 'references', field], `no resource named "${target}"`);
    }
  });
  api.webhooks?.events.forEach((event, e) => {
    const ep = [...ap, 'webhooks', 'events', e];
    const records = ids.get(event.resource);
    if (!records) at([...ep, 'resource'], `no resource named "${event.resource}"`);
    else if (!records.has(event.record)) at([...ep, 'record'], `${event.resource} has no record "${event.record}"`);
  });
  if (api.pagination.defaultLimit > api.pagination.maxLimit) {
    at([...ap, 'pagination', 'defaultLimit'], `is larger than maxLimit (${api.pagination.maxLimit})`);
  }
}
