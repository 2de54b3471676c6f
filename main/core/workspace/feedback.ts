/**
 * Per-part feedback for a coding question, judged by tests and by what was done, not by words:
 * parts passed, time per part, hidden tests passed, how early and how often tests ran, own tests.
 * Complexity is only reported as mentioned (quoted sentences), never scored without a model.
 */
import type { ExerciseFeedback, PartFeedback } from '../../contract/services/workspace.js';
import type { PlannedExercise } from '../exercise/spec.js';
import type { Progress } from './progress.js';

const COMPLEXITY = /\b(o\s*\(|big[- ]o|complexity|linear|quadratic|logarithmic|n log n|constant time)/i;

export function complexityMentions(answers: readonly string[]): string[] {
  const sentences = answers.flatMap((a) => a.split(/(?<=[.!?])\s+/));
  return sentences
    .filter((s) => COMPLEXITY.test(s))
    .map((s) => s.trim())
    .slice(0, 5);
}

export function exerciseFeedback(input: {
  questionId: string;
  exercise: PlannedExercise;
  progress: Progress;
  answers: readonly string[];
  testsFile: string;
  now: number;
}): ExerciseFeedback {
  const { exercise, progress } = input;
  const end = progress.finishedAt ?? input.now;
  const parts: PartFeedback[] = exercise.parts.map((part, index) => {
    const p = progress.parts[index];
    if (!p) {
      return {
        index,
        title: part.title,
        outcome: 'not_reached',
        timeMs: null,
        hiddenPassed: null,
        hiddenTotal: part.hidden.length,
        runs: 0,
        submits: 0,
        firstRunAfterMs: null,
      };
    }
    const next = progress.parts[index + 1];
    const stop = p.passedAt ?? p.movedOnAt ?? next?.revealedAt ?? end;
    return {
      index,
      title: part.title,
      outcome: p.passedAt !== undefined ? 'passed' : p.movedOnAt !== undefined ? 'moved_on' : 'not_finished',
      timeMs: Math.max(0, stop - p.revealedAt),
      hiddenPassed: p.hiddenPassed ?? null,
      hiddenTotal: part.hidden.length,
      runs: p.runs,
      submits: p.submits,
      firstRunAfterMs: p.firstRunAt !== undefined ? p.firstRunAt - p.revealedAt : null,
    };
  });
  const written = input.testsFile.trim() !== exercise.ownTests[progress.language].trim();
  const own = progress.ownTests;
  const notes: string[] = [];
  const reached = parts.filter((p) => p.outcome !== 'not_reached');
  if (reached.length > 0 && reached.every((p) => p.runs === 0 && p.submits <= 1)) {
    notes.push(
      'You submitted without running the visible tests first. Running early catches the simple mistakes cheaply.',
    );
  }
  if (!written)
    notes.push(
      'You did not write tests of your own. In this loop, tests you choose show which edge cases you thought of.',
    );
  else if (own.runs === 0) notes.push('You wrote tests of your own but never ran them.');
  const moved = parts.filter((p) => p.outcome === 'moved_on').length;
  if (moved > 0)
    notes.push(`You moved on from ${moved} part${moved > 1 ? 's' : ''} without passing ${moved > 1 ? 'them' : 'it'}.`);
  return {
    questionId: input.questionId,
    language: progress.language,
    parts,
    partsPassed: parts.filter((p) => p.outcome === 'passed').length,
    ownTests: { written, runs: own.runs, names: own.names, passing: own.passing },
    complexityMentions: complexityMentions(input.answers),
    notes,
  };
}
