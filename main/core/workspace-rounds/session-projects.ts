/**
 * A session's bug-bash and integration work for review and export: per question, each step the
 * project service kept (test runs, checks, reset, finish) with what changed since the step before
 * and its test counts, and the files at the end. Read-only; used by the sessions service.
 *
 * The starting files live in the role pack, not the database. With the pack installed, the final
 * files are exact (start + the candidate's changes); without it they are the last step's files,
 * and the first step cannot be compared with the start: the review says so rather than guess.
 */
import type { WorkspaceFiles, WorkspaceLanguage } from '../../../content/schema/workspace-exercise.js';
import type { ProjectReview, ProjectStepReview } from '../../contract/services/project.js';
import type { EngineState } from '../interview/engine.js';
import type { Db } from '../storage/database.js';
import { filesChanges } from './line-diff.js';
import { createProjectRepository } from './project-repository.js';

/** A project question's starting files and language, from the role pack; null when it is not installed. */
export type ProjectStartLookup = (questionId: string) => { files: WorkspaceFiles; language: WorkspaceLanguage } | null;

export function sessionProjects(
  db: Db,
  sessionId: string,
  state: EngineState,
  startOf: ProjectStartLookup,
): ProjectReview[] {
  const repo = createProjectRepository(db);
  const snapshots = repo.snapshots(sessionId);
  return repo.allProgress(sessionId).flatMap(({ questionId, progress }) => {
    const planned = state.questions.find((q) => q.id === questionId);
    if (!planned?.project) return [];
    const start = startOf(questionId);
    const mine = snapshots.filter((s) => s.questionId === questionId);

    // The files before each step: the start, or the step before (a reset puts the start back).
    let before: WorkspaceFiles | null = start?.files ?? null;
    const steps: ProjectStepReview[] = mine.map((s) => {
      const changes = before ? filesChanges(before, s.files) : null;
      before = s.reason === 'reset' ? (start?.files ?? null) : s.files;
      return { id: s.id, at: s.at, reason: s.reason, passed: s.passed, failed: s.failed, changes };
    });

    const files = start ? repo.files(sessionId, questionId, start.files).files : (mine.at(-1)?.files ?? {});
    const startFiles = start?.files ?? {};
    const lastRun = progress.lastRun;
    return [
      {
        questionId,
        title: shortTitle(planned.prompt),
        kind: planned.project.kind,
        language: start?.language ?? null,
        startedAt: progress.startedAt,
        steps,
        files,
        filesFrom: start ? 'workspace' : 'last_step',
        changed: start
          ? Object.keys(files)
              .filter((p) => p in startFiles && startFiles[p] !== files[p])
              .sort()
          : [],
        added: start
          ? Object.keys(files)
              .filter((p) => !(p in startFiles))
              .sort()
          : [],
        deleted: Object.keys(startFiles)
          .filter((p) => !(p in files))
          .sort(),
        runs: progress.runs.length,
        lastRun: lastRun ? { passed: lastRun.passed, failed: lastRun.failed } : null,
      },
    ];
  });
}

/** The prompt's first sentence, or its first words when that is long: a heading, not the brief. */
export function shortTitle(prompt: string, max = 140): string {
  const first = prompt.trim().split('\n')[0]!.trim();
  const sentence = /^(.+?[.!?:])(\s|$)/.exec(first)?.[1] ?? first;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:]+$/, '')}…`;
}
