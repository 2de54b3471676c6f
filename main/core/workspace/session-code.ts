/**
 * A session's coding work for review and export: per coding question, the final files in the
 * language last used and the per-part results. Read-only; used by the sessions service.
 */
import type { SessionCode } from '../../contract/services/sessions.js';
import type { EngineState } from '../interview/engine.js';
import type { Db } from '../storage/database.js';
import { exerciseFeedback } from './feedback.js';
import { createWorkspaceRepository } from './workspace-repository.js';

export function sessionCode(db: Db, sessionId: string, state: EngineState, now: number): SessionCode[] {
  const repo = createWorkspaceRepository(db);
  return repo.allProgress(sessionId).flatMap(({ questionId, progress }) => {
    const question = state.questions.find((q) => q.id === questionId);
    const exercise = question?.exercise;
    if (!question || !exercise) return [];
    const { files } = repo.files(sessionId, questionId);
    const solution = files.get(`${progress.language}:solution`) ?? exercise.starter[progress.language];
    const tests = files.get(`${progress.language}:tests`) ?? exercise.ownTests[progress.language];
    const answers = state.turns.filter((t) => t.questionId === questionId && t.answer).map((t) => t.answer ?? '');
    return [
      {
        questionId,
        prompt: question.prompt,
        language: progress.language,
        solution,
        tests,
        feedback: exerciseFeedback({ questionId, exercise, progress, answers, testsFile: tests, now }),
      },
    ];
  });
}
