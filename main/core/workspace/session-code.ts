/**
 * A session's coding work for review, export and the model's notes on the code: per coding
 * question, the final files in the language last used and the per-part results. Read-only.
 */
import type { SessionCode } from '../../contract/services/sessions.js';
import type { PartFeedback } from '../../contract/services/workspace.js';
import type { CodeEvidence } from '../feedback/code-notes.js';
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

const OUTCOME: Record<PartFeedback['outcome'], string> = {
  passed: 'passed',
  moved_on: 'moved on without passing',
  not_finished: 'not finished',
  not_reached: 'not reached',
};

/** One coding question's final code with its starter and per-part results, for the model's notes. */
export function finalCode(db: Db, sessionId: string, state: EngineState, questionId: string): CodeEvidence | null {
  const code = sessionCode(db, sessionId, state, Date.now()).find((c) => c.questionId === questionId);
  const exercise = state.questions.find((q) => q.id === questionId)?.exercise;
  if (!code || !exercise) return null;
  return {
    language: code.language,
    solution: code.solution,
    tests: code.tests,
    starter: { solution: exercise.starter[code.language], tests: exercise.ownTests[code.language] },
    results: code.feedback.parts
      .filter((p) => p.outcome !== 'not_reached')
      .map(
        (p) =>
          `Part ${p.index + 1} (${p.title}): ${OUTCOME[p.outcome]}` +
          (p.hiddenPassed === null ? '' : `, ${p.hiddenPassed}/${p.hiddenTotal} hidden tests`),
      ),
  };
}
