import { z } from 'zod';
import type { DIFFICULTIES, RoundKind } from '../../../content/schema.js';
import { method } from '../define.js';

export interface RoundSummary {
  id: string;
  kind: RoundKind;
  title: string;
  minutes: number;
  questionsPerSession: number;
  questionCount: number;
}

export interface ProcessStage {
  name: string;
  description: string;
}

/** Where one failing reference solution went wrong, e.g. "rounds[0].questions[2].coding.tests[1]". */
export interface ReferenceFailure {
  questionId: string;
  path: string;
  message: string;
}

/**
 * Whether a pack's reference solutions pass their own tests. They are only ever run on request
 * (importing a pack, "Check references", npm run content:check), in the sandboxed runner, and the
 * result is remembered per file content (SHA-256). Loading the library never runs them.
 */
export type ReferenceStatus =
  /** No coding questions: nothing to check. */
  | { state: 'no_code' }
  /** Shipped with the app; the project's tests run every bundled reference. */
  | { state: 'bundled'; coding: number }
  | { state: 'not_checked'; coding: number }
  | { state: 'checking'; coding: number }
  | { state: 'pass'; coding: number; checkedAt: number }
  | { state: 'fail'; coding: number; failing: number; checkedAt: number; failures: ReferenceFailure[] }
  /** The runner could not run them here (the sandbox is not available); says why. */
  | { state: 'unavailable'; coding: number; message: string };

/** What the library and role page show: no rubric, no answers, so practice stays fair. */
export interface RoleSummary {
  id: string;
  title: string;
  company?: string;
  level: string;
  summary: string;
  topics: string[];
  process: ProcessStage[];
  rounds: RoundSummary[];
  source: 'bundled' | 'user';
  /** File the role came from, relative to its folder (e.g. "stripe-backend-engineer.yaml"). */
  file: string;
  references: ReferenceStatus;
}

export interface PackProblem {
  file: string;
  source: 'bundled' | 'user';
  /** Each reads "file:line path: message". */
  errors: string[];
}

export interface RoleLibrary {
  roles: RoleSummary[];
  invalid: PackProblem[];
}

export interface ImportPackResult {
  /** The role when the pack is valid and was added to the user's roles folder. */
  role?: RoleSummary;
  problem?: PackProblem;
}

/** A role pack may be at most 2 MB; the UI checks before sending, the core checks the bytes. */
export const MAX_PACK_BYTES = 2 * 1024 * 1024;
/** Characters are at most bytes; a little room so an oversized pack gets the core's clear message. */
const MAX_PACK_CHARS = MAX_PACK_BYTES + 1024;

/** A question as the role page lists it: what it asks and about what, never how to answer it. */
export interface QuestionListItem {
  id: string;
  prompt: string;
  difficulty: (typeof DIFFICULTIES)[number];
  topics: string[];
  answerMinutes: number;
  /** Coding questions are answered in code against tests. */
  coding: boolean;
  /** When it was last answered in any session, or null. */
  lastPracticedAt: number | null;
  /** Sessions in which it was answered. */
  timesPracticed: number;
  /** Marked by the candidate to come back to. */
  revisit: boolean;
}

export const contentContract = {
  library: method(z.undefined()).returns<RoleLibrary>(),
  role: method(z.object({ id: z.string().min(1) })).returns<RoleSummary>(),
  /** A user pack from a file the user picked; the text is checked before it is saved. */
  importPack: method(
    z.object({
      fileName: z.string().min(1).max(255),
      text: z.string().max(MAX_PACK_CHARS, 'A role pack may be at most 2 MB. Split it into smaller packs.'),
    }),
  ).returns<ImportPackResult>(),
  /**
   * Runs the role's reference solutions against their tests in the sandboxed runner, in the
   * background: answers at once with status 'checking'; 'content:references' reports the result.
   */
  checkReferences: method(z.object({ roleId: z.string().min(1) })).returns<RoleSummary>(),
  /** A bundled pack as a starting template for the user's own (YAML text with new ids). */
  duplicatePack: method(z.object({ roleId: z.string().min(1) })).returns<{ fileName: string; text: string }>(),
  /** A round's questions for choosing what to practise (no rubric, outline or solution). */
  questions: method(z.object({ roleId: z.string().min(1), roundId: z.string().min(1) })).returns<QuestionListItem[]>(),
  /** Marks a question to revisit, or clears the mark; stored on this computer. */
  markRevisit: method(
    z.object({ roleId: z.string().min(1).max(200), questionId: z.string().min(1).max(200), revisit: z.boolean() }),
  ).returns<{ revisit: boolean }>(),
};
