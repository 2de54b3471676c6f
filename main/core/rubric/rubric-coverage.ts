import type { RubricPoint } from '../../../content/schema.js';
import { aliasesOf } from './aliases.js';
import { stem } from './stem.js';
import { tokenize, type Token } from './tokens.js';

export interface PointCoverage {
  id: string;
  point: string;
  covered: boolean;
  /** The answer's own words that matched a signal, as written. */
  evidence: string[];
}

/** Longest run of answer words tried when a signal is written closed up ("tradeoff" for "trade-off"). */
const MAX_COMPACT_WORDS = 3;

function quote(answerTokens: Token[], answerText: string, from: number, count: number): string | null {
  const first = answerTokens[from];
  const last = answerTokens[from + count - 1];
  return first && last ? answerText.slice(first.start, last.end) : null;
}

/** Word by word: "retried idempotently" evidences "retry" and "idempotent". */
function findByWords(answerTokens: Token[], answerText: string, needle: Token[]): string | null {
  outer: for (let i = 0; i + needle.length <= answerTokens.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (answerTokens[i + j]?.stem !== needle[j]?.stem) continue outer;
    }
    return quote(answerTokens, answerText, i, needle.length);
  }
  return null;
}

/**
 * Closed up: "trade-offs" and "trade offs" evidence "tradeoff", "dataset" evidences "data set".
 * Pieces of one letter are not joined, so "a pi" never evidences "api".
 */
function findCompact(answerTokens: Token[], answerText: string, needle: Token[]): string | null {
  const target = stem(needle.map((t) => t.word).join(''));
  if (target.length < 4) return null;
  for (let i = 0; i < answerTokens.length; i++) {
    let joined = '';
    for (let n = 1; n <= MAX_COMPACT_WORDS && i + n <= answerTokens.length; n++) {
      const word = answerTokens[i + n - 1]!.word;
      if (n > 1 && word.length < 2) break;
      joined += word;
      if (n === 1 && needle.length === 1) continue; // the word-by-word match already tried this
      if (stem(joined) === target) return quote(answerTokens, answerText, i, n);
    }
  }
  return null;
}

/**
 * Finds a signal (one or more words) in the answer: case-insensitive, on word boundaries,
 * by stem, so "retried idempotently" evidences "retry" and "idempotent"; written closed up or
 * apart ("tradeoff", "trade-off"); or by a common alias ("k8s" for "Kubernetes").
 */
export function findSignal(answerTokens: Token[], answerText: string, signal: string): string | null {
  for (const variant of [signal, ...aliasesOf(signal)]) {
    const needle = tokenize(variant);
    if (needle.length === 0) continue;
    const found = findByWords(answerTokens, answerText, needle) ?? findCompact(answerTokens, answerText, needle);
    if (found !== null) return found;
  }
  return null;
}

export function rubricCoverage(answer: string, rubric: readonly RubricPoint[]): PointCoverage[] {
  const tokens = tokenize(answer);
  return rubric.map((point) => {
    const evidence = [
      ...new Set(point.signals.map((s) => findSignal(tokens, answer, s)).filter((e): e is string => e !== null)),
    ];
    return { id: point.id, point: point.point, covered: evidence.length > 0, evidence };
  });
}
