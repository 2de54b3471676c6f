/**
 * The language model's judgement of an answer and of a round, through a JSON-schema grammar.
 * Everything the model returns is checked before anyone sees it: scores are clamped to 1–4,
 * quotes that are not in the transcript are dropped, an unknown hire signal rejects the round
 * summary, and cut-off or unreadable output is a normal outcome with the rule-based feedback
 * shown instead.
 *
 * Over 300 lines: The judge's prompts and the checks on everything the model returns sit side by
 * side, so each check is next to what it guards.
 */
import {
  HIRE_SIGNALS,
  JUDGE_DIMENSIONS,
  type HireSignal,
  type JudgeDimension,
  type LlmQuestionJudgement,
  type RoundFeedback,
} from '../../contract/services/feedback.js';
import type { JsonResult, JsonSchema, LlmJsonGenerator } from '../llm/types.js';
import { sensibleEnglishAll } from '../rubric/sensible-text.js';
import { locateQuote } from './quotes.js';
import type { RulesQuestionFeedback } from './rules-feedback.js';

export const DIMENSION_LABELS: Record<JudgeDimension, string> = {
  content: 'Content',
  depth: 'Depth',
  structure: 'Structure',
  communication: 'Communication',
};

const DIMENSION_MEANING: Record<JudgeDimension, string> = {
  content: 'covers what a strong answer covers (the rubric)',
  depth: 'specific, concrete detail rather than generalities',
  structure: 'easy to follow; for stories: situation, task, action, result',
  communication: 'clear, concise, confident wording',
};

const line = (max: number) => ({ type: 'string', maxLength: max });
const dimension = { type: 'object', properties: { score: { enum: [1, 2, 3, 4] }, why: line(200) } };

/** Evidence first, then the verdict: the model commits to quotes before it scores. */
export const QUESTION_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    evidence: {
      type: 'array',
      items: { type: 'object', properties: { quote: line(200), note: line(160) } },
      maxItems: 4,
    },
    scores: { type: 'object', properties: Object.fromEntries(JUDGE_DIMENSIONS.map((d) => [d, dimension])) },
    strengths: { type: 'array', items: line(200), maxItems: 3 },
    improvement: line(300),
    betterAnswer: { type: 'array', items: line(200), minItems: 1, maxItems: 6 },
  },
};

export const ROUND_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    summary: line(600),
    hireSignal: { enum: [...HIRE_SIGNALS] },
    reasons: { type: 'array', items: line(200), minItems: 1, maxItems: 3 },
    practiceNext: { type: 'array', items: line(200), minItems: 1, maxItems: 3 },
  },
};

export const SYSTEM_PROMPT =
  'You are an experienced, fair interviewer giving a candidate feedback after a practice interview. ' +
  'Be specific and honest: praise only what the answer shows, and name what is missing. ' +
  'Quote the candidate only with their exact words, copied from the transcript. Reply with JSON only.';

export interface QuestionJudgeInput {
  roleTitle: string;
  roundKind: string;
  rules: RulesQuestionFeedback;
  /** The rubric's "why" for each point id, so the model knows what each point is for. */
  rubricWhy: Record<string, string>;
}

export function questionPrompt(input: QuestionJudgeInput): string {
  const q = input.rules;
  const answers = q.answers
    .map(
      (a, i) =>
        `${a.kind === 'follow_up' ? `Follow-up ${i}: ${a.prompt}` : `Question: ${a.prompt}`}\nCandidate: ${a.text.trim()}`,
    )
    .join('\n\n');
  const rubric = q.coverage
    .map(
      (c) =>
        `- ${c.point}${input.rubricWhy[c.id] ? ` (${input.rubricWhy[c.id]})` : ''}${c.covered ? ' [mentioned]' : ' [not mentioned]'}`,
    )
    .join('\n');
  const star = q.star
    ? `\nSTAR check: ${q.star.parts.map((p) => `${p.part} ${p.present ? 'present' : 'missing'}`).join(', ')}; result ${q.star.resultQuantified ? 'has a number' : 'has no number'}.`
    : '';
  return [
    `Role: ${input.roleTitle}. Round: ${input.roundKind.replace(/_/g, ' ')}.`,
    `Rubric for this question:\n${rubric}`,
    `A strong answer's outline:\n${q.outline.map((o) => `- ${o}`).join('\n')}`,
    `Transcript:\n${answers}${star}`,
    "Judge the candidate's answer. Give up to 4 evidence quotes copied exactly from the candidate's words, each with a short note on what it shows. " +
      `Score each dimension from 1 (weak) to 4 (strong) with a one-line reason: ${JUDGE_DIMENSIONS.map((d) => `${d} = ${DIMENSION_MEANING[d]}`).join('; ')}. ` +
      "List up to 3 strengths, the single most important improvement, and a better-answer outline of 3 to 6 short points that follows the strong outline but uses the candidate's own examples.",
  ].join('\n\n');
}

