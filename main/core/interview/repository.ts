/**
 * Interview persistence. Every engine state is written as it happens: the round row holds the
 * state snapshot, the turns table holds each question and answer for review and search.
 */
import { AppError } from '../../contract/result.js';
import type { Db } from '../storage/database.js';
import { decodeEngineState, encodeEngineState } from './engine-state.js';
import type { EngineState } from './engine.js';

export interface SessionRecord {
  sessionId: string;
  roleId: string;
  roleTitle: string;
  company: string | null;
  roundId: string;
  roundKind: string;
  roundTitle: string;
  status: 'in_progress' | 'completed' | 'abandoned';
  interviewer: 'scripted' | 'llm';
  createdAt: number;
  updatedAt: number;
  endedAt: number | null;
  state: EngineState;
}

export function roundRowId(sessionId: string): string {
  return `${sessionId}:r1`;
}

export function turnRowId(sessionId: string, seq: number): string {
  return `${sessionId}:t${seq}`;
}

export function createInterviewRepository(db: Db) {
  const upsertTurn = db.prepare(`
    INSERT INTO turns (id, round_id, seq, kind, question_id, prompt_text, answer_text, draft_text, status, budget_ms, asked_at, answer_started_at, answer_ended_at)
    VALUES (@id, @round_id, @seq, @kind, @question_id, @prompt_text, @answer_text, @draft_text, @status, @budget_ms, @asked_at, @answer_started_at, @answer_ended_at)
    ON CONFLICT(id) DO UPDATE SET
      answer_text = excluded.answer_text, draft_text = excluded.draft_text, status = excluded.status,
      answer_started_at = excluded.answer_started_at, answer_ended_at = excluded.answer_ended_at`);
  const updateRound = db.prepare('UPDATE rounds SET state_json = ?, ended_at = ? WHERE id = ?');
  const deleteTurnsAfter = db.prepare('DELETE FROM turns WHERE round_id = ? AND seq > ?');
  const updateSession = db.prepare('UPDATE sessions SET status = ?, updated_at = ?, ended_at = ? WHERE id = ?');

  /** Writes the state and the turns that changed, in one transaction. */
  const save = db.transaction((sessionId: string, state: EngineState, now: number, previous: EngineState | null) => {
    const roundId = roundRowId(sessionId);
    const done = state.phase === 'summary';
    updateRound.run(encodeEngineState(state), done ? now : null, roundId);
    const { changes } = updateSession.run(done ? 'completed' : 'in_progress', now, done ? now : null, sessionId);
    // Deleted from History while still open: nothing to write into.
    if (changes === 0)
      throw new AppError('NOT_FOUND', 'This practice session was deleted. Start a new one from the role library.');
    // An answer taken back (undo) drops the turns the interviewer asked after it.
    if (previous && previous.turns.length > state.turns.length)
      deleteTurnsAfter.run(roundId, state.turns.at(-1)?.seq ?? 0);
    state.turns.forEach((turn, i) => {
      const last = i === state.turns.length - 1;
      if (!last && previous && previous.turns[i] === turn) return;
      upsertTurn.run({
        id: turnRowId(sessionId, turn.seq),
        round_id: roundId,
        seq: turn.seq,
        kind: turn.kind,
        question_id: turn.questionId,
        prompt_text: turn.prompt,
        answer_text: turn.answer ?? null,
        draft_text: last ? state.draft : '',
        status: turn.status,
        budget_ms: turn.budgetMs,
        asked_at: turn.askedAt,
        answer_started_at: turn.answerStartedAt ?? null,
        answer_ended_at: turn.answerEndedAt ?? null,
      });
    });
  });

  return {
    create(record: Omit<SessionRecord, 'status' | 'updatedAt' | 'endedAt'>): void {
      db.transaction(() => {
        db.prepare(
          `INSERT INTO sessions (id, role_id, role_title, company, status, interviewer, created_at, updated_at) VALUES (?, ?, ?, ?, 'in_progress', ?, ?, ?)`,
        ).run(
          record.sessionId,
          record.roleId,
          record.roleTitle,
          record.company,
          record.interviewer,
          record.createdAt,
          record.createdAt,
        );
        db.prepare(
          'INSERT INTO rounds (id, session_id, round_id, kind, title, budget_ms, state_json, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          roundRowId(record.sessionId),
          record.sessionId,
          record.roundId,
          record.roundKind,
          record.roundTitle,
          record.state.round.budgetMs,
          encodeEngineState(record.state),
          record.createdAt,
        );
      })();
    },

    save(sessionId: string, state: EngineState, now: number, previous: EngineState | null): void {
      save(sessionId, state, now, previous);
    },

    markAbandoned(sessionId: string, state: EngineState, now: number): void {
      db.transaction(() => {
        updateRound.run(encodeEngineState(state), now, roundRowId(sessionId));
        updateSession.run('abandoned', now, now, sessionId);
      })();
    },

    load(sessionId: string): SessionRecord | null {
      const row = db
        .prepare(
          `SELECT s.id, s.role_id, s.role_title, s.company, s.status, s.interviewer, s.created_at, s.updated_at, s.ended_at,
                  r.round_id, r.kind, r.title, r.state_json
           FROM sessions s JOIN rounds r ON r.session_id = s.id WHERE s.id = ?`,
        )
        .get(sessionId) as Record<string, unknown> | undefined;
      if (!row) return null;
      const decoded = decodeEngineState(row.state_json);
      if (!decoded.ok) {
        throw new AppError(
          'DATA_DAMAGED',
          `Session ${sessionId} cannot be opened: ${decoded.reason}. Your other sessions are not affected; you can delete this one from History.`,
        );
      }
      return {
        sessionId: row.id as string,
        roleId: row.role_id as string,
        roleTitle: row.role_title as string,
        company: (row.company as string | null) ?? null,
        roundId: row.round_id as string,
        roundKind: row.kind as string,
        roundTitle: row.title as string,
        status: row.status as SessionRecord['status'],
        interviewer: row.interviewer as SessionRecord['interviewer'],
        createdAt: row.created_at as number,
        updatedAt: row.updated_at as number,
        endedAt: (row.ended_at as number | null) ?? null,
        state: decoded.state,
      };
    },

    inProgress(): SessionRecord[] {
      const ids = db
        .prepare(`SELECT id FROM sessions WHERE status = 'in_progress' ORDER BY updated_at DESC LIMIT 20`)
        .all() as { id: string }[];
      // A damaged session is left out (opening it says why); the others can still be resumed.
      return ids.flatMap((r) => {
        try {
          const record = this.load(r.id);
          return record ? [record] : [];
        } catch (error) {
          if (error instanceof AppError && error.code === 'DATA_DAMAGED') return [];
          throw error;
        }
      });
    },

    /** When each question was last answered, so a new session prefers fresh ones. */
    lastPracticed(questionIds: string[]): Map<string, number> {
      if (questionIds.length === 0) return new Map();
      const rows = db
        .prepare(
          `SELECT question_id, MAX(asked_at) AS at FROM turns
           WHERE status = 'answered' AND question_id IN (${questionIds.map(() => '?').join(',')}) GROUP BY question_id`,
        )
        .all(...questionIds) as { question_id: string; at: number }[];
      return new Map(rows.map((r) => [r.question_id, r.at]));
    },
  };
}

export type InterviewRepository = ReturnType<typeof createInterviewRepository>;
