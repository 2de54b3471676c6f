/**
 * The scripted interviewer in a phase-timed design round: asks about the first checklist item
 * of the current phase that nobody has mentioned yet (in the answers, the notes or on the board)
 * nor been asked about, naming a component from the candidate's own board when the item has a
 * template for it ("What happens to requests when Redis token buckets is unavailable?"), then
 * the phase's other questions (pack data). The phase comes from the clock and from what is left
 * to ask in it (design-phases.ts); when every phase is done, the question's own follow-ups, the
 * gaps a used time box left behind and the phases' open prompts keep the round going until the
 * clock calls the wrap-up.
 */
import { COMPONENT_SLOT, type ChecklistItem, type DesignPhase } from '../../../../content/schema.js';
import type { BoardDescription } from '../../../contract/services/board.js';
import { componentFor } from '../../board/components.js';
import { designChecklistCoverage } from '../../board/coverage.js';
import { advancePhase, markOf, type PhasePosition } from './design-phases.js';
import { questionFollowUp } from './question-follow-up.js';
import type { Decision, DecisionContext } from './types.js';

export { currentPhase } from './design-phases.js';

/** Longest board label put into a spoken question. */
const MAX_LABEL_CHARS = 60;

/** Asked once when the pack has nothing else left and the round still has time. */
export const LAST_OPEN_PROMPT =
  'Take me deeper into the part of this design you are least sure about: what could go wrong there, and what would you do about it?';

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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a follow-up about this item was asked already, in its plain form or about any component. */
export function itemAsked(item: ChecklistItem, askedFollowUps: readonly string[]): boolean {
  if (item.ask && askedFollowUps.includes(item.ask)) return true;
  if (!item.askAbout) return false;
  const [before = '', after = ''] = item.askAbout.split(COMPONENT_SLOT);
  const template = new RegExp(`^${escapeRegExp(before)}.+${escapeRegExp(after)}$`, 's');
  return askedFollowUps.some((asked) => template.test(asked));
}

export interface DesignProgress {
  position: PhasePosition;
  /** The phase the last follow-up was asked in (0 before the first). */
  previousIndex: number;
  /** Checklist items still worth asking about (not mentioned, not asked), with their question. */
  open: Map<string, string>;
  /** Checklist items the answers, notes or board mention. */
  mentioned: Set<string>;
}

type ProgressContext = Pick<
  DecisionContext,
  'round' | 'question' | 'board' | 'answers' | 'askedFollowUps' | 'designPhase' | 'roundElapsedMs'
>;

interface PhaseQuestion {
  followUp: string;
  checklistId?: string;
  probes?: string;
}

function ownFollowUp(context: ProgressContext): PhaseQuestion | null {
  const own = questionFollowUp(context);
  return own?.followUp ? { followUp: own.followUp, ...(own.probes ? { probes: own.probes } : {}) } : null;
}

/** What a phase still has to ask: its checklist gaps, then the question's own follow-ups if it takes them. */
function nextInPhase(phase: DesignPhase, context: ProgressContext, open: Map<string, string>): PhaseQuestion | null {
  const gap = firstOpen([phase], open);
  if (gap) return { followUp: gap.prompt, checklistId: gap.id };
  return phase.questionFollowUps ? ownFollowUp(context) : null;
}

/** Where the design round stands after this answer; null in a round without phases. */
export function designProgress(context: ProgressContext): DesignProgress | null {
  const { round, board } = context;
  const phases = round.phases ?? [];
  if (phases.length === 0) return null;
  const checklist = round.checklist ?? [];
  const coverage = designChecklistCoverage(checklist, {
    transcript: context.answers.join('\n'),
    notes: board?.notes ?? null,
    board: board?.description ?? null,
  });
  const mentioned = new Set(coverage.filter((c) => c.mentioned).map((c) => c.id));
  const open = new Map<string, string>();
  for (const item of checklist) {
    if (mentioned.has(item.id) || itemAsked(item, context.askedFollowUps)) continue;
    const prompt = checklistPrompt(item, board?.description ?? null);
    if (prompt && !context.askedFollowUps.includes(prompt)) open.set(item.id, prompt);
  }
  const isDone = (phase: DesignPhase) => nextInPhase(phase, context, open) === null;
  const position = advancePhase(phases, context.designPhase, context.roundElapsedMs ?? 0, isDone);
  if (!position) return null;
  const marked = context.designPhase ? phases.findIndex((p) => p.id === context.designPhase?.id) : 0;
  return { position, previousIndex: Math.max(0, marked), open, mentioned };
}

/** What the interviewer says on the way into a new phase; nothing while it stays in one. */
export function phaseTransition(progress: DesignProgress): string | undefined {
  const { position, previousIndex } = progress;
  if (position.index <= previousIndex) return undefined;
  const intro = position.phase.intro ?? `Let's move on to the next part: ${position.phase.title}.`;
  return position.movedBy === 'time' ? `Let's leave that there so we have time for the rest. ${intro}` : intro;
}

export interface DesignFollowUp extends Pick<Decision, 'followUp' | 'probes' | 'transition' | 'designPhase'> {
  followUp: string;
  /** The checklist item asked about, when it is one. */
  checklistId?: string;
}

/** The first open checklist item among these phases, in phase order. */
function firstOpen(phases: readonly DesignPhase[], open: Map<string, string>): { id: string; prompt: string } | null {
  for (const phase of phases) {
    for (const id of phase.checklist) {
      const prompt = open.get(id);
      if (prompt) return { id, prompt };
    }
  }
  return null;
}

/** The next follow-up in a design round, or null when the pack has nothing left to ask. */
export function designFollowUp(context: DecisionContext): DesignFollowUp | null {
  const progress = designProgress(context);
  if (!progress) return null;
  const phases = context.round.phases ?? [];
  const { position, open } = progress;
  const transition = phaseTransition(progress);
  const withPhase = (picked: PhaseQuestion): DesignFollowUp => ({
    ...picked,
    designPhase: markOf(position),
    ...(transition ? { transition } : {}),
  });

  // The phase's own next question. Only the last phase can have none here: an earlier one would have handed over.
  const inPhase = nextInPhase(position.phase, context, open);
  if (inPhase) return withPhase(inPhase);
  // Every phase is done and time is left: the question's own probes, gaps a used time box left
  // behind, the phases' open prompts (this one's first), and one last open question.
  const own = ownFollowUp(context);
  if (own) return withPhase(own);
  const left = firstOpen(phases, open);
  if (left) return withPhase({ followUp: left.prompt, checklistId: left.id });
  const byNearness = [position.phase, ...phases.filter((p) => p !== position.phase)];
  const prompt = byNearness.flatMap((p) => p.prompts ?? []).find((p) => !context.askedFollowUps.includes(p));
  if (prompt) return withPhase({ followUp: prompt });
  if (!context.askedFollowUps.includes(LAST_OPEN_PROMPT)) return withPhase({ followUp: LAST_OPEN_PROMPT });
  return null;
}
