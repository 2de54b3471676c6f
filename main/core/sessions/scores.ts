/**
 * Scores for review and progress, as pure functions of what a session stored.
 *
 * Until the feedback service writes scores, the one score dimension is rubric coverage: the
 * share of a question's rubric points that the candidate's answers (question plus follow-ups)
 * evidenced. Feedback rows add dimensions of their own (see feedbackScores); delivery metrics
 * come from feedback rows when they carry them, else from the spoken transcript.
 */
import type { DeliveryMetrics, FeedbackScore } from '../../contract/services/sessions.js';
import { elapsed } from '../interview/clock.js';
import type { EngineState, PlannedQuestion, TurnRecord } from '../interview/engine.js';
import { rubricCoverage } from '../rubric/rubric-coverage.js';
import { tokenize } from '../rubric/tokens.js';

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

// Unambiguous hesitation sounds and verbal tics. "like" and "so" are left out: they are
// ordinary words far more often than fillers, and counting them would accuse fluent speakers.
const FILLER_WORDS = new Set(['um', 'umm', 'uh', 'uhm', 'uhh', 'erm', 'er', 'ah', 'hmm', 'mm', 'mhm']);
const FILLER_PAIRS = new Set(['you know', 'i mean']);

export function countFillers(text: string): { words: number; fillers: number } {
  const words = tokenize(text).map((t) => t.word);
  let fillers = 0;
  for (let i = 0; i < words.length; i++) {
    if (FILLER_WORDS.has(words[i] ?? '')) fillers++;
    else if (i + 1 < words.length && FILLER_PAIRS.has(`${words[i]} ${words[i + 1]}`)) fillers++;
  }
  return { words: words.length, fillers };
}

/**
 * Pace and fillers of spoken answers. Typed answers have no delivery: their "pace" would be
 * typing speed, so callers pass only turns that were recorded.
 */
export function deliveryOf(spoken: readonly { text: string; durationMs: number }[]): DeliveryMetrics {
  let words = 0;
  let fillers = 0;
  let ms = 0;
  for (const answer of spoken) {
    const counted = countFillers(answer.text);
    words += counted.words;
    fillers += counted.fillers;
    ms += Math.max(0, answer.durationMs);
  }
  return {
    wordsPerMinute: words > 0 && ms >= 1000 ? Math.round(words / (ms / 60_000)) : null,
    fillersPer100Words: words > 0 ? Math.round((fillers / words) * 1000) / 10 : null,
  };
}

// --- Feedback rows ---------------------------------------------------------------------
// The feedback service owns its JSON. These readers accept the shapes a score list
// naturally takes, so its scores join the progress charts without a change here:
//   { scores: { clarity: 4, structure: { score: 3, max: 5 } } }
//   { scores: [ { dimension: 'clarity', score: 4, max: 5 }, ... ] }
//   { delivery | metrics: { wordsPerMinute | wpm, fillersPer100Words | fillerRate } }

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * A score on an unknown scale, as 0–100. Without a stated max, small numbers are read as the
 * usual rubric scales (1–5, then 1–10); anything larger as a percentage.
 */
export function toPercent(value: number, max: number | null): number {
  const scaled =
    max && max > 0 ? (value / max) * 100 : value <= 5 ? (value / 5) * 100 : value <= 10 ? value * 10 : value;
  return Math.round(Math.min(100, Math.max(0, scaled)));
}

export function feedbackScores(body: unknown): FeedbackScore[] {
  if (!isObject(body)) return [];
  const scores = body.scores;
  const out: FeedbackScore[] = [];
  const add = (dimension: unknown, value: unknown, max: unknown) => {
    const v = num(value);
    if (typeof dimension !== 'string' || dimension.length === 0 || dimension.length > 80 || v === null) return;
    out.push({ dimension, value: toPercent(v, num(max)) });
  };
  if (Array.isArray(scores)) {
    for (const item of scores) {
      if (!isObject(item)) continue;
      add(
        item.dimension ?? item.id ?? item.name ?? item.key,
        item.score ?? item.value,
        item.max ?? item.outOf ?? item.scale,
      );
    }
  } else if (isObject(scores)) {
    for (const [key, value] of Object.entries(scores)) {
      if (isObject(value)) add(key, value.score ?? value.value, value.max ?? value.outOf ?? value.scale);
      else add(key, value, null);
    }
  }
  return out;
}

export function feedbackDelivery(body: unknown): DeliveryMetrics | null {
  if (!isObject(body)) return null;
  const source = isObject(body.delivery) ? body.delivery : isObject(body.metrics) ? body.metrics : null;
  if (!source) return null;
  const wpm = num(source.wordsPerMinute ?? source.wpm);
  const fillers = num(source.fillersPer100Words ?? source.fillerRate ?? source.fillersPer100);
  return wpm === null && fillers === null ? null : { wordsPerMinute: wpm, fillersPer100Words: fillers };
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
