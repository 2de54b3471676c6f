/**
 * The role-pack schema. Packs are YAML files (one role each) that people can read and edit,
 * so field names are plain words and every object is strict: a typo in a key is an error,
 * not a silently ignored field.
 */
import { z } from 'zod';
import { checklistItemSchema, designPhaseSchema, questionDesignSchema } from './schema/design.js';
import { exerciseSchema } from './schema/exercise.js';

export * from './schema/design.js';
export * from './schema/exercise.js';

const text = z.string().trim().min(1, 'must not be empty');
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes (e.g. "rate-limiter")');

export const ROUND_KINDS = [
  'coding',
  'system_design',
  'behavioral',
  'hiring_manager',
  'debugging',
  'product_sense',
  'technical_deep_dive',
  'ml_design',
  'data_modeling',
  'execution',
  'leadership',
  'recruiter_screen',
] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** What a strong answer shows. `signals` are words/phrases whose presence evidences the point. */
export const rubricPointSchema = z
  .object({
    id,
    point: text,
    why: text,
    signals: z.array(text).min(1, 'at least 1 signal required'),
  })
  .strict();

/** A follow-up either probes one rubric point (asked when the answer has not evidenced it) or is always asked. */
export const followUpSchema = z
  .object({
    prompt: text,
    probes: id.optional(),
  })
  .strict();

/** What a complete STAR answer to this behavioral question contains. */
export const starSchema = z
  .object({
    situation: text,
    task: text,
    action: text,
    result: text,
  })
  .strict();

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const codingTestSchema = z
  .object({
    args: z.array(jsonValue),
    expected: jsonValue,
    hidden: z.boolean().default(false),
  })
  .strict();

export const codingSchema = z
  .object({
    functionName: z.string().regex(/^[A-Za-z_$][\w$]*$/, 'must be a valid function name'),
    parts: z.array(text).min(1, 'at least 1 part required'),
    starter: z.object({ javascript: text, python: text }).strict(),
    tests: z.array(codingTestSchema).min(3, 'at least 3 tests required'),
    /** Never shown in the practice UI. JavaScript so the validator can run it against the tests. */
    reference: z.object({ javascript: text, python: text.optional() }).strict(),
    complexity: z.object({ time: text, space: text }).strict(),
  })
  .strict();

export const questionSchema = z
  .object({
    id,
    prompt: text,
    difficulty: z.enum(DIFFICULTIES),
    topics: z.array(text).min(1),
    answerMinutes: z.number().positive('must be greater than 0'),
    rubric: z.array(rubricPointSchema).min(3, 'at least 3 points required'),
    followUps: z.array(followUpSchema).min(2, 'at least 2 follow-ups required'),
    outline: z.array(text).min(1),
    pitfalls: z.array(text).min(1),
    competency: text.optional(),
    star: starSchema.optional(),
    /** A single-function problem with one flat list of tests (the warm-ups). */
    coding: codingSchema.optional(),
    /** A practical problem in parts, revealed one at a time (content/schema/exercise.ts). */
    exercise: exerciseSchema.optional(),
    /** System-design questions: stated constraints, checklist notes, a reference design. */
    design: questionDesignSchema.optional(),
  })
  .strict()
  .refine((q) => !(q.coding && q.exercise), {
    message: 'a question has either coding or exercise, not both',
    path: ['exercise'],
  });

export const roundSchema = z
  .object({
    id,
    kind: z.enum(ROUND_KINDS),
    title: text,
    minutes: z.number().positive('must be greater than 0'),
    questionsPerSession: z.number().int().positive('must be greater than 0'),
    /** Follow-ups per question; a phase-timed round (with `phases`) is paced by its clock instead. */
    maxFollowUps: z.number().int().min(0).default(2),
    intro: text,
    checklist: z.array(checklistItemSchema).optional(),
    /**
     * Design rounds: the phases in order, each with a time box and the checklist items it covers.
     * A round with phases explores one problem for the whole round (questionsPerSession: 1).
     */
    phases: z.array(designPhaseSchema).optional(),
    questions: z.array(questionSchema).min(1),
  })
  .strict();

export const stageSchema = z.object({ name: text, description: text }).strict();

/** Answers the interviewer can give to "do you have any questions for me?". */
export const candidateQuestionSchema = z
  .object({
    topic: text,
    signals: z.array(text).min(1),
    answer: text,
  })
  .strict();

export const roleSchema = z
  .object({
    id,
    company: text.optional(),
    title: text,
    level: text,
    summary: text,
    process: z.array(stageSchema).min(1),
    topics: z.array(text).min(1),
    vocabulary: z.array(text).min(1),
    candidateQuestions: z.array(candidateQuestionSchema).default([]),
    rounds: z.array(roundSchema).min(1),
  })
  .strict();

export type RubricPoint = z.infer<typeof rubricPointSchema>;
export type FollowUp = z.infer<typeof followUpSchema>;
export type Star = z.infer<typeof starSchema>;
export type CodingTest = z.infer<typeof codingTestSchema>;
export type Coding = z.infer<typeof codingSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Round = z.infer<typeof roundSchema>;
export type Role = z.infer<typeof roleSchema>;