export interface RoundJudgeInput {
  roleTitle: string;
  roundTitle: string;
  roundKind: string;
  questions: {
    prompt: string;
    skipped: boolean;
    judgement: LlmQuestionJudgement | null;
    rules: RulesQuestionFeedback;
  }[];
}

export function roundPrompt(input: RoundJudgeInput): string {
  const parts = input.questions.map((q, i) => {
    const head = `Question ${i + 1}: ${q.prompt}`;
    if (q.skipped) return `${head}\nNot answered.`;
    const scores = q.judgement ? q.judgement.scores.map((s) => `${s.dimension} ${s.score}/4`).join(', ') : 'no scores';
    const improvement = q.judgement?.improvement || q.rules.rules.improvement || 'none noted';
    return `${head}\nRubric points covered: ${q.rules.rules.covered} of ${q.rules.rules.total}. Scores: ${scores}.\nMain improvement: ${improvement}`;
  });
  return [
    `Role: ${input.roleTitle}. Round: ${input.roundTitle} (${input.roundKind.replace(/_/g, ' ')}).`,
    parts.join('\n\n'),
    `Summarise the round in 2 to 4 sentences, give a hire signal (one of ${HIRE_SIGNALS.join(', ')}) with up to 3 reasons, ` +
      'and the three most useful things to practice next.',
  ].join('\n\n');
}

export type JudgeFailure = 'cut_off' | 'invalid_json' | 'timeout' | 'aborted' | 'error' | 'invalid' | 'nonsense';

export type JudgeOutcome<T> =
  { ok: true; value: T; problems: string[] } | { ok: false; failure: JudgeFailure; note: string; problems: string[] };

export const FAILURE_NOTES: Record<JudgeFailure, string> = {
  cut_off: "The model's feedback was cut off before it finished, so the rule-based feedback is shown instead.",
  invalid_json: "The model's feedback could not be read, so the rule-based feedback is shown instead.",
  timeout: 'The model took too long to give feedback, so the rule-based feedback is shown instead.',
  aborted: 'Model feedback was stopped, so the rule-based feedback is shown instead.',
  error: 'The model could not give feedback, so the rule-based feedback is shown instead.',
  invalid: "The model's feedback did not pass the checks, so the rule-based feedback is shown instead.",
  nonsense:
    "The model's feedback did not read as sensible English (the model may be damaged or unsuitable: choose another under Models), so the rule-based feedback is shown instead.",
};

