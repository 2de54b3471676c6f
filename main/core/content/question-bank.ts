/**
 * The questions of a round as the role page lists them, with what the candidate's history says
 * about each (last practised, how often, marked to revisit). Marks live in the database; the
 * questions come from the packs.
 */
import { AppError } from '../../contract/result.js';
import type { QuestionListItem } from '../../contract/services/content.js';
import type { Db } from '../storage/database.js';
import type { ContentService } from './service.js';

export interface QuestionBank {
  questions(input: { roleId: string; roundId: string }): QuestionListItem[];
  markRevisit(input: { roleId: string; questionId: string; revisit: boolean }): { revisit: boolean };
}

export function createQuestionBank(options: {
  content: Pick<ContentService, 'findRole'>;
  db: () => Db;
  now?: () => number;
}): QuestionBank {
  const now = options.now ?? Date.now;

  function history(questionIds: string[]): Map<string, { at: number; sessions: number }> {
    if (questionIds.length === 0) return new Map();
    const rows = options
      .db()
      .prepare(
        `SELECT question_id, MAX(asked_at) AS at, COUNT(DISTINCT round_id) AS sessions FROM turns
         WHERE status = 'answered' AND question_id IN (${questionIds.map(() => '?').join(',')}) GROUP BY question_id`,
      )
      .all(...questionIds) as { question_id: string; at: number; sessions: number }[];
    return new Map(rows.map((r) => [r.question_id, { at: r.at, sessions: r.sessions }]));
  }

  function marks(roleId: string): Set<string> {
    const rows = options.db().prepare('SELECT question_id FROM question_marks WHERE role_id = ?').all(roleId) as {
      question_id: string;
    }[];
    return new Set(rows.map((r) => r.question_id));
  }

  return {
    questions: ({ roleId, roundId }) => {
      const round = options.content.findRole(roleId)?.role.rounds.find((r) => r.id === roundId);
      if (!round)
        throw new AppError('NOT_FOUND', 'That role or round is not in the library any more. Pick another one.');
      const practised = history(round.questions.map((q) => q.id));
      const marked = marks(roleId);
      return round.questions.map((q) => ({
        id: q.id,
        prompt: q.prompt,
        difficulty: q.difficulty,
        topics: [...q.topics],
        answerMinutes: q.answerMinutes,
        coding: q.coding !== undefined,
        lastPracticedAt: practised.get(q.id)?.at ?? null,
        timesPracticed: practised.get(q.id)?.sessions ?? 0,
        revisit: marked.has(q.id),
      }));
    },

    markRevisit: ({ roleId, questionId, revisit }) => {
      const db = options.db();
      if (revisit) {
        db.prepare(
          'INSERT INTO question_marks (role_id, question_id, marked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        ).run(roleId, questionId, now());
      } else {
        db.prepare('DELETE FROM question_marks WHERE role_id = ? AND question_id = ?').run(roleId, questionId);
      }
      return { revisit };
    },
  };
}
