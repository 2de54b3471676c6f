/**
 * Questions about the board name one of its components. Which one: the first that matches the
 * checklist item's preferred words (a data-model question goes to the database), else the most
 * connected labelled component, the centre of the design.
 */
import type { BoardComponent, BoardDescription } from '../../contract/services/board.js';
import { findSignal } from '../rubric/rubric-coverage.js';
import { tokenize } from '../rubric/tokens.js';

export function componentFor(board: BoardDescription, prefer: readonly string[] = []): BoardComponent | null {
  const labelled = board.components.filter((c) => c.label !== '');
  if (labelled.length === 0) return null;
  for (const word of prefer) {
    const match = labelled.find((c) => findSignal(tokenize(c.label), c.label, word) !== null);
    if (match) return match;
  }
  const degree = new Map<string, number>();
  for (const e of board.edges) {
    for (const end of [e.from, e.to]) if (end) degree.set(end, (degree.get(end) ?? 0) + 1);
  }
  return [...labelled].sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0))[0] ?? null;
}

/** The component's neighbours by arrows, in board order, for "between A and B". */
export function neighbours(board: BoardDescription, id: string): BoardComponent[] {
  const byId = new Map(board.components.map((c) => [c.id, c]));
  const ids: string[] = [];
  for (const e of board.edges) {
    const other = e.from === id ? e.to : e.to === id ? e.from : null;
    if (other && other !== id && !ids.includes(other)) ids.push(other);
  }
  return ids.map((i) => byId.get(i)).filter((c): c is BoardComponent => c !== undefined);
}