/** The gate on what the judge wrote: scores with gibberish reasons are not feedback. */
export function senseless(texts: readonly string[]): string | null {
  const verdict = sensibleEnglishAll(texts);
  return verdict.ok ? null : `the judgement does not read as English (${verdict.reason ?? 'unknown'})`;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** One line, trimmed and capped; "" for anything that is not a string. */
export function text(v: unknown, max: number): string {
  if (typeof v !== 'string') return '';
  const one = v.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1).trimEnd()}…` : one;
}

function texts(v: unknown, max: number, count: number): string[] {
  return Array.isArray(v)
    ? v
        .map((x) => text(x, max))
        .filter(Boolean)
        .slice(0, count)
    : [];
}

/** 1–4; a number outside is clamped (and reported), anything else is missing. */
export function clampScore(v: unknown): { score: 1 | 2 | 3 | 4; clamped: boolean } | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  const score = Math.min(4, Math.max(1, Math.round(n))) as 1 | 2 | 3 | 4;
  return { score, clamped: score !== n };
}

export function validateQuestionJudgement(
  value: unknown,
  answers: readonly string[],
): { judgement: LlmQuestionJudgement | null; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(value)) return { judgement: null, problems: ['not a JSON object'] };
  const scoresIn = isRecord(value.scores) ? value.scores : {};
  const scores: LlmQuestionJudgement['scores'] = [];
  for (const d of JUDGE_DIMENSIONS) {
    const entry = scoresIn[d];
    const checked = clampScore(isRecord(entry) ? entry.score : undefined);
    if (!checked) {
      problems.push(`score for ${d} is missing or not a number`);
      continue;
    }
    if (checked.clamped)
      problems.push(`score for ${d} (${String(isRecord(entry) ? entry.score : '')}) clamped to ${checked.score}`);
    scores.push({
      dimension: d,
      label: DIMENSION_LABELS[d],
      score: checked.score,
      justification: text(isRecord(entry) ? entry.why : '', 240),
    });
  }
  if (scores.length < JUDGE_DIMENSIONS.length) return { judgement: null, problems };

  const evidence: LlmQuestionJudgement['evidence'] = [];
  let dropped = 0;
  for (const item of Array.isArray(value.evidence) ? value.evidence : []) {
    const quote = isRecord(item) && typeof item.quote === 'string' ? item.quote : '';
    const found = locateQuote(quote, answers);
    if (!found) {
      dropped++;
      problems.push(`quote not in the transcript, dropped: ${JSON.stringify(quote.slice(0, 120))}`);
      continue;
    }
    if (evidence.some((e) => e.quote === found.text)) continue;
    evidence.push({ quote: found.text, note: text(isRecord(item) ? item.note : '', 200) });
  }
  const improvement = text(value.improvement, 300);
  if (!improvement) problems.push('no improvement given');
  const overall = Math.round((scores.reduce((s, x) => s + x.score, 0) / scores.length) * 10) / 10;
  return {
    judgement: {
      scores,
      overall,
      evidence: evidence.slice(0, 4),
      droppedQuotes: dropped,
      strengths: texts(value.strengths, 200, 3),
      improvement,
      betterAnswer: texts(value.betterAnswer, 200, 8),
    },
    problems,
  };
}

export function validateRoundJudgement(value: unknown): {
  round: NonNullable<RoundFeedback['llm']> | null;
  problems: string[];
} {
  if (!isRecord(value)) return { round: null, problems: ['not a JSON object'] };
  const problems: string[] = [];
  const hireSignal =
    typeof value.hireSignal === 'string' && (HIRE_SIGNALS as readonly string[]).includes(value.hireSignal)
      ? (value.hireSignal as HireSignal)
      : null;
  if (!hireSignal) problems.push(`unknown hire signal ${JSON.stringify(value.hireSignal)}`);
  const summary = text(value.summary, 800);
  if (!summary) problems.push('no summary');
  if (!hireSignal || !summary) return { round: null, problems };
  return {
    round: {
      summary,
      hireSignal,
      reasons: texts(value.reasons, 200, 3),
      practiceNext: texts(value.practiceNext, 200, 3),
    },
    problems,
  };
}

export interface JudgeOptions {
  maxTokens: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export const DEFAULT_JUDGE_OPTIONS: JudgeOptions = { maxTokens: 900, timeoutMs: 180_000 };

type Generated = JsonResult<unknown> & { thrown?: string };

export function failed<T>(result: Generated): JudgeOutcome<T> {
  const failure = result.failure ?? 'invalid_json';
  const note =
    failure === 'error' && result.message
      ? `${result.message} The rule-based feedback is shown instead.`
      : FAILURE_NOTES[failure];
  const detail = result.thrown ?? result.message;
  return {
    ok: false,
    failure,
    note,
    problems: [`generation failed: ${failure} after ${result.raw.length} characters${detail ? ` (${detail})` : ''}`],
  };
}

export async function generate(
  generator: LlmJsonGenerator,
  prompt: string,
  schema: JsonSchema,
  options: JudgeOptions,
  system = SYSTEM_PROMPT,
): Promise<Generated> {
  try {
    return await generator.generateJson<unknown>(system, prompt, schema, options);
  } catch (e) {
    // An implementation that throws instead of reporting a failure is treated the same way.
    return { value: null, raw: '', failure: 'error', thrown: e instanceof Error ? e.message : String(e) };
  }
}

export async function judgeQuestion(
  generator: LlmJsonGenerator,
  input: QuestionJudgeInput,
  options: JudgeOptions = DEFAULT_JUDGE_OPTIONS,
): Promise<JudgeOutcome<LlmQuestionJudgement>> {
  const result = await generate(generator, questionPrompt(input), QUESTION_SCHEMA, options);
  if (result.value === null) return failed(result);
  const { judgement, problems } = validateQuestionJudgement(
    result.value,
    input.rules.answers.map((a) => a.text),
  );
  if (!judgement) return { ok: false, failure: 'invalid', note: FAILURE_NOTES.invalid, problems };
  const nonsense = senseless([
    ...judgement.scores.map((d) => d.justification),
    ...judgement.strengths,
    judgement.improvement,
  ]);
  if (nonsense)
    return { ok: false, failure: 'nonsense', note: FAILURE_NOTES.nonsense, problems: [...problems, nonsense] };
  return { ok: true, value: judgement, problems };
}

export async function judgeRound(
  generator: LlmJsonGenerator,
  input: RoundJudgeInput,
  options: JudgeOptions = DEFAULT_JUDGE_OPTIONS,
): Promise<JudgeOutcome<NonNullable<RoundFeedback['llm']>>> {
  const result = await generate(generator, roundPrompt(input), ROUND_SCHEMA, options);
  if (result.value === null) return failed(result);
  const { round, problems } = validateRoundJudgement(result.value);
  if (!round) return { ok: false, failure: 'invalid', note: FAILURE_NOTES.invalid, problems };
  const nonsense = senseless([round.summary, ...round.reasons, ...round.practiceNext]);
  if (nonsense)
    return { ok: false, failure: 'nonsense', note: FAILURE_NOTES.nonsense, problems: [...problems, nonsense] };
  return { ok: true, value: round, problems };
}
