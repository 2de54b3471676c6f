/**
 * The JSON the LLM interviewer answers with after each answer, as a grammar schema and a
 * checked parse. The schema only offers the actions the timing rules allow right now (a
 * follow-up, or moving on), so the model cannot choose a follow-up when none is left nor end
 * a design round while its clock says it goes on; the rubric ids are an enum of the question's
 * own ids.
 */
import type { JsonSchema } from '../../../llm/types.js';
import type { DecisionAction } from '../types.js';

/** The follow-up's default length cap: two short spoken sentences. */
export const DEFAULT_FOLLOW_UP_MAX_CHARS = 240;

export interface DecisionSchemaOptions {
  allowFollowUp: boolean;
  allowNextQuestion: boolean;
  /** False in a phase-timed round while the clock has room for a follow-up: it goes on. */
  allowMoveOn: boolean;
  rubricIds: readonly string[];
  /** Hard cap on the follow-up's length in characters (the grammar closes the string there). */
  followUpMaxChars: number;
}

export interface ModelDecision {
  action: DecisionAction;
  followUp?: string;
  coveredRubricIds: string[];
}

export function decisionSchema(options: DecisionSchemaOptions): JsonSchema {
  const covered = { type: 'array', items: { enum: [...options.rubricIds] }, maxItems: options.rubricIds.length };
  // Moving on means the next question while one fits, else the wrap-up: the timing rules decide
  // which, so the model cannot end a round early or start a question there is no time for.
  const moveOn: DecisionAction = options.allowNextQuestion ? 'next_question' : 'wrap_up';
  const moveOnBranch = { type: 'object', properties: { action: { const: moveOn }, coveredRubricIds: covered } };
  // The timing rules always allow one of the two (no follow-up time means moving on is allowed).
  if (!options.allowFollowUp) return moveOnBranch;
  // A follow-up is an object that starts with it: choosing the first key is choosing to ask, and
  // the spoken words stream a few tokens into the reply instead of after an "action" field.
  const followUpBranch = {
    type: 'object',
    properties: {
      followUp: { type: 'string', minLength: 1, maxLength: options.followUpMaxChars },
      coveredRubricIds: covered,
    },
  };
  if (!options.allowMoveOn) return followUpBranch;
  return { oneOf: [followUpBranch, moveOnBranch] };
}

const ACTIONS: readonly DecisionAction[] = ['follow_up', 'next_question', 'wrap_up'];

/** The model's JSON as a decision, or null when it is not one (wrong shape, unknown action). */
export function parseModelDecision(value: unknown): ModelDecision | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  // {"followUp": ...} without an action is the follow-up form of the schema.
  const action = record.action ?? (typeof record.followUp === 'string' ? 'follow_up' : undefined);
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) return null;
  const ids = record.coveredRubricIds;
  if (ids !== undefined && (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string'))) return null;
  const followUp = record.followUp;
  if (followUp !== undefined && typeof followUp !== 'string') return null;
  return {
    action: action as DecisionAction,
    ...(typeof followUp === 'string' ? { followUp } : {}),
    coveredRubricIds: (ids as string[] | undefined) ?? [],
  };
}
