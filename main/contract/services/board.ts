import { z } from 'zod';
import { method } from '../define.js';

/**
 * The whiteboard of system-design rounds as data: what the interviewer reads of a board (a
 * description built from the Excalidraw scene), and checklist coverage with its evidence.
 */

/** A shape on the board, with its label (the text element whose container is the shape). */
export interface BoardComponent {
  id: string;
  /** rectangle, ellipse, diamond, image, embed… */
  shape: string;
  /** The label as written, whitespace collapsed; '' when the shape has none. */
  label: string;
  /** The outermost group the shape is in, if any. */
  groupId?: string;
  /** The frame the shape is in, if any. */
  frameId?: string;
}

/** An arrow (or line) between two components; an end that touches no component is null. */
export interface BoardEdge {
  id: string;
  from: string | null;
  to: string | null;
  /** The arrow's own label, '' when it has none. */
  label: string;
  /** 'forward' from → to, 'both' for a two-headed arrow, 'none' for a plain line. */
  direction: 'forward' | 'both' | 'none';
  /** True when an end was inferred from where it lies, not from Excalidraw's binding. */
  inferred: boolean;
}

export interface BoardGroup {
  id: string;
  /** Component ids in the group, in board order. */
  members: string[];
}

export interface BoardFrame {
  id: string;
  name: string;
  /** Component ids in the frame, in board order. */
  members: string[];
}

export interface BoardNote {
  id: string;
  text: string;
}

export interface BoardDescription {
  components: BoardComponent[];
  edges: BoardEdge[];
  groups: BoardGroup[];
  frames: BoardFrame[];
  /** Text that belongs to no shape or arrow. */
  notes: BoardNote[];
  /** Freehand strokes and elements this app does not know, counted rather than described. */
  sketches: number;
  unknown: number;
  /** Elements read (deleted ones excluded). */
  elementCount: number;
  /** Things a reader should know, e.g. the scene came from a newer Excalidraw. */
  warnings: string[];
}

/** The structured notes pane of a design round. Every field is free text. */
export interface DesignNotes {
  requirements: string;
  api: string;
  dataModel: string;
  estimates: string;
  tradeOffs: string;
}

export const DESIGN_NOTE_FIELDS = ['requirements', 'api', 'dataModel', 'estimates', 'tradeOffs'] as const;

export type EvidenceSource = 'transcript' | 'notes' | 'board';

export interface ChecklistEvidence {
  source: EvidenceSource;
  /** The words as written, or the board element's label. */
  quote: string;
}

export interface BoardChecklistCoverage {
  id: string;
  label: string;
  /** "mentioned" in the rule sense: a signal was found in one of the sources. */
  mentioned: boolean;
  evidence: ChecklistEvidence[];
}

/** The largest board scene accepted (pasted images live inside it); the bridge carries at most 16 MB. */
export const MAX_SCENE_CHARS = 12 * 1024 * 1024;
export const MAX_DESIGN_NOTE_CHARS = 20_000;

/** The whiteboard as it is now: the scene as Excalidraw saves it, and the notes pane. */
export interface BoardState {
  scene: string | null;
  notes: DesignNotes;
  savedAt: number | null;
}

export interface BoardSaved {
  savedAt: number;
  /** What the interviewer will read of this board, for the "What the interviewer sees" view. */
  description: string;
}

/** The board and notes as they were when a turn was answered. */
export interface BoardSnapshotView {
  turnSeq: number;
  createdAt: number;
  scene: string;
  notes: DesignNotes;
  description: string;
  /** What changed since the interviewer's previous look, as it was told. */
  update: string;
  /** Rendered by the UI after the snapshot was taken; null until then. */
  svg: string | null;
  hasPng: boolean;
}

const sessionId = z.string().min(1).max(100);
const note = z.string().max(MAX_DESIGN_NOTE_CHARS);
export const designNotesInput = z.object({
  requirements: note,
  api: note,
  dataModel: note,
  estimates: note,
  tradeOffs: note,
});

export const boardContract = {
  /** The session's board and notes as last saved (empty for a new session). */
  get: method(z.object({ sessionId })).returns<BoardState>(),
  /** Saves the board (an Excalidraw scene as JSON text) and the notes; refuses what is not a scene. */
  save: method(
    z.object({ sessionId, scene: z.string().max(MAX_SCENE_CHARS).nullable(), notes: designNotesInput }),
  ).returns<BoardSaved>(),
  /** Every snapshot of the session, oldest first. */
  snapshots: method(z.object({ sessionId })).returns<BoardSnapshotView[]>(),
  /** The renderer's drawing of a snapshot (core has no DOM): an SVG and a PNG as base64. */
  saveRendering: method(
    z.object({
      sessionId,
      turnSeq: z.number().int().min(0),
      svg: z.string().max(MAX_SCENE_CHARS),
      pngBase64: z.string().max(MAX_SCENE_CHARS).nullable(),
    }),
  ).returns<{ savedAt: number }>(),
  /** A snapshot's PNG drawing, for export. */
  png: method(z.object({ sessionId, turnSeq: z.number().int().min(0) })).returns<{ base64: string }>(),
  /** The reference design of a question ("one possible design"), with its checklist notes. */
  reference: method(z.object({ roleId: z.string().min(1), questionId: z.string().min(1) })).returns<{
    scene: string;
    notes: { label: string; note: string }[];
  } | null>(),
};
