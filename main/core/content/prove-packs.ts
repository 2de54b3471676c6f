/**
 * content:check's second stage for bug-bash and integration exercises: after a pack passes the
 * schema and the semantic rules, each exercise is proven through the runner (prove-exercise.ts)
 * and every problem is reported the usual way, "<file>:<line> <path>: <message>".
 */
import type { Role } from '../../../content/schema.js';
import type { ExerciseRunContext } from '../workspace-rounds/runs.js';
import { formatError, formatPath, type Locate, type PathSegment } from './parse-pack.js';
import { proveExercise } from './prove-exercise.js';

export interface PackProof {
  exercises: number;
  proven: number;
  errors: string[];
}

export function hasWorkspaceExercises(role: Role): boolean {
  return role.rounds.some((r) => r.questions.some((q) => q.bugBash !== undefined || q.integration !== undefined));
}

export async function provePackExercises(
  role: Role,
  file: string,
  locate: Locate,
  ctx: ExerciseRunContext,
  onProgress?: (line: string) => void,
): Promise<PackProof> {
  const out: PackProof = { exercises: 0, proven: 0, errors: [] };
  for (const [r, round] of role.rounds.entries()) {
    for (const [q, question] of round.questions.entries()) {
      if (!question.bugBash && !question.integration) continue;
      out.exercises++;
      const started = Date.now();
      const proof = await proveExercise(question, ctx);
      if (!proof) continue;
      const qp: PathSegment[] = ['rounds', r, 'questions', q];
      for (const issue of proof.issues) {
        const path = [...qp, ...issue.path];
        out.errors.push(formatError(file, locate(path), formatPath(path), issue.message));
      }
      if (proof.issues.length === 0) out.proven++;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      onProgress?.(
        `  ${question.id}: ${proof.issues.length === 0 ? 'proven' : 'REJECTED'} (${proof.runs} runs, ${seconds} s)`,
      );
    }
  }
  return out;
}
