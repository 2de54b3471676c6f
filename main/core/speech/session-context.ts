import type { ContentService } from '../content/service.js';
import type { InterviewRepository } from '../interview/repository.js';
import type { SpeechSessionContext } from './speech-service.js';

/** What the speech service needs from a session: its current turn and the role's vocabulary. */
export function speechSessionContext(
  repository: InterviewRepository,
  content: ContentService,
  sessionId: string,
): SpeechSessionContext | null {
  const record = repository.load(sessionId);
  const turn = record?.state.turns.at(-1);
  if (!record || !turn) return null;
  return {
    turnSeq: turn.seq,
    phase: record.state.phase,
    vocabulary: content.findRole(record.roleId)?.role.vocabulary ?? [],
  };
}
