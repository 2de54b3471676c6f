/**
 * Pushes from core to the UI. One map, used by both transports; payloads are plain data.
 */
import type { ReferenceStatus } from './services/content.js';
import type { InterviewView } from './services/interview.js';
import type { DownloadInfo, DownloadProgress, LlmStatus } from './services/models.js';
import type { Settings } from './services/settings.js';
import type { TranscriptSegment } from './services/speech.js';

export interface EventMap {
  /** Core finished a long-running start-up step (e.g. the content library was reloaded). */
  'content:changed': { roles: number; invalid: number };
  /** A practice session's state changed (any action, or the interviewer finishing a decision). */
  'interview:changed': { sessionId: string; view: InterviewView };
  /** Settings were written (by any screen or by core, e.g. the first installed model became active). */
  'settings:changed': Settings;
  /** Stored sessions changed outside a practice round: notes, import, delete. */
  'sessions:changed': { sessionId: string | null };
  /** Installed models, the active choice or the interviewer model's load state changed. */
  'models:changed': Record<string, never>;
  /** The interviewer model started loading, moved on (progress), became ready or failed. */
  'llm:status': LlmStatus;
  /** A role pack's reference check started or finished (see ReferenceStatus). */
  'content:references': { roleId: string; file: string; status: ReferenceStatus };
  /** Interviewer text as it is generated (LLM interviewer); the final text arrives in the view. */
  'interviewer:token': { sessionId: string; text: string };
  /** A non-blocking notice, e.g. the LLM failed and the scripted interviewer answered instead. */
  'interviewer:notice': { sessionId: string; message: string };
  /** Bytes, speed and time left of a model download, a few times a second while it runs. */
  'download:progress': DownloadProgress;
  /** A model download started, paused, failed, finished or was cancelled. */
  'download:state': DownloadInfo;
  /** A speech segment was found or transcribed while the candidate talks (answer or microphone check). */
  'transcript:segment': { sessionId: string; turnSeq: number; mode: 'answer' | 'check'; segment: TranscriptSegment };
  /** Background feedback generation (the model's judgement) moved on: done of total jobs. */
  'feedback:progress': { sessionId: string; done: number; total: number };
  /** Background feedback for a session has nothing left to do: fetch feedback.forSession again. */
  'feedback:ready': { sessionId: string };
}

export type EventName = keyof EventMap;

export interface EventEnvelope<K extends EventName = EventName> {
  name: K;
  payload: EventMap[K];
}

/** The single Electron channel that carries every event envelope. */
export const EVENT_CHANNEL = 'app:event';
