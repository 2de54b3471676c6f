/**
 * Checks a schema-valid Role for mistakes the schema cannot see: ids that clash, follow-ups that
 * probe nothing, sessions asking for more questions than exist. Messages use the same
 * "<file>:<line> <path>: <message>" shape as parsePack. Nothing here runs a pack's code: whether
 * reference solutions pass their tests is the runner's job (reference-checks.ts).
 */
import type { Question, Role } from '../../../content/schema.js';
import { checkDesignRound } from './design-rules.js';
import { formatError, formatPath, type Locate, type PathSegment } from './parse-pack.js';

export interface SemanticReport {
  errors: string[];
  /** Coding questions in the pack. */
  coding: number;
}

export function checkSemantics(role: Role, file: string, locate: Locate = () => 1): SemanticReport {
  const errors: string[] = [];
  const at = (path: PathSegment[], message: string) => {
    errors.push(formatError(file, locate(path), formatPath(path), message));
  };
  const firstUse = new Map<string, PathSegment[]>();
  /** Reports `path` when `scope:id` was seen before, naming where, so both places are easy to find. */
  const unique = (scope: string, what: string, id: string, path: PathSegment[]) => {
    const key = `${scope}\u0000${id}`;
    const prev = firstUse.get(key);
    if (prev) at(path, `${what} "${id}" is already used at ${formatPath(prev)} (line ${locate(prev)})`);
    else firstUse.set(key, path);
  };

  let coding = 0;
  role.rounds.forEach((round, r) => {
    const rp: PathSegment[] = ['rounds', r];
    unique('round', 'round id', round.id, [...rp, 'id']);
    round.checklist?.forEach((item, c) => {
      unique(`checklist:${r}`, 'checklist id', item.id, [...rp, 'checklist', c, 'id']);
    });
    checkDesignRound(round, rp, at);
    if (round.questionsPerSession > round.questions.length) {
      const n = round.questions.length;
      at(
        [...rp, 'questionsPerSession'],
        `is ${round.questionsPerSession} but the round has only ${n} question${n === 1 ? '' : 's'}`,
      );
    }
    round.questions.forEach((question, q) => {
      const qp: PathSegment[] = [...rp, 'questions', q];
      unique('question', 'question id', question.id, [...qp, 'id']);
      checkQuestion(question, `${r}:${q}`, qp, at, unique);
      if (question.coding || question.exercise) coding++;
      if (question.coding && question.coding.tests.length < 3) {
        at([...qp, 'coding', 'tests'], 'at least 3 tests required');
      }
    });
  });
  return { errors, coding };
}

type At = (path: PathSegment[], message: string) => void;
type Unique = (scope: string, what: string, id: string, path: PathSegment[]) => void;

function checkQuestion(question: Question, scope: string, qp: PathSegment[], at: At, unique: Unique): void {
  // The schema enforces these minimums for YAML input; repeated here (same wording) for Role
  // objects built in code, so every path into the library gets the same guarantees.
  if (question.rubric.length < 3) at([...qp, 'rubric'], 'at least 3 points required');
  if (question.followUps.length < 2) at([...qp, 'followUps'], 'at least 2 follow-ups required');

  const rubricIds = question.rubric.map((p) => p.id);
  question.rubric.forEach((point, k) => {
    unique(`rubric:${scope}`, 'rubric id', point.id, [...qp, 'rubric', k, 'id']);
    if (point.signals.length < 1) at([...qp, 'rubric', k, 'signals'], 'at least 1 signal required');
  });
  question.followUps.forEach((followUp, k) => {
    if (followUp.probes !== undefined && !rubricIds.includes(followUp.probes)) {
      at(
        [...qp, 'followUps', k, 'probes'],
        `probes "${followUp.probes}", which is not a rubric id of this question ` +
          `(rubric ids: ${[...new Set(rubricIds)].join(', ')})`,
      );
    }
  });
}
