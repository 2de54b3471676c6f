/**
 * A clarifying question in a design round is answered from the question's stated constraints
 * (pack data), the way a real interviewer answers "how much traffic?" with a number.
 */
import type { Question } from '../../../../content/schema.js';
import { findSignal } from '../../rubric/rubric-coverage.js';
import { tokenize } from '../../rubric/tokens.js';

/** The answers of the constraints the question matches best (most signals), or null when none match. */
export function constraintAnswer(question: Pick<Question, 'design'>, candidateQuestion: string): string | null {
  const constraints = question.design?.constraints ?? [];
  const tokens = tokenize(candidateQuestion);
  const scored = constraints
    .map((c) => ({ c, score: c.signals.filter((s) => findSignal(tokens, candidateQuestion, s) !== null).length }))
    .filter((s) => s.score > 0);
  if (scored.length === 0) return null;
  const best = Math.max(...scored.map((s) => s.score));
  // A question that asks about two things ("traffic and latency?") gets both, best first, at most two.
  const picked = scored.filter((s) => s.score === best || s.score >= 2).slice(0, 2);
  return picked.map((s) => s.c.answer).join(' ');
}

/** The constraints as the LLM interviewer is told them, so it answers from them rather than inventing. */
export function constraintLines(question: Pick<Question, 'design'>): string[] {
  const constraints = question.design?.constraints ?? [];
  if (constraints.length === 0) return [];
  return [
    'Stated constraints (answer clarifying questions from these; if they do not cover it, ask the candidate to assume):',
    ...constraints.map((c) => `- ${c.topic}: ${c.answer}`),
  ];
}
