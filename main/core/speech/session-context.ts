import type { InterviewRepository } from '../interview/repository.js';
import type { SpeechSessionContext } from './speech-service.js';

/** What the speech service needs from a session: its current turn and phase. */
export function speechSessionContext(repository: InterviewRepository, sessionId: string): SpeechSessionContext | null {
  const record = repository.load(sessionId);
  const turn = record?.state.turns.at(-1);
  if (!record || !turn) return null;
  return { turnSeq: turn.seq, phase: record.state.phase };
}
