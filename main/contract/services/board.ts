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
