/**
 * Builds every service from a data folder and a content folder. Electron and the bridge both
 * call this; nothing here knows which one is hosting it.
 *
 * Over 300 lines: The composition root: every service is built and wired here, and nowhere else.
 */
import fs from 'node:fs';
import { contract, type Services } from '../contract/index.js';
import { AppError } from '../contract/result.js';
import type { AppInfo } from '../contract/services/app.js';
import type { SettingsPatch } from '../contract/services/settings.js';
import { createBoardRepository, type BoardRepository } from './board/repository.js';
import { createBoardService } from './board/service.js';
import { createQuestionBank } from './content/question-bank.js';
import { createContentService, type ContentService } from './content/service.js';
import { dataPaths } from './data-dir.js';
import { createDocsService } from './docs/docs-service.js';
import { EventBus } from './events.js';
import { createFeedbackService } from './feedback/feedback-service.js';
import { createRoundChats } from './interview/interviewers/llm/round-chats.js';
import { createLlmInterviewerFactory } from './interview/interviewers/llm-interviewer.js';
import { scriptedInterviewer } from './interview/interviewers/scripted.js';
import { createInterviewRepository } from './interview/repository.js';
import { createInterviewService } from './interview/service.js';
import { createLlmService } from './llm/llm-service.js';
import { createHardwareProbe } from './models/hardware.js';
import { createModelsService } from './models/models-service.js';
import { announceChanges } from './rpc/announce.js';
import { createDispatcher, type Dispatch } from './rpc/dispatcher.js';
import { createRunnerEnv } from './runner/harness/env.js';
import { createSandbox, type Sandbox } from './runner/sandbox.js';
import { bundledPythonRuntime } from './runner/suites/python-runtime.js';
import { realFileInside } from './sessions/session-files.js';
import { createSessionsService } from './sessions/sessions-service.js';
import { readSettings, writeSettings } from './settings/settings-store.js';
import { resolveMediaPath } from './speech/media-path.js';
import { speechSessionContext } from './speech/session-context.js';
import { createSpeechRepository, type SpeechRepository } from './speech/speech-repository.js';
import { createSpeechService } from './speech/speech-service.js';
import { openDatabase, type Db } from './storage/database.js';
import { finalCode } from './workspace/session-code.js';
import { createWorkspaceRepository, type WorkspaceRepository } from './workspace/workspace-repository.js';
import { createWorkspaceService } from './workspace/workspace-service.js';
import { createProjectRepository, type ProjectRepository } from './workspace-rounds/project-repository.js';
import { createProjectService } from './workspace-rounds/project-service.js';

export interface CoreOptions {
  dataDir: string;
  /** Folder with the bundled role packs (content/roles in the repo, resources/content/roles when packaged). */
  bundledRolesDir: string;
  transport: AppInfo['transport'];
  version: string;
  log?: (message: string, error?: unknown) => void;
  /** Model files shipped with an offline installer (resources/models when packaged); none by default. */
  bundledModelsDir?: string;
  /** Extra model catalog entries (a test/dev hook; see env-options.ts). */
  extraCatalogFile?: string;
  /** CPU threads for the interviewer model; default: the cores this process may use. */
  llmThreads?: number;
  /** A fixed sampling seed for the interviewer (reproducible end-to-end tests); random otherwise. */
  llmSeed?: number;
  /**
   * The runtime untrusted code runs in (see runner/sandbox.ts): by default this process's own
   * binary. The desktop app passes its Electron binary with runAsNode, because utilityProcess
   * does not apply Node's --permission flags.
   */
  runner?: { execPath: string; runAsNode?: boolean };
}

export interface Core {
  services: Services;
  dispatch: Dispatch;
  events: EventBus;
  db: Db | null;
  /** The one place untrusted code runs (pack references; candidates' code later). */
  runner: Sandbox;
  content: ContentService;
  /** The recording file for a /media/<sessionId>/<file> path, or null (served by the bridge and app://). */
  mediaFile(urlPath: string): string | null;
  /** Stops background work; resolves once worker threads and running checks have ended. */
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const log = options.log ?? ((message, error) => console.error(`[core] ${message}`, error ?? ''));
  const paths = dataPaths(options.dataDir);
  const events = new EventBus();
  const opened = openDatabase(paths.root);
  const db = opened.ok ? opened.db : null;
  if (!opened.ok) log(opened.status.message ?? 'database unavailable');

