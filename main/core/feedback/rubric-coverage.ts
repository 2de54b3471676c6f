import type { RubricPoint } from '../../../content/schema.js';
import { tokenize, type Token } from './tokens.js';

export interface PointCoverage {
  id: string;
  point: string;
  covered: boolean;
  /** The answer's own words that matched a signal, as written. */
  evidence: string[];
}

/**
 * Finds a signal (one or more words) in the answer: case-insensitive, on word boundaries,
 * by stem, so "retried idempotently" evidences "retry" and "idempotent".
 */
export function findSignal(answerTokens: Token[], answerText: string, signal: string): string | null {
  const needle = tokenize(signal);
  if (needle.length === 0) return null;
  outer: for (let i = 0; i + needle.length <= answerTokens.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (answerTokens[i + j]?.stem !== needle[j]?.stem) continue outer;
    }
    const first = answerTokens[i];
    const last = answerTokens[i + needle.length - 1];
    return first && last ? answerText.slice(first.start, last.end) : null;
  }
  return null;
}

export function rubricCoverage(answer: string, rubric: readonly RubricPoint[]): PointCoverage[] {
  const tokens = tokenize(answer);
  return rubric.map((point) => {
    const evidence = [...new Set(point.signals.map((s) => findSignal(tokens, answer, s)).filter((e): e is string => e !== null))];
    return { id: point.id, point: point.point, covered: evidence.length > 0, evidence };
  });
}
