import type { DesignNotes } from '../../contract/services/board.js';

export const NOTE_LABELS: readonly [keyof DesignNotes, string][] = [
  ['requirements', 'Requirements'],
  ['api', 'API'],
  ['dataModel', 'Data model'],
  ['estimates', 'Estimates'],
  ['tradeOffs', 'Trade-offs'],
];

/** The notes pane as text, one labelled line per filled field. */
export function notesText(notes: DesignNotes): string {
  return NOTE_LABELS.filter(([key]) => notes[key].trim() !== '')
    .map(([key, label]) => `${label}: ${notes[key].trim()}`)
    .join('\n');
}
