/**
 * Coverage of a round's checklist (system design: requirements, API, data model, scale,
 * consistency, failure handling, trade-offs) over everything the candidate said for a question.
 */
import type { ChecklistItem } from '../../../content/schema.js';
import type { ChecklistCoverageView } from '../../contract/services/feedback.js';
import { findSignal } from '../rubric/rubric-coverage.js';
import { tokenize } from '../rubric/tokens.js';

export function checklistCoverage(answer: string, checklist: readonly ChecklistItem[]): ChecklistCoverageView[] {
  const tokens = tokenize(answer);
  return checklist.map((item) => {
    const evidence = [
      ...new Set(item.signals.map((s) => findSignal(tokens, answer, s)).filter((e): e is string => e !== null)),
    ];
    return { id: item.id, label: item.label, covered: evidence.length > 0, evidence };
  });
}
