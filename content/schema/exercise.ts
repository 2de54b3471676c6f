/**
 * Multi-part practical problems: one problem that grows part by part (build X, then add Y, then
 * adapt for Z), revealed one part at a time. Tests are data in three language-neutral forms
 * (a function call, a sequence of method calls on one object, stdin → stdout), so the same part
 * runs in JavaScript, TypeScript and Python. See plan RUNNER.md, Layer 2.
 */
import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
const identifier = z.string().regex(/^[A-Za-z_$][\w$]*$/, 'must be a valid identifier (letters, digits, _ and $)');

export const LANGUAGES = ['javascript', 'typescript', 'python'] as const;
export type Language = (typeof LANGUAGES)[number];

export const jsonValueSchema: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);

/** `name(...call)` must return `expected`. */
const callTestSchema = z
  .object({ name: text.optional(), call: z.array(jsonValueSchema), expected: jsonValueSchema })
  .strict();

/**
 * `[["new", 3], ["allow", "a", 0], ...]`: construct the class, then call each method in turn;
 * `expected` has one entry per step (null for the constructor).
 */
const methodsTestSchema = z
  .object({
    name: text.optional(),
    methods: z
      .array(z.tuple([z.string().min(1)], jsonValueSchema))
      .min(1, 'at least the ["new", ...] step is required')
      .refine((steps) => steps[0]?.[0] === 'new', 'the first step must be ["new", ...constructor arguments]'),
    expected: z.array(jsonValueSchema),
  })
  .strict()
  .refine((t) => t.expected.length === t.methods.length, {
    message: 'expected must have one entry per step (null for "new")',
    path: ['expected'],
  });

/** The whole program reads `stdin` and prints `expected` (trailing whitespace ignored). */
const stdioTestSchema = z.object({ name: text.optional(), stdin: z.string(), expected: z.string() }).strict();

export const exerciseTestSchema = z.union([callTestSchema, methodsTestSchema, stdioTestSchema]);

const perLanguage = z.object({ javascript: text, typescript: text.optional(), python: text }).strict();
const optionalPerLanguage = z
  .object({ javascript: text.optional(), typescript: text.optional(), python: text.optional() })
  .strict();

export const exercisePartSchema = z
  .object({
    title: text,
    statement: text,
    /** What the tests call; defaults to the exercise's own. */
    functionName: identifier.optional(),
    className: identifier.optional(),
    /** Visible tests: the candidate can run them at any time. */
    tests: z.array(exerciseTestSchema).min(1, 'at least 1 visible test required'),
    /** Run on submit; the next part appears once they pass (or the candidate moves on). */
    hidden: z.array(exerciseTestSchema).min(1, 'at least 1 hidden test required'),
    /** Earlier parts' tests still hold and run again on submit (false when this part changes them). */
    regression: z.boolean().default(true),
    /** What the interviewer asks once this part passes (complexity, the edge case it hides...). */
    discuss: text.optional(),
    /** Never shown in the practice UI. Each solves this part (and earlier ones, unless regression is false). */
    reference: perLanguage,
  })
  .strict();

export const exerciseSchema = z
  .object({
    functionName: identifier.optional(),
    className: identifier.optional(),
    /** What the candidate's file starts with, per language (TypeScript falls back to JavaScript). */
    starter: perLanguage,
    /** A first own-test file per language; a generic one is used when absent. */
    ownTests: optionalPerLanguage.optional(),
    /** Reference material shown in the Docs tab (formats, tables, rules of the domain). */
    docs: text.optional(),
    parts: z.array(exercisePartSchema).min(1, 'at least 1 part required').max(6, 'at most 6 parts'),
    complexity: z.object({ time: text, space: text }).strict().optional(),
  })
  .strict()
  .superRefine((exercise, ctx) => {
    exercise.parts.forEach((part, i) => {
      const kinds = new Set([...part.tests, ...part.hidden].map(testKind));
      const fn = part.functionName ?? exercise.functionName;
      const cls = part.className ?? exercise.className;
      if (kinds.has('call') && !fn) {
        ctx.addIssue({ code: 'custom', path: ['parts', i, 'functionName'], message: 'call tests need a functionName' });
      }
      if (kinds.has('methods') && !cls) {
        ctx.addIssue({ code: 'custom', path: ['parts', i, 'className'], message: 'methods tests need a className' });
      }
    });
  });

export type ExerciseTest = z.infer<typeof exerciseTestSchema>;
export type ExercisePart = z.infer<typeof exercisePartSchema>;
export type Exercise = z.infer<typeof exerciseSchema>;

export type TestKind = 'call' | 'methods' | 'stdio';
export function testKind(test: ExerciseTest): TestKind {
  if ('call' in test) return 'call';
  if ('methods' in test) return 'methods';
  return 'stdio';
}
