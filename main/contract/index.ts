/**
 * The contract: every service the UI can call, in one place. Both transports (Electron IPC
 * and the WebSocket bridge) and the renderer's client are derived from this object.
 */
import type { ClientOf, ImplementationOf } from './define.js';
import { appContract } from './services/app.js';
import { boardContract } from './services/board.js';
import { contentContract } from './services/content.js';
import { docsContract } from './services/docs.js';
import { feedbackContract } from './services/feedback.js';
import { interviewContract } from './services/interview.js';
import { modelsContract } from './services/models.js';
import { projectContract } from './services/project.js';
import { sessionsContract } from './services/sessions.js';
import { settingsContract } from './services/settings.js';
import { speechContract } from './services/speech.js';
import { workspaceContract } from './services/workspace.js';

export const contract = {
  app: appContract,
  content: contentContract,
  interview: interviewContract,
  settings: settingsContract,
  models: modelsContract,
  speech: speechContract,
  sessions: sessionsContract,
  feedback: feedbackContract,
  board: boardContract,
  workspace: workspaceContract,
  project: projectContract,
  docs: docsContract,
};

export type Contract = typeof contract;
export type Api = ClientOf<Contract>;
export type Services = ImplementationOf<Contract>;

export * from './define.js';
export * from './events.js';
export * from './result.js';
export type * from './services/app.js';
export type * from './services/board.js';
export type * from './services/content.js';
export type * from './services/docs.js';
export type * from './services/feedback.js';
export type * from './services/interview.js';
export type * from './services/models.js';
export type * from './services/project.js';
export type * from './services/sessions.js';
export type * from './services/settings.js';
export type * from './services/speech.js';
export type * from './services/workspace.js';
export type * from './tests-wire.js';
export type * from './suite-results.js';
export type * from './workspace-feedback.js';
