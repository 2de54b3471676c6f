/**
 * The model's notes on a coding question's final code, as export blocks (session-document.ts):
 * commentary with the quoted lines, never a score, and nothing at all (not even a heading) when
 * no notes were stored.
 */
import {
  CODE_NOTE_ASPECT_LABELS,
  CODE_NOTE_ASPECTS,
  CODE_NOTE_FILE_LABELS,
  type CodeNote,
} from '../../contract/services/feedback.js';
import type { SessionCode, SessionDetail } from '../../contract/services/sessions.js';
import { locateCodeQuote } from '../feedback/code-notes.js';
import { readLlmQuestionBody } from '../feedback/stored-body.js';
import type { Block } from './session-document.js';

/** The stored body is JSON from disk (maybe an older or damaged row): each note is checked field by field. */
function wellFormed(value: unknown): value is CodeNote {
  if (typeof value !== 'object' || value === null) return false;
  const n = value as Record<string, unknown>;
  return (
    (CODE_NOTE_ASPECTS as readonly unknown[]).includes(n.aspect) &&
    (n.file === 'solution' || n.file === 'tests') &&
    typeof n.quote === 'string' &&
    typeof n.note === 'string'
  );
}

/**
 * The notes stored with the model's judgement of this question (on its first turn). Each quote is
 * found again in the exported files, with its line there: a note whose lines are no longer in the
 * code (a judgement of an earlier version) would quote something the reader cannot find.
 */
export function storedCodeNotes(detail: SessionDetail, code: SessionCode): CodeNote[] {
  const seqs = detail.turns.filter((t) => t.questionId === code.questionId).map((t) => t.seq);
  const files: Record<CodeNote['file'], string> = { solution: code.solution, tests: code.tests };
  for (const entry of detail.feedback) {
    if (entry.source !== 'llm' || entry.turnSeq === null || !seqs.includes(entry.turnSeq)) continue;
    const notes: unknown[] = readLlmQuestionBody(entry.body)?.codeNotes ?? [];
    return notes.filter(wellFormed).flatMap((n) => {
      const at = locateCodeQuote(n.quote, files[n.file]);
      return at ? [{ ...n, line: at.line, quote: at.text }] : [];
    });
  }
  return [];
}

export function codeNoteBlocks(notes: readonly CodeNote[], language: string): Block[] {
  if (notes.length === 0) return [];
  const blocks: Block[] = [
    { type: 'heading', level: 3, text: 'Notes on the code' },
    { type: 'paragraph', text: 'From the model: commentary on the final code, not a score.', muted: true },
  ];
  for (const n of notes) {
    const where = `${CODE_NOTE_FILE_LABELS[n.file]}, line ${n.line}`;
    blocks.push({ type: 'paragraph', text: `${CODE_NOTE_ASPECT_LABELS[n.aspect]} (${where}): ${n.note}` });
    blocks.push({ type: 'code', text: n.quote, language });
  }
  return blocks;
}
