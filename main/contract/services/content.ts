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
    z.object({ fileName: z.string().min(1).max(255), text: z.string().max(12 * 1024 * 1024) }),
  ).returns<ImportPackResult>(),
  /** A bundled pack as a starting template for the user's own (YAML text with new ids). */
  duplicatePack: method(z.object({ roleId: z.string().min(1) })).returns<{ fileName: string; text: string }>(),
  /** A round's questions for choosing what to practise (no rubric, outline or solution). */
  questions: method(z.object({ roleId: z.string().min(1), roundId: z.string().min(1) })).returns<QuestionListItem[]>(),
  /** Marks a question to revisit, or clears the mark; stored on this computer. */
  markRevisit: method(
    z.object({ roleId: z.string().min(1).max(200), questionId: z.string().min(1).max(200), revisit: z.boolean() }),
  ).returns<{ revisit: boolean }>(),
};
