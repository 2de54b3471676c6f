/**
 * The project service: a bug-bash or integration question's workspace. Files autosave like
 * drafts; "Run tests" runs the project's own suite in the sandbox (integration: against the
 * round's mock API, started with the workspace and stopped when the question ends); each run
 * takes a snapshot, the evidence the feedback is judged from after the round. The bug-bash
 * interviewer speaks up from what the candidate does (debug-triggers.ts); an integration part
 * appears when the previous one passes its hidden runs with faults (or the candidate moves on).
 *
 * Over 300 lines: Files, runs, the mock API's lifetime and snapshots share one per-question state
 * and its sequencing.
 */
import type { WorkspaceFiles } from '../../../content/schema/workspace-exercise.js';
import type { Question } from '../../../content/schema.js';
import type { EventMap, Services } from '../../contract/index.js';
import { AppError } from '../../contract/result.js';
import type { PartCheckView, ProjectFeedbackView, ProjectView } from '../../contract/services/project.js';
import * as engine from '../interview/engine.js';
import { startMockApi, type RunningMockApi } from '../mock-api/server.js';
import { supportFiles } from '../mock-api/support-files.js';
import { SequencerByKey } from '../util/sequencer.js';
import { SessionTimers } from '../util/session-timers.js';
import { createSingleFlight } from '../util/single-flight.js';
import { quietCheckAllowed, type InterviewerLook, type WorkspaceServiceCommon } from '../workspace/service-common.js';
import { DEBUG_PROMPTS, debugTrigger } from './debug-triggers.js';
import { hiddenRunOutcome } from './feedback.js';
import { changedCode } from './process.js';
import { judgeProject } from './project-judge.js';
import { projectLook } from './project-look.js';
import * as progressOf from './project-progress.js';
import type { ProjectProgress } from './project-progress.js';
import type { ProjectRepository } from './project-repository.js';
import { runIntegrationHidden, runVisibleTests, type ExerciseRunContext, type WorkspaceExercise } from './runs.js';

export interface ProjectServiceOptions extends WorkspaceServiceCommon {
  repository: () => ProjectRepository;
  runner: () => ExerciseRunContext;
}

export type ProjectService = Services['project'] &
  InterviewerLook & {
    close(): Promise<void>;
  };

interface Current {
  questionId: string;
  question: Question;
  exercise: WorkspaceExercise;
}

function exerciseOf(question: Question): WorkspaceExercise | null {
  if (question.bugBash) return { kind: 'bug_bash', spec: question.bugBash };
  if (question.integration) return { kind: 'integration', spec: question.integration };
  return null;
}

