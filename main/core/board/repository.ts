/** The whiteboard's rows: the live board of a session and its per-turn snapshots. */
import type { BoardSnapshotView, DesignNotes } from '../../contract/services/board.js';
import type { Db } from '../storage/database.js';

export const EMPTY_NOTES: DesignNotes = { requirements: '', api: '', dataModel: '', estimates: '', tradeOffs: '' };

export function parseNotes(json: string | null | undefined): DesignNotes {
  try {
    const value = JSON.parse(json ?? '{}') as Partial<Record<keyof DesignNotes, unknown>>;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      requirements: text(value.requirements),
      api: text(value.api),
      dataModel: text(value.dataModel),
      estimates: text(value.estimates),
      tradeOffs: text(value.tradeOffs),
    };
  } catch {
    return { ...EMPTY_NOTES };
  }
}

export interface BoardRow {
  scene: string | null;
  notes: DesignNotes;
  updatedAt: number;
}

/** A stored snapshot: the contract's view with the PNG itself instead of whether there is one. */
export type SnapshotRow = Omit<BoardSnapshotView, 'hasPng'> & { png: Buffer | null };

/** A snapshot as taken at a turn: no rendering yet, plus the text the interviewer's search reads. */
export type NewSnapshot = Omit<BoardSnapshotView, 'hasPng' | 'svg'> & { sessionId: string; boardText: string };

export function createBoardRepository(db: Db) {
  const snapshotColumns =
    'turn_seq AS turnSeq, created_at AS createdAt, scene, notes_json AS notesJson, description, update_text AS "update", svg, png';
  type RawSnapshot = Omit<SnapshotRow, 'notes'> & { notesJson: string };
  const toSnapshot = ({ notesJson, ...row }: RawSnapshot): SnapshotRow => ({ ...row, notes: parseNotes(notesJson) });

  return {
    sessionExists(sessionId: string): boolean {
      return db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(sessionId) !== undefined;
    },
    roundKind(sessionId: string): string | null {
      const row = db.prepare('SELECT kind FROM rounds WHERE session_id = ? LIMIT 1').get(sessionId) as
        { kind: string } | undefined;
      return row?.kind ?? null;
    },
    get(sessionId: string): BoardRow | null {
      const row = db
        .prepare('SELECT scene, notes_json AS notesJson, updated_at AS updatedAt FROM boards WHERE session_id = ?')
        .get(sessionId) as { scene: string | null; notesJson: string; updatedAt: number } | undefined;
      return row ? { scene: row.scene, notes: parseNotes(row.notesJson), updatedAt: row.updatedAt } : null;
    },
    save(sessionId: string, scene: string | null, notes: DesignNotes, at: number): void {
      db.prepare(
        `INSERT INTO boards (session_id, scene, notes_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET scene = excluded.scene, notes_json = excluded.notes_json, updated_at = excluded.updated_at`,
      ).run(sessionId, scene, JSON.stringify(notes), at);
    },
    snapshot(sessionId: string, turnSeq: number): SnapshotRow | null {
      const row = db
        .prepare(`SELECT ${snapshotColumns} FROM board_snapshots WHERE session_id = ? AND turn_seq = ?`)
        .get(sessionId, turnSeq) as RawSnapshot | undefined;
      return row ? toSnapshot(row) : null;
    },
    /** The latest snapshot before a turn: what the interviewer saw last time. */
    previousSnapshot(sessionId: string, turnSeq: number): SnapshotRow | null {
      const row = db
        .prepare(
          `SELECT ${snapshotColumns} FROM board_snapshots WHERE session_id = ? AND turn_seq < ? ORDER BY turn_seq DESC LIMIT 1`,
        )
        .get(sessionId, turnSeq) as RawSnapshot | undefined;
      return row ? toSnapshot(row) : null;
    },
    snapshots(sessionId: string): SnapshotRow[] {
      const rows = db
        .prepare(`SELECT ${snapshotColumns} FROM board_snapshots WHERE session_id = ? ORDER BY turn_seq`)
        .all(sessionId) as RawSnapshot[];
      return rows.map(toSnapshot);
    },
    /** One snapshot per turn: a second look at the same turn (a resumed decision) keeps the first. */
    insertSnapshot(s: NewSnapshot): void {
      db.prepare(
        `INSERT OR IGNORE INTO board_snapshots
           (session_id, turn_seq, created_at, scene, notes_json, description, update_text, board_text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        s.sessionId,
        s.turnSeq,
        s.createdAt,
        s.scene,
        JSON.stringify(s.notes),
        s.description,
        s.update,
        s.boardText,
      );
    },
    saveRendering(sessionId: string, turnSeq: number, svg: string, png: Buffer | null): boolean {
      const info = db
        .prepare('UPDATE board_snapshots SET svg = ?, png = ? WHERE session_id = ? AND turn_seq = ?')
        .run(svg, png, sessionId, turnSeq);
      return info.changes > 0;
    },
  };
}

export type BoardRepository = ReturnType<typeof createBoardRepository>;

/** The board and notes as they were at a turn (the latest snapshot up to it), for feedback. */
export function boardAtTurn(db: Db, sessionId: string, turnSeq: number): { scene: string; notes: DesignNotes } | null {
  const row = db
    .prepare(
      'SELECT scene, notes_json AS notesJson FROM board_snapshots WHERE session_id = ? AND turn_seq <= ? ORDER BY turn_seq DESC LIMIT 1',
    )
    .get(sessionId, turnSeq) as { scene: string; notesJson: string } | undefined;
  return row ? { scene: row.scene, notes: parseNotes(row.notesJson) } : null;
}
