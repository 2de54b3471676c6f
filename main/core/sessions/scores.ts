/**
 * Scores for review and progress, as pure functions of what a session stored.
 *
 * Without a model, the one score dimension is rubric coverage: the share of a question's rubric
 * points that the candidate's answers (question plus follow-ups) evidenced. The model's stored
 * judgements add dimensions of their own (read through feedback/stored-body.ts).
 */
import { elapsed } from '../interview/clock.js';
import type { EngineState, PlannedQuestion, TurnRecord } from '../interview/engine.js';
import { rubricCoverage } from '../rubric/rubric-coverage.js';

export const COVERAGE_DIMENSION = 'coverage';

export interface QuestionCoverage {
  questionId: string;
  prompt: string;
  /** Covered rubric points, 0–100; null when the question has no rubric. */
  pct: number | null;
  covered: string[];
  missing: string[];
  answered: boolean;
}

/** Coverage of one question by every answer given to it. */
export function coverageOf(question: PlannedQuestion, turns: readonly TurnRecord[]): QuestionCoverage {
  const text = turns
    .filter((t) => t.status === 'answered' && t.answer)
    .map((t) => t.answer ?? '')
    .join('\n');
  const points = rubricCoverage(text, question.rubric);
  const covered = points.filter((p) => p.covered).map((p) => p.point);
  return {
    questionId: question.id,
    prompt: question.prompt,
    pct: points.length === 0 ? null : Math.round((covered.length / points.length) * 100),
    covered,
    missing: points.filter((p) => !p.covered).map((p) => p.point),
    answered: text.length > 0,
  };
}

/** One entry per asked question, in the order asked. A skipped question counts as 0 %. */
export function questionCoverages(state: EngineState): QuestionCoverage[] {
  return state.questions.flatMap((question, index) => {
    const turns = state.turns.filter((t) => t.questionIndex === index);
    return turns.length === 0 ? [] : [coverageOf(question, turns)];
  });
}

/** The session's coverage score: the mean over asked questions that have a rubric. */
export function sessionCoveragePct(state: EngineState): number | null {
  return mean(questionCoverages(state).map((q) => q.pct));
}

export function mean(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (present.length === 0) return null;
  return Math.round(present.reduce((a, b) => a + b, 0) / present.length);
}

/** Round clock time; a clock still running counts up to the last save. */
export function durationOf(state: EngineState, updatedAt: number): number {
  return elapsed(state.round, Math.max(updatedAt, state.round.runningSince ?? 0));
}

export function dimensionLabel(id: string): string {
  if (id === COVERAGE_DIMENSION) return 'Rubric coverage';
  const words = id
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
