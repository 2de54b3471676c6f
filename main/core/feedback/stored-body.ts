/**
 * The JSON the feedback table holds, defined once: the feedback service writes these shapes and
 * History, Progress and export read them through the readers here (never by guessing at keys).
 * `v` is the body version; a reader returns null for a body it does not know, and that row is
 * then treated as missing (a newer app's row, or a damaged one).
 */
import { z } from 'zod';
import type { CodeNote, LlmQuestionJudgement, RoundFeedback } from '../../contract/services/feedback.js';
import type { DeliveryMetrics, FeedbackScore } from '../../contract/services/sessions.js';
import type { RulesQuestionFeedback } from './rules-feedback.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Pace and fillers of a question's spoken answers (absent when none was spoken). */
export const deliverySummarySchema = z.object({
  wordsPerMinute: z.number().nullable(),
  fillersPer100Words: z.number().nullable(),
});

/** Rule-based feedback of one question, on its first turn. */
export const rulesQuestionBodySchema = z.object({
  v: z.literal(1),
  type: z.literal('question'),
  key: z.string(),
  delivery: deliverySummarySchema.optional(),
  // The full rule-based view, as computed (its own shape is the contract's QuestionFeedback).
  feedback: z.custom<RulesQuestionFeedback>(isObject),
});
export type RulesQuestionBody = z.infer<typeof rulesQuestionBodySchema>;

/** Scores are 1 to `max` (the judge's scale). */
const storedScoreSchema = z.object({
  dimension: z.string().min(1).max(80),
  score: z.number(),
  max: z.number().positive(),
});

/** The model's judgement of one question (or why there is none), on its first turn. */
export const llmQuestionBodySchema = z.object({
  v: z.literal(1),
  type: z.literal('question'),
  questionId: z.string(),
  key: z.string(),
  judgement: z.custom<LlmQuestionJudgement>(isObject).nullable(),
  note: z.string().nullable(),
  scores: z.array(storedScoreSchema),
  /** Coding questions: the model's notes on the final code (absent in rows written before them). */
  codeNotes: z.array(z.custom<CodeNote>(isObject)).optional(),
});
export type LlmQuestionBody = z.infer<typeof llmQuestionBodySchema>;

/** The model's summary of a round (or why there is none), on the round. */
export const llmRoundBodySchema = z.object({
  v: z.literal(1),
  type: z.literal('round'),
  key: z.string(),
  round: z.custom<NonNullable<RoundFeedback['llm']>>(isObject).nullable(),
  note: z.string().nullable(),
});
export type LlmRoundBody = z.infer<typeof llmRoundBodySchema>;

export type FeedbackSource = 'rules' | 'llm';

export function readRulesQuestionBody(body: unknown): RulesQuestionBody | null {
  const parsed = rulesQuestionBodySchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export function readLlmQuestionBody(body: unknown): LlmQuestionBody | null {
  const parsed = llmQuestionBodySchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export function readLlmRoundBody(body: unknown): LlmRoundBody | null {
  const parsed = llmRoundBodySchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** A stored score as 0–100 on its own scale. */
export function scorePercent(score: number, max: number): number {
  return Math.round(Math.min(100, Math.max(0, (score / max) * 100)));
}

/** The scores a row carries, for History and Progress: only the model's judgements have any. */
export function storedScores(source: FeedbackSource, body: unknown): FeedbackScore[] {
  if (source !== 'llm') return [];
  const question = readLlmQuestionBody(body);
  return (question?.scores ?? []).map((s) => ({ dimension: s.dimension, value: scorePercent(s.score, s.max) }));
}

/** The delivery a row carries: only rule-based question rows of spoken answers have it. */
export function storedDelivery(source: FeedbackSource, body: unknown): DeliveryMetrics | null {
  if (source !== 'rules') return null;
  return readRulesQuestionBody(body)?.delivery ?? null;
}
