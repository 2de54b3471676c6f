/**
 * The transcript file `npm run analyze` reads (and the metric tests are written in):
 *
 *   { "questionId": "…",
 *     "segments": [{ "start": 0.8, "end": 3.2, "text": "…" }, …],   // seconds from the answer's start
 *     "text": "…",            // a typed answer instead of segments
 *     "wallSeconds": 95,      // optional: how long the answer took (default: end of the last segment)
 *     "budgetSeconds": 180 }  // optional: the question's time budget (default: from the role pack)
 *
 * Other keys are ignored, so a test can keep its expected values in the same file.
 */
import { z } from 'zod';
import type { AnswerInput } from './metrics/delivery.js';

const seconds = z
  .number()
  .finite()
  .min(0)
  .max(24 * 3600);

export const transcriptFileSchema = z
  .object({
    questionId: z.string().min(1).max(200),
    segments: z
      .array(
        z
          .object({ start: seconds, end: seconds, text: z.string().max(100_000) })
          .refine((s) => s.end >= s.start, 'end must not be before start'),
      )
      .max(10_000)
      .optional(),
    text: z.string().max(200_000).optional(),
    wallSeconds: seconds.optional(),
    budgetSeconds: seconds.optional(),
  })
  .refine(
    (f) => f.segments !== undefined || f.text !== undefined,
    'needs "segments" (a spoken answer) or "text" (a typed one)',
  );

export type TranscriptFile = z.output<typeof transcriptFileSchema>;

export type ParsedTranscript = { ok: true; file: TranscriptFile } | { ok: false; error: string };

export function parseTranscriptFile(json: string): ParsedTranscript {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const parsed = transcriptFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}`);
    return { ok: false, error: problems.join('; ') };
  }
  return { ok: true, file: parsed.data };
}

export function answerInputOf(file: TranscriptFile, budgetMs: number | null = null): AnswerInput {
  const ms = (s: number | undefined) => (s === undefined ? null : Math.round(s * 1000));
  return {
    text: file.text ?? (file.segments ?? []).map((s) => s.text).join(' '),
    segments: (file.segments ?? []).map((s) => ({
      startMs: Math.round(s.start * 1000),
      endMs: Math.round(s.end * 1000),
      text: s.text,
    })),
    wallMs: ms(file.wallSeconds),
    budgetMs: ms(file.budgetSeconds) ?? budgetMs,
  };
}