  const requireDb = (): Db => {
    if (!db) throw new AppError('DB_UNAVAILABLE', opened.status.message ?? 'The database is not available.');
    return db;
  };

  // The one writer of settings: every change, from any screen or from core, is announced.
  const settingsAccess = {
    read: () => readSettings(db),
    write: (patch: SettingsPatch) => {
      writeSettings(requireDb(), patch);
      events.emit('settings:changed', readSettings(db));
    },
  };

  // Created now so workspaces a crash left behind are swept at start. Every run of untrusted
  // code (pack references, candidates' code, every language) goes through this one sandbox; a
  // Python process is kept loaded while a Python workspace is open, so Run does not wait for
  // Pyodide.
  const runner = createSandbox({
    execPath: options.runner?.execPath ?? process.execPath,
    runAsNode: options.runner?.runAsNode ?? false,
    tempRoot: paths.runner,
    log: (message) => log(`runner: ${message}`),
  });
  const runnerEnv = createRunnerEnv(runner, {
    keepWarm: true,
    pythonRuntime: () => readSettings(db).pythonRuntime,
  });
  const content = createContentService({
    bundledDir: options.bundledRolesDir,
    userDir: paths.userRoles,
    runner: () => runnerEnv,
    referenceCacheFile: paths.referenceChecks,
    onChanged: (roles, invalid) => events.emit('content:changed', { roles, invalid }),
    onReferences: (payload) => events.emit('content:references', payload),
    log: (message) => log(`content: ${message}`),
  });
  // The interviewer's model: loads in the background, shared with the hardware probe.
  const llm = createLlmService({
    modelPath: () => readSettings(db).activeLlmModel,
    log,
    threads: options.llmThreads,
    // Loading, its progress, ready or failed: the Models and practice screens follow it.
    onStatus: (status) => events.emit('llm:status', status),
  });
  const roundChats = createRoundChats(llm, log);
  const llmInterviewer = createLlmInterviewerFactory({
    llm,
    chats: roundChats,
    notify: (sessionId, message) => events.emit('interviewer:notice', { sessionId, message }),
    ...(options.llmSeed !== undefined ? { limits: { seed: options.llmSeed } } : {}),
  });
  const chooseInterviewer = (sessionId: string) => {
    const modelPath = readSettings(db).activeLlmModel;
    if (!modelPath || !fs.existsSync(modelPath)) return scriptedInterviewer;
    llm.warmUp();
    return llmInterviewer(sessionId);
  };
  const models = createModelsService({
    hardware: createHardwareProbe(() => llm.runtime()),
    modelsDir: paths.models,
    bundledModelsDir: options.bundledModelsDir ?? null,
    extraCatalogFile: options.extraCatalogFile,
    events,
    settings: settingsAccess,
    log,
  });
  let interviewRepository: ReturnType<typeof createInterviewRepository> | undefined;
  const interviewRepo = () => (interviewRepository ??= createInterviewRepository(requireDb()));
  let speechRepository: SpeechRepository | undefined;
  const speech = createSpeechService({
    repository: () => (speechRepository ??= createSpeechRepository(requireDb())),
    sessionsDir: paths.sessions,
    modelDirs: [paths.models, options.bundledModelsDir],
    settings: () => readSettings(db),
    session: (sessionId) => speechSessionContext(interviewRepo(), sessionId),
    events,
    log,
    // The interviewer pre-evaluates a spoken answer as it is transcribed, like a typed draft.
    onTranscript: (sessionId, transcript, settled) => interview.spokenDraft(sessionId, transcript, settled),
    // A reply started in a pause must not share the cores with the recognizer once speech resumes.
    onSpeechResumed: (sessionId) => interview.speechResumed(sessionId),
  });
  if (db) {
    try {
      const report = speech.recover();
      if (report.recovered.length > 0) log(`recovered ${report.recovered.length} recording(s) left open by a crash`);
    } catch (error) {
      log('recovering recordings failed', error);
    }
  }

  // Feedback judges with the active model when there is one; otherwise it is rule-based only.
  let boardRepository: BoardRepository | undefined;
  const board = createBoardService({
    repository: () => (boardRepository ??= createBoardRepository(requireDb())),
    content,
  });

  const feedback = createFeedbackService({
    repository: interviewRepo,
    db: requireDb,
    content,
    events,
    llm: () => (readSettings(db).activeLlmModel ? llm : null),
    finalCode: (sessionId, state, questionId) => finalCode(requireDb(), sessionId, state, questionId),
    log,
  });

