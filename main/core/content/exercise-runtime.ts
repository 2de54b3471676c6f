/**
 * Where content:check gets its runner for proving bug-bash and integration exercises.
 * The sandboxed runner (main/core/runner/sandbox.ts, the hardening issue) is not on this
 * branch yet: until it is, proofs report that they could not run instead of pretending.
 */
import type { ExerciseRunContext } from '../workspace-rounds/runs.js';

export type ExerciseRuntime = { ok: true; ctx: ExerciseRunContext; close(): void } | { ok: false; reason: string };

export async function openExerciseRuntime(): Promise<ExerciseRuntime> {
  return {
    ok: false,
    reason: 'the sandboxed runner is not part of this build yet, so exercises cannot be run',
  };
}
