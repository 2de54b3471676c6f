/**
 * The one definition of the stored interview state (rounds.state_json): a versioned schema
 * checked whenever a state is read back — by the interview repository, the history figures and
 * the archive import alike. A state that does not match is "damaged": callers skip or refuse that
 * one session, saying which, instead of failing for every session or crashing on a null.
 *
 * Version 1 is EngineState as written by engine.ts. A future version adds a schema and a step that
 * upgrades the one before it (like database migrations), with a test per version.
 *
 * Objects are loose (unknown fields are kept, not stripped), so a field added by a newer build is
 * not silently lost when an older state is resumed and saved again.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../../content/schema.js';
import { PHASES, type MessageKind } from '../../contract/services/interview.js';
import type { EngineState, PlannedQuestion, TurnRecord } from './engine.js';

export const ENGINE_STATE_VERSION = 1;

const MESSAGE_KINDS = [
  'intro',
  'question',
  'follow_up',
  'answer',
  'transition',
  'repeat',
  'clarify_question',
  'clarify_answer',
  'nudge',
  'skip',
  'wrap_up',
  'candidate_question',
  'candidate_answer',
  'closing',
  'part',
] as const satisfies readonly MessageKind[];

const count = z.number().int().min(0);
const ms = z.number().finite();

const clock = z.looseObject({ budgetMs: ms, elapsedMs: ms, runningSince: ms.nullable() });

const languages = z.array(z.enum(LANGUAGES));
const perLanguage = z.looseObject({ javascript: z.string(), typescript: z.string(), python: z.string() });
const testCase = z.looseObject({ kind: z.enum(['call', 'methods', 'stdio']), expected: z.unknown() });

/** A workspace question as planned (exercise/spec.ts, without the references). */
const plannedExercise = z.looseObject({
  questionId: z.string(),
  shape: z.enum(['parts', 'flat']),
  starter: perLanguage,
  ownTests: perLanguage,
  docs: z.string().optional(),
  languages,
  parts: z.array(
    z.looseObject({
      index: count,
      title: z.string(),
      statement: z.string(),
      tests: z.array(testCase),
      hidden: z.array(testCase),
      regression: z.boolean(),
    }),
  ),
});

const plannedQuestion = z.looseObject({
  id: z.string(),
  prompt: z.string(),
  answerMinutes: z.number(),
  rubric: z.array(z.looseObject({ id: z.string(), point: z.string(), why: z.string(), signals: z.array(z.string()) })),
  followUps: z.array(z.looseObject({ prompt: z.string(), probes: z.string().optional() })),
  outline: z.array(z.string()),
  pitfalls: z.array(z.string()),
  coding: z
    .looseObject({
      parts: z.array(z.string()),
      starter: z.looseObject({ javascript: z.string(), python: z.string() }),
    })
    .optional(),
  exercise: plannedExercise.optional(),
  project: z.looseObject({ kind: z.enum(['bug_bash', 'integration']), partCount: z.number().int().min(1) }).optional(),
});

const turn = z.looseObject({
  seq: z.number().int().min(1),
  questionIndex: count,
  questionId: z.string(),
  kind: z.enum(['question', 'follow_up']),
  prompt: z.string(),
  probes: z.string().optional(),
  status: z.enum(['asked', 'answering', 'answered', 'skipped']),
  budgetMs: ms,
  askedAt: ms,
  askedAtRoundMs: ms.optional(),
  answerStartedAt: ms.optional(),
  answerEndedAt: ms.optional(),
  elapsedMs: ms,
  answer: z.string().optional(),
  designPhase: z.looseObject({ id: z.string(), startedAtMs: ms }).optional(),
});

const message = z.looseObject({
  id: z.number().int(),
  speaker: z.enum(['interviewer', 'candidate']),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string(),
  at: ms,
});

export const engineStateV1 = z.looseObject({
  v: z.literal(1),
  phase: z.enum(PHASES),
  paused: z.boolean(),
  questions: z.array(plannedQuestion),
  index: count,
  followUpsAsked: count,
  maxFollowUps: count,
  revealedParts: count,
  round: clock,
  answer: clock.nullable(),
  draft: z.string(),
  turns: z.array(turn),
  messages: z.array(message),
  undo: z
    .looseObject({
      turn,
      answerMessageId: z.number().int(),
      index: count,
      followUpsAsked: count,
      revealedParts: count,
      answer: clock,
      until: ms,
    })
    .optional(),
});

// Compile-time guards: a field added to the engine's types must be added here too.
type MissingKeys<T, S extends { shape: object }> = Exclude<keyof T, keyof S['shape']>;
const complete: [
  MissingKeys<EngineState, typeof engineStateV1>,
  MissingKeys<TurnRecord, typeof turn>,
  MissingKeys<PlannedQuestion, typeof plannedQuestion>,
  Exclude<MessageKind, (typeof MESSAGE_KINDS)[number]>,
] extends [never, never, never, never]
  ? true
  : false = true;
void complete;

export type DecodedEngineState = { ok: true; state: EngineState } | { ok: false; reason: string };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not match the expected shape';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the state';
  return `${where}: ${issue.message}`;
}

/** Reads a stored state; never throws. */
export function decodeEngineState(json: unknown): DecodedEngineState {
  let value: unknown;
  if (typeof json !== 'string') return { ok: false, reason: 'the interview state is not text' };
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'the interview state is not readable JSON' };
  }
  const version = (value as { v?: unknown } | null)?.v;
  if (typeof version === 'number' && version > ENGINE_STATE_VERSION) {
    return { ok: false, reason: `the interview state was saved by a newer version of the app (format ${version})` };
  }
  if (version !== 1) return { ok: false, reason: 'the interview state has no known format version' };
  const parsed = engineStateV1.safeParse(value);
  if (!parsed.success) return { ok: false, reason: `the interview state is damaged (${firstIssue(parsed.error)})` };
  // Checked field by field above; the loose objects keep fields this build does not know.
  return { ok: true, state: parsed.data as unknown as EngineState };
}

export function encodeEngineState(state: EngineState): string {
  return JSON.stringify(state);
}
