/**
 * The scripted interviewer in a design round: asks about the first checklist item nobody has
 * mentioned yet (in the answers, the notes or on the board), starting with the phase the round's
 * clock is in, and names a component from the candidate's own board when the item has a
 * template for it ("What happens to requests when Redis token buckets is unavailable?").
 */
import { COMPONENT_SLOT, type ChecklistItem, type DesignPhase } from '../../../../content/schema.js';
import type { BoardDescription } from '../../../contract/services/board.js';
import { componentFor } from '../../board/components.js';
import { designChecklistCoverage } from '../../board/coverage.js';
import type { DecisionContext } from './types.js';

/** Longest board label put into a spoken question. */
const MAX_LABEL_CHARS = 60;

/** The phase the round is in by time used; past the last time box it stays in the last phase. */
export function currentPhase(phases: readonly DesignPhase[], elapsedMs: number): DesignPhase | null {
  let end = 0;
  for (const phase of phases) {
    end += phase.minutes * 60_000;
    if (elapsedMs < end) return phase;
  }
  return phases.at(-1) ?? null;
}

/** The item's question, about a component of the board when there is one to name. */
export function checklistPrompt(item: ChecklistItem, board: BoardDescription | null): string | null {
  const component = board ? componentFor(board, item.prefer ?? []) : null;
  if (component && item.askAbout) {
    const label =
      component.label.length > MAX_LABEL_CHARS
        ? `${component.label.slice(0, MAX_LABEL_CHARS - 1).trimEnd()}…`
        : component.label;
    return item.askAbout.replace(COMPONENT_SLOT, label);
  }
  return item.ask ?? null;
}

/** Phases from the current one to the end, then the earlier ones: a candidate ahead of the clock is asked about what is next. */
function phaseOrder(phases: readonly DesignPhase[], current: DesignPhase): DesignPhase[] {
  const at = phases.indexOf(current);
  return [...phases.slice(at), ...phases.slice(0, at)];
}

export function designFollowUp(context: DecisionContext): { followUp: string; checklistId: string } | null {
  const { round, board } = context;
  const checklist = round.checklist ?? [];
  const phases = round.phases ?? [];
  if (checklist.length === 0 || phases.length === 0) return null;
  const phase = currentPhase(phases, context.roundElapsedMs ?? 0);
  if (!phase) return null;
  const coverage = designChecklistCoverage(checklist, {
    transcript: context.answers.join('\n'),
    notes: board?.notes ?? null,
    board: board?.description ?? null,
  });
  const mentioned = new Set(coverage.filter((c) => c.mentioned).map((c) => c.id));
  const seen = new Set<string>();
  for (const p of phaseOrder(phases, phase)) {
    for (const id of p.checklist) {
      if (mentioned.has(id) || seen.has(id)) continue;
      seen.add(id);
      const item = checklist.find((c) => c.id === id);
      const prompt = item ? checklistPrompt(item, board?.description ?? null) : null;
      if (prompt && !context.askedFollowUps.includes(prompt)) return { followUp: prompt, checklistId: id };
    }
  }
  return null;
}
