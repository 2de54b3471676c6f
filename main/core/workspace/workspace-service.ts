/**
 * The workspace service: a coding question's files, runs and parts. Code is not an answer: files
 * autosave like drafts; runs, submits and turns take snapshots; a part appears when the previous
 * one passes its hidden tests (or the candidate moves on), told to the engine as a part reveal,
 * never as a follow-up. The interviewer speaks unprompted when a trigger fires.
 *
 * Over 300 lines: Files, runs, snapshots and part reveals share one per-question state and its
 * sequencing.
 */
import type { Language } from '../../../content/schema.js';
import type { Services } from '../../contract/index.js';
import { AppError } from '../../contract/result.js';
import type { RunKind, RunView, WorkspaceFile, WorkspaceView } from '../../contract/services/workspace.js';
import { submitTests, type PlannedExercise } from '../exercise/spec.js';
import * as engine from '../interview/engine.js';
import { runTests, warmCandidatePython, type RunnerEnv } from '../runner/harness/run-tests.js';
import { SequencerByKey } from '../util/sequencer.js';
import { SessionTimers } from '../util/session-timers.js';
import { createSingleFlight } from '../util/single-flight.js';
import { exerciseFeedback } from './feedback.js';
import { look, pickTrigger } from './interviewer-look.js';
import * as progressOf from './progress.js';
import type { Progress } from './progress.js';
import { quietCheckAllowed, type InterviewerLook, type WorkspaceServiceCommon } from './service-common.js';
import { partView, runView, type PlannedTest } from './views.js';
import type { WorkspaceRepository } from './workspace-repository.js';

export interface WorkspaceServiceOptions extends WorkspaceServiceCommon {
  repository: () => WorkspaceRepository;
  runner: () => RunnerEnv;
  /** The language new workspaces open in (Settings), when the question offers it. */
  defaultLanguage: () => Language;
}

export type WorkspaceService = Services['workspace'] &
  InterviewerLook & {
    /** A turn was answered: snapshot the files as they were. */
    onTurn(sessionId: string): void;
    close(): void;
  };

interface Current {
  questionId: string;
  exercise: PlannedExercise;
}

