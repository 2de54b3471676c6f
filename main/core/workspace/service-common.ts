/**
 * What the two workspace services (coding, and the bug-bash/integration project) share: how
 * they are built and what the interviewer asks of them.
 */
import type { EventBus } from '../events.js';
import type { InterviewInternals } from '../interview/service.js';
import type { WorkspaceLook } from './interviewer-look.js';

export interface WorkspaceServiceCommon {
  interview: InterviewInternals;
  events: EventBus;
  now?: () => number;
  /** How often a quiet workspace is checked for the "talk me through it" nudge; 0 = never. */
  tickMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface InterviewerLook {
  /** For the interviewer's turn: the compact view of the work (and, with mark, it is now seen). */
  look(sessionId: string, questionId: string, mark: boolean): WorkspaceLook | null;
}

/** The interviewer speaks up about quiet work only while a question is open and the round runs. */
export function quietCheckAllowed(state: { paused: boolean; phase: string }): boolean {
  return !state.paused && (state.phase === 'question' || state.phase === 'answering');
}
