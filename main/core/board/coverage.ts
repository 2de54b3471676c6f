/**
 * The round's checklist against everything the candidate produced for a question: what they
 * said (transcript and typed answers), the structured notes pane and the board. Evidence names
 * its source, so feedback can say "on the board" or "in your notes" rather than "you said".
 */
import type { ChecklistItem } from '../../../content/schema.js';
import type {
  BoardChecklistCoverage,
  BoardDescription,
  ChecklistEvidence,
  DesignNotes,
} from '../../contract/services/board.js';
import { findSignal } from '../rubric/rubric-coverage.js';
import { tokenize } from '../rubric/tokens.js';

export interface DesignWork {
  transcript: string;
  notes: DesignNotes | null;
  board: BoardDescription | null;
}

/** Which notes field speaks directly to which checklist item (a filled field is evidence on its own). */
export const NOTE_FIELD_FOR: Readonly<Record<string, keyof DesignNotes>> = {
  requirements: 'requirements',
  api: 'api',
  'data-model': 'dataModel',
  estimates: 'estimates',
  'trade-offs': 'tradeOffs',
};

/** Words a notes field needs before it counts as saying something. */
const MIN_NOTE_WORDS = 3;

/** Every piece of text on the board, each quoted as a whole when it evidences something. */
export function boardTexts(board: BoardDescription): string[] {
  return [
    ...board.components.map((c) => c.label),
    ...board.edges.map((e) => e.label),
    ...board.notes.map((n) => n.text),
    ...board.frames.map((f) => f.name),
  ].filter((t) => t !== '');
}

function shorten(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function searchAll(texts: readonly string[], signals: readonly string[], whole: boolean): string[] {
  const found: string[] = [];
  for (const text of texts) {
    const tokens = tokenize(text);
    for (const signal of signals) {
      const hit = findSignal(tokens, text, signal);
      if (hit !== null) {
        found.push(whole ? shorten(text) : hit);
        break;
      }
    }
  }
  return found;
}

export function designChecklistCoverage(
  checklist: readonly ChecklistItem[],
  work: DesignWork,
): BoardChecklistCoverage[] {
  const transcriptTokens = tokenize(work.transcript);
  const noteEntries: [string, string][] = work.notes
    ? Object.entries(work.notes as unknown as Record<string, string>).filter(([, v]) => v.trim() !== '')
    : [];
  const board = work.board ? boardTexts(work.board) : [];
  return checklist.map((item) => {
    const evidence: ChecklistEvidence[] = [];
    const add = (source: ChecklistEvidence['source'], quote: string) => {
      if (!evidence.some((e) => e.source === source && e.quote === quote)) evidence.push({ source, quote });
    };
    for (const signal of item.signals) {
      const hit = findSignal(transcriptTokens, work.transcript, signal);
      if (hit !== null) add('transcript', hit);
    }
    const field = NOTE_FIELD_FOR[item.id];
    const own = field && work.notes ? work.notes[field].trim() : '';
    const ownCounts = own !== '' && tokenize(own).length >= MIN_NOTE_WORDS;
    if (ownCounts) add('notes', shorten(own));
    // The item's own field, already quoted whole, is not searched again for its words.
    const others = noteEntries.filter(([key]) => !(ownCounts && key === field)).map(([, v]) => v);
    for (const quote of searchAll(others, item.signals, false)) add('notes', quote);
    for (const quote of searchAll(board, item.signals, true)) add('board', quote);
    return { id: item.id, label: item.label, mentioned: evidence.length > 0, evidence };
  });
}