export function createWorkspaceService(options: WorkspaceServiceOptions): WorkspaceService {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const queue = new SequencerByKey<string>();
  const once = createSingleFlight();
  const timers = new SessionTimers(options.tickMs ?? 30_000, (sessionId) => void tick(sessionId));
  const repo = () => options.repository();

  function current(sessionId: string): Current | null {
    const { state } = options.interview.peek(sessionId);
    if (state.phase === 'intro') return null;
    const question = engine.currentQuestion(state);
    if (!question?.exercise) return null;
    return { questionId: question.id, exercise: question.exercise };
  }

  function requireCurrent(sessionId: string): Current {
    const found = current(sessionId);
    if (!found)
      throw new AppError('NOT_FOUND', 'This question has no code to write. Open a coding round to use the editor.');
    return found;
  }

  function offered(exercise: PlannedExercise): Language[] {
    return exercise.languages;
  }

  function progressFor(sessionId: string, cur: Current): Progress {
    const saved = repo().progress(sessionId, cur.questionId);
    if (saved) return saved;
    const languages = offered(cur.exercise);
    if (languages.length === 0) {
      throw new AppError(
        'CONTENT_INVALID',
        "This question's reference solutions were not proven in any language, so its code cannot be run. Check the pack's references in the role library and start a new session.",
      );
    }
    const wanted = options.defaultLanguage();
    const fresh = progressOf.initialProgress(languages.includes(wanted) ? wanted : languages[0]!, now());
    repo().saveProgress(sessionId, cur.questionId, fresh, now());
    return fresh;
  }

  function save(sessionId: string, cur: Current, progress: Progress): Progress {
    repo().saveProgress(sessionId, cur.questionId, progress, now());
    return progress;
  }

  function filesFor(
    sessionId: string,
    cur: Current,
    language: Language,
  ): { files: Record<WorkspaceFile, string>; savedAt: number | null } {
    const { files, savedAt } = repo().files(sessionId, cur.questionId);
    return {
      files: {
        solution: files.get(`${language}:solution`) ?? cur.exercise.starter[language],
        tests: files.get(`${language}:tests`) ?? cur.exercise.ownTests[language],
      },
      savedAt,
    };
  }

  function view(sessionId: string, cur: Current, progress: Progress): WorkspaceView {
    const { files, savedAt } = filesFor(sessionId, cur, progress.language);
    return {
      sessionId,
      questionId: cur.questionId,
      languages: offered(cur.exercise),
      language: progress.language,
      files,
      parts: progress.parts.map((_, i) => partView(cur.exercise, i, progressOf.partStatus(progress, i))),
      current: progress.parts.length - 1,
      finished: progress.finishedAt !== undefined,
      lastRun: progress.lastRun,
      docs: cur.exercise.docs ?? null,
      savedAt,
    };
  }

  function warmUp(language: Language): void {
    if (language === 'python') void warmCandidatePython(options.runner()).catch(() => undefined);
  }

  function watch(sessionId: string): void {
    timers.start(sessionId);
  }

  function unwatch(sessionId: string): void {
    timers.stop(sessionId);
  }

  /** Says a trigger's line (once per part) and tells the UI the conversation changed. */
  async function speak(
    sessionId: string,
    cur: Current,
    progress: Progress,
    event: 'passed' | 'run' | 'tick',
  ): Promise<Progress> {
    const { files } = filesFor(sessionId, cur, progress.language);
    const trigger = pickTrigger({
      exercise: cur.exercise,
      progress,
      event,
      ownTestsChanged: files.tests !== cur.exercise.ownTests[progress.language],
      now: now(),
    });
    if (!trigger) return progress;
    const next = save(sessionId, cur, progressOf.markFired(progress, trigger.id));
    // The committed state reaches the screen as core's 'interview:changed' event.
    await options.interview.transact(sessionId, (state, at) => engine.remark(state, trigger.text, at));
    return next;
  }

  async function tick(sessionId: string): Promise<void> {
    try {
      await queue.run(sessionId, async () => {
        if (!quietCheckAllowed(options.interview.peek(sessionId).state)) return;
        const cur = current(sessionId);
        if (!cur) return unwatch(sessionId);
        const progress = repo().progress(sessionId, cur.questionId);
        if (progress) await speak(sessionId, cur, progress, 'tick');
      });
    } catch (error) {
      // A deleted session or a closed database: nothing to watch any more.
      unwatch(sessionId);
      log('workspace tick failed', error);
    }
  }

  function snapshot(
    sessionId: string,
    cur: Current,
    progress: Progress,
    reason: 'run' | 'own' | 'submit' | 'turn' | 'move_on' | 'finish',
    run: RunView | null,
  ): void {
    const { files } = filesFor(sessionId, cur, progress.language);
    repo().snapshot({
      sessionId,
      questionId: cur.questionId,
      at: now(),
      reason,
      part: progress.parts.length - 1,
      language: progress.language,
      files,
      results: run ? { passed: run.passed, total: run.total, status: run.status } : null,
    });
  }

  async function execute(sessionId: string, cur: Current, progress: Progress, kind: RunKind): Promise<RunView> {
    const index = progress.parts.length - 1;
    const part = cur.exercise.parts[index]!;
    const { files } = filesFor(sessionId, cur, progress.language);
    const planned: PlannedTest[] =
      kind === 'submit'
        ? submitTests(cur.exercise, index).map((t) => ({ test: t.test, hidden: t.hidden, part: t.part }))
        : kind === 'visible'
          ? part.tests.map((test) => ({ test, hidden: false, part: index }))
          : [];
    const at = now();
    const outcome = await runTests(options.runner(), {
      language: progress.language,
      source: files.solution,
      ...(part.functionName ? { functionName: part.functionName } : {}),
      ...(part.className ? { classNames: [part.className] } : {}),
      tests: planned.map((p) => p.test),
      ...(kind === 'own' ? { mode: 'own' as const, testSource: files.tests } : {}),
      // The candidate's solution (and own tests) only: may run on the system python3 if chosen.
      author: 'candidate',
    });
    return runView({
      kind,
      part: index,
      language: progress.language,
      at,
      planned,
      outcome,
      ...(part.functionName ? { functionName: part.functionName } : {}),
    });
  }

  /** The next part appears (or the problem is done), in the workspace and in the conversation. */
  async function advance(
    sessionId: string,
    cur: Current,
    progress: Progress,
    how: 'passed' | 'moved_on',
  ): Promise<Progress> {
    const next = save(sessionId, cur, progressOf.advance(progress, cur.exercise.parts.length, how, now()));
    if (next.parts.length > progress.parts.length) {
      await options.interview.transact(sessionId, (state, at) => engine.revealPart(state, at));
    }
    return next;
  }

  const service: WorkspaceService = {
    open: ({ sessionId }) =>
      queue.run(sessionId, () => {
        const cur = current(sessionId);
        if (!cur) return null;
        const progress = progressFor(sessionId, cur);
        warmUp(progress.language);
        if (progress.finishedAt === undefined) watch(sessionId);
        return view(sessionId, cur, progress);
      }),

    saveFile: ({ sessionId, questionId, language, file, text }) => {
      // Not queued behind a running test: typing must never wait for a run to finish.
      if (!repo().exists(sessionId)) throw new AppError('NOT_FOUND', 'This practice session no longer exists.');
      const at = now();
      repo().saveFile(sessionId, questionId, language, file, text, at);
      const progress = repo().progress(sessionId, questionId);
      if (progress) repo().saveProgress(sessionId, questionId, progressOf.touch(progress, at), at);
      return { savedAt: at };
    },

    setLanguage: ({ sessionId, language }) =>
      queue.run(sessionId, () => {
        const cur = requireCurrent(sessionId);
        if (!offered(cur.exercise).includes(language)) {
          throw new AppError(
            'VALIDATION',
            `This question is not offered in ${language}: its reference solution has not been checked in that language.`,
          );
        }
        const progress = save(sessionId, cur, { ...progressFor(sessionId, cur), language });
        warmUp(language);
        return view(sessionId, cur, progress);
      }),

    run: ({ sessionId, kind }) =>
      once(`${sessionId}:${kind}`, () =>
        queue.run(sessionId, async () => {
          const cur = requireCurrent(sessionId);
          let progress = progressFor(sessionId, cur);
          const run = await execute(sessionId, cur, progress, kind);
          progress = save(sessionId, cur, progressOf.recordRun(progress, run, now()));
          snapshot(sessionId, cur, progress, kind === 'own' ? 'own' : 'run', run);
          await speak(sessionId, cur, progress, 'run');
          return run;
        }),
      ),

    submit: ({ sessionId }) =>
      once(`${sessionId}:submit`, () =>
        queue.run(sessionId, async () => {
          const cur = requireCurrent(sessionId);
          let progress = progressFor(sessionId, cur);
          if (progress.finishedAt !== undefined)
            throw new AppError('CONFLICT', 'This problem is finished. Move on to the next question.');
          const run = await execute(sessionId, cur, progress, 'submit');
          const own = run.results.filter((r) => r.fromPart === undefined && r.hidden);
          const passed = run.status === 'ok' && run.total > 0 && run.passed === run.total;
          progress = progressOf.recordRun(progress, run, now());
          progress = save(
            sessionId,
            cur,
            progressOf.recordSubmit(
              progress,
              { passed: own.filter((r) => r.passed).length, total: own.length },
              passed,
              now(),
            ),
          );
          snapshot(sessionId, cur, progress, 'submit', run);
          if (passed) {
            progress = await advance(sessionId, cur, progress, 'passed');
            await speak(sessionId, cur, progress, 'passed');
            if (progress.finishedAt !== undefined) unwatch(sessionId);
          } else {
            await speak(sessionId, cur, progress, 'run');
          }
          const interview = await options.interview.transact(sessionId, (state) => state);
          return { run, workspace: view(sessionId, cur, progress), interview };
        }),
      ),

    moveOn: ({ sessionId }) =>
      once(`${sessionId}:moveOn`, () =>
        queue.run(sessionId, async () => {
          const cur = requireCurrent(sessionId);
          let progress = progressFor(sessionId, cur);
          snapshot(sessionId, cur, progress, 'move_on', null);
          progress = await advance(sessionId, cur, progress, 'moved_on');
          if (progress.finishedAt !== undefined) unwatch(sessionId);
          const interview = await options.interview.transact(sessionId, (state) => state);
          return { workspace: view(sessionId, cur, progress), interview };
        }),
      ),

    finishProblem: ({ sessionId }) =>
      once(`${sessionId}:finish`, () =>
        queue.run(sessionId, async () => {
          const cur = requireCurrent(sessionId);
          const progress = save(sessionId, cur, progressOf.finish(progressFor(sessionId, cur), now()));
          snapshot(sessionId, cur, progress, 'finish', progress.lastRun);
          unwatch(sessionId);
          return options.interview.transact(sessionId, (state, at) =>
            engine.finishProblem(state, "Thanks — let's stop the coding there.", at),
          );
        }),
      ),

    snapshots: ({ sessionId }) => repo().snapshots(sessionId),

    feedback: ({ sessionId }) => {
      const { state } = options.interview.peek(sessionId);
      return repo()
        .allProgress(sessionId)
        .flatMap(({ questionId, progress }) => {
          const question = state.questions.find((q) => q.id === questionId);
          if (!question?.exercise) return [];
          const answers = state.turns.filter((t) => t.questionId === questionId && t.answer).map((t) => t.answer ?? '');
          const { files } = filesFor(sessionId, { questionId, exercise: question.exercise }, progress.language);
          return [
            exerciseFeedback({
              questionId,
              exercise: question.exercise,
              progress,
              answers,
              testsFile: files.tests,
              now: now(),
            }),
          ];
        });
    },

    look(sessionId, questionId, mark) {
      const cur = current(sessionId);
      if (!cur || cur.questionId !== questionId) return null;
      const progress = repo().progress(sessionId, questionId);
      if (!progress) return null;
      const { files } = filesFor(sessionId, cur, progress.language);
      const seen = look(cur.exercise, progress, files.solution);
      if (mark) save(sessionId, cur, { ...progress, lastSeen: { solution: files.solution, at: now() } });
      return seen;
    },

    onTurn(sessionId) {
      try {
        const cur = current(sessionId);
        if (!cur) return;
        const progress = repo().progress(sessionId, cur.questionId);
        if (!progress) return;
        snapshot(sessionId, cur, save(sessionId, cur, progressOf.touch(progress, now())), 'turn', null);
      } catch (error) {
        log('workspace snapshot at a turn failed', error);
      }
    },

    close() {
      timers.stopAll();
    },
  };
  return service;
}
