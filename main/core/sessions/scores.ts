/**
 * Scores for review and progress, as pure functions of what a session stored.
 *
 * Only a model's judgement is a score. Without one, a question's rubric points are listed as
 * mentioned or not by the candidate's answers (question plus follow-ups), each with its sentence
 * in the feedback, and no number is made of them: a share of points touched reads as a grade
 * while it says nothing about how good the answer was.
 */
import { elapsed } from '../interview/clock.js';
import type { EngineState, PlannedQuestion, TurnRecord } from '../interview/engine.js';
import { rubricCoverage } from '../rubric/rubric-coverage.js';

export interface QuestionCoverage {
  questionId: string;
  prompt: string;
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
    covered,
    missing: points.filter((p) => !p.covered).map((p) => p.point),
    answered: text.length > 0,
  };
}

/**
 * The model's overall score for a session: the mean of every score its judgements gave, 0–100;
 * null when no model judged (rule feedback stores no scores).
 */
export function modelScorePct(scores: readonly { value: number }[]): number | null {
  return mean(scores.map((s) => s.value));
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
  const words = id
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
