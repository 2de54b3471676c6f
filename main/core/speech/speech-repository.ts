/**
 * Recordings and transcript segments in SQLite, written as they happen: a segment row appears
 * when the VAD finishes it and gets its text when whisper is done, so a crash loses neither.
 */
import type { TranscriptSegment, TurnRecording } from '../../contract/services/speech.js';
import { roundRowId, turnRowId } from '../interview/repository.js';
import type { Db } from '../storage/database.js';

export interface RecordingRow {
  id: string;
  turnId: string;
  /** Relative to the sessions folder: <sessionId>/<turnSeq>.wav */
  path: string;
  sampleRate: number;
  durationMs: number | null;
  status: 'recording' | 'done' | 'recovered' | 'interrupted';
}

export function createSpeechRepository(db: Db) {
  const insertSegment = db.prepare(
    'INSERT INTO segments (turn_id, start_ms, end_ms, text, status, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const updateSegment = db.prepare('UPDATE segments SET text = ?, status = ? WHERE id = ?');

  const toRecording = (r: Record<string, unknown>): RecordingRow => ({
    id: r.id as string,
    turnId: r.turn_id as string,
    path: r.path as string,
    sampleRate: r.sample_rate as number,
    durationMs: (r.duration_ms as number | null) ?? null,
    status: r.status as RecordingRow['status'],
  });

  return {
    turnExists(sessionId: string, seq: number): boolean {
      return db.prepare('SELECT 1 FROM turns WHERE id = ?').get(turnRowId(sessionId, seq)) !== undefined;
    },

    recordingForTurn(sessionId: string, seq: number): RecordingRow | null {
      const row = db
        .prepare('SELECT * FROM recordings WHERE turn_id = ? ORDER BY created_at LIMIT 1')
        .get(turnRowId(sessionId, seq)) as Record<string, unknown> | undefined;
      return row ? toRecording(row) : null;
    },

    createRecording(row: Omit<RecordingRow, 'durationMs' | 'status'>, now: number): void {
      db.prepare(
        `INSERT INTO recordings (id, turn_id, path, sample_rate, duration_ms, status, created_at) VALUES (?, ?, ?, ?, NULL, 'recording', ?)`,
      ).run(row.id, row.turnId, row.path, row.sampleRate, now);
    },

    setRecordingStatus(id: string, status: RecordingRow['status'], durationMs: number | null): void {
      db.prepare('UPDATE recordings SET status = ?, duration_ms = ? WHERE id = ?').run(status, durationMs, id);
    },

    openRecordings(): RecordingRow[] {
      return (db.prepare(`SELECT * FROM recordings WHERE status = 'recording'`).all() as Record<string, unknown>[]).map(
        toRecording,
      );
    },

    addSegment(
      turnId: string,
      segment: Pick<TranscriptSegment, 'startMs' | 'endMs' | 'text' | 'status'>,
      now: number,
    ): number {
      return Number(
        insertSegment.run(turnId, segment.startMs, segment.endMs, segment.text, segment.status, now).lastInsertRowid,
      );
    },

    updateSegment(id: number, text: string, status: TranscriptSegment['status']): void {
      updateSegment.run(text, status, id);
    },

    /** Segments a crash left half-way: their audio is in the recording, their text is not. */
    failUnfinishedSegments(turnId: string): number {
      return db
        .prepare(`UPDATE segments SET status = 'failed' WHERE turn_id = ? AND status IN ('pending', 'transcribing')`)
        .run(turnId).changes;
    },

    /** An interrupted take's words leave the answer: its transcribed segments from `fromMs` on are held. */
    holdSegments(turnId: string, fromMs: number): number {
      return db
        .prepare(`UPDATE segments SET status = 'held' WHERE turn_id = ? AND status = 'done' AND start_ms >= ?`)
        .run(turnId, fromMs).changes;
    },

    /** The candidate's choice: held segments become part of the answer ('done') or stay out ('set_aside'). */
    releaseHeld(turnId: string, to: 'done' | 'set_aside'): number {
      return db.prepare(`UPDATE segments SET status = ? WHERE turn_id = ? AND status = 'held'`).run(to, turnId).changes;
    },

    segments(turnId: string): TranscriptSegment[] {
      const rows = db
        .prepare('SELECT start_ms, end_ms, text, status FROM segments WHERE turn_id = ? ORDER BY start_ms, id')
        .all(turnId) as {
        start_ms: number;
        end_ms: number;
        text: string;
        status: TranscriptSegment['status'];
      }[];
      return rows.map((r, index) => ({ index, startMs: r.start_ms, endMs: r.end_ms, text: r.text, status: r.status }));
    },

    setRawTranscript(turnId: string, text: string): void {
      db.prepare('UPDATE turns SET raw_transcript = ? WHERE id = ?').run(text, turnId);
    },

    recordingsOfSession(
      sessionId: string,
    ): (Omit<TurnRecording, 'mediaPath' | 'segments'> & { path: string; turnId: string })[] {
      const rows = db
        .prepare(
          `SELECT r.turn_id, r.path, r.duration_ms, r.status, t.seq, t.raw_transcript FROM recordings r
           JOIN turns t ON t.id = r.turn_id WHERE t.round_id = ? ORDER BY t.seq`,
        )
        .all(roundRowId(sessionId)) as Record<string, unknown>[];
      return rows.map((r) => ({
        turnId: r.turn_id as string,
        turnSeq: r.seq as number,
        path: r.path as string,
        durationMs: (r.duration_ms as number | null) ?? null,
        status: r.status as TurnRecording['status'],
        rawTranscript: (r.raw_transcript as string | null) ?? null,
      }));
    },
  };
}

export type SpeechRepository = ReturnType<typeof createSpeechRepository>;