  let workspaceRepository: WorkspaceRepository | undefined;
  // The two services call each other only from callbacks, after both exist.
  const interview = createInterviewService({
    repository: interviewRepo,
    content,
    events,
    interviewer: chooseInterviewer,
    onDraft: (sessionId, text, context) => void roundChats.preloadAnswer(sessionId, text, context),
    onAnswer: (sessionId, turnSeq) => {
      workspace.onTurn(sessionId);
      feedback.onAnswer(sessionId, turnSeq);
    },
    workspaceLook: (sessionId, questionId, mark) =>
      workspace.look(sessionId, questionId, mark) ?? project.look(sessionId, questionId, mark),
    boardLook: (sessionId, turnSeq) => {
      try {
        return board.look(sessionId, turnSeq);
      } catch (error) {
        // The interview goes on without the board rather than stopping on it.
        log('could not read the whiteboard for the interviewer', error);
        return null;
      }
    },
  });
  const workspace = createWorkspaceService({
    repository: () => (workspaceRepository ??= createWorkspaceRepository(requireDb())),
    interview: interview.internals,
    runner: () => runnerEnv,
    defaultLanguage: () => readSettings(db).codingLanguage,
    events,
    log,
  });
  let projectRepository: ProjectRepository | undefined;
  const project = createProjectService({
    repository: () => (projectRepository ??= createProjectRepository(requireDb())),
    interview: interview.internals,
    runner: () => ({ sandbox: runner, python: bundledPythonRuntime() }),
    events,
    log,
  });

  const services: Services = {
    app: {
      info: () => ({
        name: 'Interview Rehearsal',
        version: options.version,
        platform: process.platform,
        transport: options.transport,
        dataDir: paths.root,
        database: opened.status,
      }),
    },
    content: { ...content, ...createQuestionBank({ content, db: requireDb }) },
    interview,
    settings: {
      get: () => readSettings(db),
      update: (patch) => {
        settingsAccess.write(patch);
        return readSettings(db);
      },
      systemPython: () => runnerEnv.systemPython.refresh(),
    },
    models: announceChanges(
      { ...models, llmStatus: () => llm.status() },
      {
        import: () => events.emit('models:changed', {}),
        delete: () => events.emit('models:changed', {}),
        setActive: (input) => {
          events.emit('models:changed', {});
          // A newly chosen interviewer model loads now, so its state (and any problem) shows at once.
          if (input.kind === 'llm') {
            llm.warmUp();
            events.emit('llm:status', llm.status());
          }
        },
      },
    ),
    speech,
    sessions: announceChanges(
      createSessionsService({
        db: requireDb,
        dataDir: paths.root,
        projectStart: (roleId, roundId, questionId) => {
          const question = content
            .findRole(roleId)
            ?.role.rounds.find((r) => r.id === roundId)
            ?.questions.find((q) => q.id === questionId);
          const spec = question?.bugBash ?? question?.integration;
          return spec ? { files: spec.files, language: spec.language } : null;
        },
      }),
      {
        setNotes: (input) => events.emit('sessions:changed', { sessionId: input.sessionId }),
        delete: (input) => events.emit('sessions:changed', { sessionId: input.sessionId }),
        deleteAll: () => events.emit('sessions:changed', { sessionId: null }),
        importArchive: () => events.emit('sessions:changed', { sessionId: null }),
        importFolder: () => events.emit('sessions:changed', { sessionId: null }),
      },
    ),
    feedback,
    workspace,
    project,
    board: board.service,
    docs: createDocsService({ folder: () => readSettings(db).docsFolder, log }),
  };

  // Loading takes seconds to minutes: start now, so the first round does not wait for it.
  if (readSettings(db).activeLlmModel) llm.warmUp();

  const dispatch = createDispatcher(contract, services, {
    onUnexpectedError: (channel, error) => log(`unexpected error in ${channel}`, error),
  });

  return {
    services,
    dispatch,
    events,
    db,
    runner,
    content,
    mediaFile: (urlPath) => {
      const file = resolveMediaPath(paths.sessions, urlPath);
      return file === null ? null : realFileInside(paths.sessions, file);
    },
    async close() {
      feedback.close();
      workspace.close();
      await project.close();
      await runnerEnv.close();
      speech.close();
      models.close();
      void llm.close();
      db?.close();
      await content.close();
    },
  };
}
