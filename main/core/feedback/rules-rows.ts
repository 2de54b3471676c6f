/**
 * Stores each question's rule-based feedback (with the delivery figures Progress charts), so
 * History has it without recomputing. A row is rewritten only when what it was computed from
 * changed (an answer, or a transcript segment that landed after the answer).
 */
import { roundRowId } from '../interview/repository.js';
import { rulesKeyOf } from './answer-keys.js';
import { summarizeDelivery } from './delivery-summary.js';
import type { FeedbackStore } from './feedback-store.js';
import { firstTurnId, questionSegments, questionTurns, rulesOf, type FeedbackInput } from './session-input.js';
import { readRulesQuestionBody, type RulesQuestionBody } from './stored-body.js';

export function saveRulesRow(store: FeedbackStore, input: FeedbackInput, index: number, now: number): void {
  const turnId = firstTurnId(input, index);
  if (!turnId) return;
  const sessionId = input.record.sessionId;
  const key = rulesKeyOf(questionTurns(input, index), questionSegments(input, index));
  const existing = store
    .rows(roundRowId(sessionId))
    .find((r) => r.source === 'rules' && r.turnId === turnId && readRulesQuestionBody(r.body)?.key === key);
  if (existing) return;
  const rules = rulesOf(input, index);
  const delivery = summarizeDelivery(rules.answers.map((a) => a.metrics));
  const body: RulesQuestionBody = { v: 1, type: 'question', key, ...(delivery ? { delivery } : {}), feedback: rules };
  store.save(roundRowId(sessionId), turnId, 'rules', body, now);
}