export function createProjectService(options: ProjectServiceOptions): ProjectService {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const queue = new SequencerByKey<string>();
  const once = createSingleFlight();
  /** Judged feedback of finished sessions (hidden test runs take seconds). */
  const judged = new Map<string, ProjectFeedbackView[]>();
  const mocks = new Map<string, { questionId: string; api: Promise<RunningMockApi> }>();
  const timers = new SessionTimers(options.tickMs ?? 30_000, (sessionId) => void tick(sessionId));
  const repo = () => options.repository();

  function current(sessionId: string): Current | null {
    const { state } = options.interview.peek(sessionId);
    if (state.phase === 'intro' || state.phase === 'summary') return null;
    const planned = engine.currentQuestion(state);
    if (!planned?.project) return null;
    const question = options.interview.question(sessionId, planned.id);
    const exercise = question && exerciseOf(question);
    if (!question || !exercise) {
      throw new AppError(
        'CONTENT_INVALID',
        'This question’s files are no longer in its role pack (was the pack removed or changed?). Restore the pack, or start a new session.',
      );
    }
    return { questionId: planned.id, question, exercise };
  }

  function requireCurrent(sessionId: string): Current {
    const found = current(sessionId);
    if (!found) throw new AppError('NOT_FOUND', 'This question has no project to work in.');
    return found;
  }

  function progressFor(sessionId: string, cur: Current): ProjectProgress {
    const saved = repo().progress(sessionId, cur.questionId);
    if (saved) return saved;
    const fresh = progressOf.initialProgress(now());
    repo().saveProgress(sessionId, cur.questionId, fresh, now());
    return fresh;
  }

  function save(sessionId: string, cur: Current, progress: ProjectProgress): ProjectProgress {
    repo().saveProgress(sessionId, cur.questionId, progress, now());
    return progress;
  }

  function filesOf(sessionId: string, cur: Current) {
    return repo().files(sessionId, cur.questionId, cur.exercise.spec.files);
  }

  /** The round's API: one per session while its integration question is open. */
  function mockFor(sessionId: string, cur: Current): Promise<RunningMockApi> | null {
    if (cur.exercise.kind !== 'integration') return null;
    const running = mocks.get(sessionId);
    if (running?.questionId === cur.questionId) return running.api;
    if (running) void stopMock(sessionId);
    const api = startMockApi(cur.exercise.spec.api);
    mocks.set(sessionId, { questionId: cur.questionId, api });
    api.catch(() => mocks.delete(sessionId));
    return api;
  }

  async function stopMock(sessionId: string): Promise<void> {
    const running = mocks.get(sessionId);
    mocks.delete(sessionId);
    if (running) await running.api.then((a) => a.stop()).catch(() => {});
  }

  async function view(sessionId: string, cur: Current, progress: ProjectProgress): Promise<ProjectView> {
    const { files, savedAt } = filesOf(sessionId, cur);
    const { spec } = cur.exercise;
    const support = cur.exercise.kind === 'integration' ? supportFiles(spec.language) : {};
    const paths = new Set([...Object.keys(spec.files), ...Object.keys(files)]);
    const api = progress.finishedAt === undefined ? await mockFor(sessionId, cur) : null;
    const parts =
      cur.exercise.kind === 'integration'
        ? cur.exercise.spec.parts.slice(0, progress.revealed).map((part, index) => ({
            index,
            id: part.id,
            title: part.title,
            statement: part.statement,
            status: progressOf.partStatus(progress, index),
          }))
        : [];
    return {
      sessionId,
      questionId: cur.questionId,
      kind: cur.exercise.kind,
      language: spec.language,
      files: { ...files, ...support },
      readOnly: Object.keys(support).sort(),
      changed: [...paths].filter((p) => p in files && spec.files[p] !== files[p]).sort(),
      deleted: Object.keys(spec.files)
        .filter((p) => !(p in files))
        .sort(),
      brief: cur.exercise.kind === 'bug_bash' ? cur.exercise.spec.report : cur.question.prompt,
      parts,
      partCount: cur.exercise.kind === 'integration' ? cur.exercise.spec.parts.length : 1,
      docs: spec.docs,
      lastRun: progress.lastRun,
      lastCheck: progress.checks.at(-1) ?? null,
      api: api ? { baseUrl: api.baseUrl } : null,
      finished: progress.finishedAt !== undefined,
      savedAt,
    };
  }

  /** The bug-bash interviewer's prompt for this moment, said once (the nudge now and then). */
  async function speak(sessionId: string, cur: Current, progress: ProjectProgress): Promise<ProjectProgress> {
    if (cur.exercise.kind !== 'bug_bash' || progress.finishedAt !== undefined) return progress;
    // A paused round hears nothing, and the moment is not used up: it is asked after resuming.
    const { state } = options.interview.peek(sessionId);
    if (state.paused || (state.phase !== 'question' && state.phase !== 'answering')) return progress;
    const { files } = filesOf(sessionId, cur);
    const codeChanged = changedCode(cur.exercise.spec.language, cur.exercise.spec.files, files).length > 0;
    const trigger = debugTrigger(progressOf.debugState(progress, codeChanged, now()));
    if (!trigger) return progress;
    const next = save(sessionId, cur, progressOf.markAsked(progress, trigger, now()));
    await options.interview.transact(sessionId, (state, at) => engine.remark(state, DEBUG_PROMPTS[trigger], at));
    return next;
  }

  function watch(sessionId: string, cur: Current): void {
    if (cur.exercise.kind === 'bug_bash') timers.start(sessionId);
  }

  function unwatch(sessionId: string): void {
    timers.stop(sessionId);
  }

  async function tick(sessionId: string): Promise<void> {
    try {
      await queue.run(sessionId, async () => {
        if (!quietCheckAllowed(options.interview.peek(sessionId).state)) return;
        const cur = current(sessionId);
        if (!cur) return unwatch(sessionId);
        const progress = repo().progress(sessionId, cur.questionId);
        if (progress) await speak(sessionId, cur, progress);
      });
    } catch (error) {
      unwatch(sessionId);
      log('project tick failed', error);
    }
  }

  async function advance(sessionId: string, cur: Current, progress: ProjectProgress, how: 'passed' | 'moved_on') {
    if (cur.exercise.kind !== 'integration') return progress;
    const parts = cur.exercise.spec.parts;
    const next = save(sessionId, cur, progressOf.advance(progress, parts.length, how, now()));
    const part = parts[next.revealed - 1];
    if (next.revealed > progress.revealed && part) {
      const text = `Part ${next.revealed}: ${part.title}. ${part.statement}`;
      await options.interview.transact(sessionId, (state, at) => engine.announcePart(state, text, at));
    }
    return next;
  }

  // The round's API lives as long as its question: once the interview moves on, it stops.
  const unsubscribe = options.events.subscribe((event) => {
    if (event.name !== 'interview:changed') return;
    const { sessionId, view: shown } = event.payload as EventMap['interview:changed'];
    if (!shown.project && mocks.has(sessionId)) {
      unwatch(sessionId);
      void stopMock(sessionId);
    }
  });

  const service: ProjectService = {
    open: ({ sessionId }) =>
      queue.run(sessionId, async () => {
        const cur = current(sessionId);
        if (!cur) {
          await stopMock(sessionId);
          return null;
        }
        const progress = progressFor(sessionId, cur);
        if (progress.finishedAt === undefined) watch(sessionId, cur);
        return view(sessionId, cur, progress);
      }),

    saveFile: ({ sessionId, questionId, path, text }) => {
      // Not queued behind a running test: typing never waits for a run.
      if (!repo().exists(sessionId)) throw new AppError('NOT_FOUND', 'This practice session no longer exists.');
      if (path.startsWith('_support/')) {
        throw new AppError(
          'VALIDATION',
          'Files under _support/ are the app’s helpers and run as provided: put your code elsewhere.',
        );
      }
      const at = now();
      repo().saveFile(sessionId, questionId, path, text, at);
      const progress = repo().progress(sessionId, questionId);
      if (progress) repo().saveProgress(sessionId, questionId, progressOf.touch(progress, at), at);
      return { savedAt: at };
    },

    deleteFile: ({ sessionId, questionId, path }) =>
      queue.run(sessionId, async () => {
        const cur = requireCurrent(sessionId);
        if (cur.questionId !== questionId) throw new AppError('CONFLICT', 'That file belongs to an earlier question.');
        repo().saveFile(sessionId, questionId, path, null, now());
        return view(sessionId, cur, progressFor(sessionId, cur));
      }),

    reset: ({ sessionId }) =>
      queue.run(sessionId, async () => {
        const cur = requireCurrent(sessionId);
        const progress = progressFor(sessionId, cur);
        repo().snapshot(sessionId, cur.questionId, now(), 'reset', filesOf(sessionId, cur).files, null);
        repo().resetFiles(sessionId, cur.questionId);
        return view(sessionId, cur, progress);
      }),

    runTests: ({ sessionId }) =>
      once(`${sessionId}:run`, () =>
        queue.run(sessionId, async () => {
          const cur = requireCurrent(sessionId);
          let progress = progressFor(sessionId, cur);
          const { files } = filesOf(sessionId, cur);
          const mock = progress.finishedAt === undefined ? ((await mockFor(sessionId, cur)) ?? undefined) : undefined;
          const run = await runVisibleTests(cur.exercise, files, options.runner(), mock);
          const { language } = cur.exercise.spec;
          progress = save(
            sessionId,
            cur,
            progressOf.recordRun(progress, language, cur.exercise.spec.files, files, run, now()),
          );
          repo().snapshot(sessionId, cur.questionId, now(), 'run', files, run);
          await speak(sessionId, cur, progress);
          return progress.lastRun ?? run;
        }),
      ),

    submitPart: ({ sessionId }) =>
      once(`${sessionId}:submit`, () =>
        queue.run(sessionId, async () => {
          const cur = requireCurrent(sessionId);
          if (cur.exercise.kind !== 'integration') {
            throw new AppError(
              'VALIDATION',
              'A bug bash has no parts to submit: run the tests, and finish when you are done.',
            );
          }
          let progress = progressFor(sessionId, cur);
          if (progress.finishedAt !== undefined) throw new AppError('CONFLICT', 'This task is finished.');
          const { files } = filesOf(sessionId, cur);
          const index = progress.revealed - 1;
          const part = cur.exercise.spec.parts[index]!;
          const runs = [];
          for (const run of part.hidden) {
            runs.push(hiddenRunOutcome(await runIntegrationHidden(cur.exercise.spec, run, files, options.runner())));
          }
          const check: PartCheckView = { part: index, at: now(), passed: runs.every((r) => r.passed), runs };
          progress = save(sessionId, cur, progressOf.recordCheck(progress, check));
          repo().snapshot(sessionId, cur.questionId, now(), 'check', files, null);
          if (check.passed) progress = await advance(sessionId, cur, progress, 'passed');
          const interview = await options.interview.transact(sessionId, (state) => state);
          return { check, project: await view(sessionId, cur, progress), interview };
        }),
      ),

    moveOn: ({ sessionId }) =>
      once(`${sessionId}:moveOn`, () =>
        queue.run(sessionId, async () => {
          const cur = requireCurrent(sessionId);
          const progress = await advance(sessionId, cur, progressFor(sessionId, cur), 'moved_on');
          const interview = await options.interview.transact(sessionId, (state) => state);
          return { project: await view(sessionId, cur, progress), interview };
        }),
      ),

    finish: ({ sessionId }) =>
      once(`${sessionId}:finish`, () =>
        queue.run(sessionId, async () => {
          const cur = requireCurrent(sessionId);
          const progress = save(sessionId, cur, progressOf.finish(progressFor(sessionId, cur), now()));
          repo().snapshot(sessionId, cur.questionId, now(), 'finish', filesOf(sessionId, cur).files, progress.lastRun);
          unwatch(sessionId);
          await stopMock(sessionId);
          return options.interview.transact(sessionId, (state, at) =>
            engine.finishProblem(state, "Thanks — let's leave the code there.", at),
          );
        }),
      ),

    snapshots: ({ sessionId }) =>
      repo()
        .snapshots(sessionId)
        .map(({ run: _, ...s }) => s),

    feedback: ({ sessionId }) =>
      once(`${sessionId}:feedback`, async () => {
        const { state } = options.interview.peek(sessionId);
        // A finished session's files no longer change: judged once, reviews reopen it at once.
        const kept = judged.get(sessionId);
        if (kept && state.phase === 'summary') return kept;
        const snapshots = repo().snapshots(sessionId);
        const out: ProjectFeedbackView[] = [];
        for (const { questionId, progress } of repo().allProgress(sessionId)) {
          const question = options.interview.question(sessionId, questionId);
          const exercise = question && exerciseOf(question);
          if (!question || !exercise) continue;
          // Still being worked on: judged once the candidate has finished with it.
          const open = engine.currentQuestion(state)?.id === questionId && state.phase !== 'summary';
          if (open && progress.finishedAt === undefined) continue;
          const final: WorkspaceFiles = repo().files(sessionId, questionId, exercise.spec.files).files;
          const mine = snapshots.filter((s) => s.questionId === questionId);
          const feedback = await judgeProject(question, progress, final, mine, options.runner());
          if (feedback) out.push({ questionId, title: question.prompt.split('\n')[0]!.slice(0, 120), feedback });
        }
        if (state.phase === 'summary') judged.set(sessionId, out);
        return out;
      }),

    look(sessionId, questionId, mark) {
      const cur = current(sessionId);
      if (!cur || cur.questionId !== questionId) return null;
      const progress = repo().progress(sessionId, questionId);
      if (!progress) return null;
      const { files } = filesOf(sessionId, cur);
      const seen = projectLook(cur.exercise, progress, files);
      if (mark) save(sessionId, cur, { ...progress, seen: files });
      return seen;
    },

    async close() {
      unsubscribe();
      timers.stopAll();
      await Promise.all([...mocks.keys()].map(stopMock));
    },
  };
  return service;
}
