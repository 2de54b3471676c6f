/**
 * The whiteboard of a design session in its exports: the final board as the interviewer read it
 * (Markdown and PDF), with its drawing (a page of the PDF; SVG and PNG files beside the Markdown).
 */
import type { Db } from '../storage/database.js';
import type { Block } from './session-document.js';

export interface FinalBoard {
  turnSeq: number;
  description: string;
  notes: string;
  png: Buffer | null;
}

export function finalBoard(db: Db, sessionId: string): FinalBoard | null {
  const row = db
    .prepare(
      `SELECT turn_seq AS turnSeq, description, notes_json AS notesJson, png FROM board_snapshots
       WHERE session_id = ? ORDER BY turn_seq DESC LIMIT 1`,
    )
    .get(sessionId) as { turnSeq: number; description: string; notesJson: string; png: Buffer | null } | undefined;
  if (!row) return null;
  let notes: string;
  try {
    const parsed = JSON.parse(row.notesJson) as Record<string, unknown>;
    const labels: Record<string, string> = {
      requirements: 'Requirements',
      api: 'API',
      dataModel: 'Data model',
      estimates: 'Estimates',
      tradeOffs: 'Trade-offs',
    };
    notes = Object.entries(labels)
      .filter(([key]) => typeof parsed[key] === 'string' && parsed[key].trim() !== '')
      .map(([key, label]) => `${label}: ${(parsed[key] as string).trim()}`)
      .join('\n');
  } catch {
    notes = '';
  }
  return { turnSeq: row.turnSeq, description: row.description, notes, png: row.png };
}

export function boardBlocks(board: FinalBoard | null): Block[] {
  if (!board) return [];
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: 'Whiteboard' },
    {
      type: 'paragraph',
      text: `The final board, after answer ${board.turnSeq}, as the interviewer read it:`,
      muted: true,
    },
    { type: 'quote', text: board.description },
  ];
  if (board.notes)
    blocks.push({ type: 'heading', level: 3, text: 'Design notes' }, { type: 'quote', text: board.notes });
  if (board.png) {
    blocks.push({
      type: 'paragraph',
      text: "The drawing itself: Export SVG or Export PNG in the session's Whiteboard section saves it next to this file.",
      muted: true,
    });
  }
  return blocks;
}
