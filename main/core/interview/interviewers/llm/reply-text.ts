/**
 * Pure helpers for the model's replies in a round's chat: how a decision is written into the
 * chat history, what survives of a reply that was cut off.
 */
import { streamStringField } from '../../../llm/json-stream.js';
import type { Decision, DecisionContext } from '../types.js';
import type { ModelDecision } from './decision-schema.js';

export function asHistoryJson(decision: Decision): string {
  const { action, followUp, coveredRubricIds } = decision;
  return JSON.stringify(action === 'follow_up' ? { followUp, coveredRubricIds } : { action, coveredRubricIds });
}

/** A follow-up whose text was complete before the reply was cut off, with the rubric ids already listed. */
export function salvageFollowUp(raw: string, context: Pick<DecisionContext, 'question'>): ModelDecision | null {
  const spoken = streamStringField('followUp', () => undefined);
  spoken.push(raw);
  if (!spoken.closed || !spoken.text.trim()) return null;
  const known = new Set(context.question.rubric.map((r) => r.id));
  const listAt = raw.indexOf('"coveredRubricIds"');
  const listed =
    listAt < 0 ? [] : [...raw.slice(listAt + '"coveredRubricIds"'.length).matchAll(/"([^"\\]+)"/g)].map((m) => m[1]!);
  return { action: 'follow_up', followUp: spoken.text, coveredRubricIds: listed.filter((id) => known.has(id)) };
}

/** Keeps whole sentences of a free-text reply; null when not even one sentence finished. */
export function wholeSentences(text: string, cutOff: boolean): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (!cutOff) return trimmed;
  const end = Math.max(trimmed.lastIndexOf('. '), trimmed.lastIndexOf('? '), trimmed.lastIndexOf('! '));
  if (/[.?!]$/.test(trimmed)) return trimmed;
  return end > 0 ? trimmed.slice(0, end + 1) : null;
}
