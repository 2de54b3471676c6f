/**
 * Takes the page never got the end of (a reload, a crash, the app closing mid-take). Their audio
 * stays in the turn's recording; their words are 'held' out of the answer — out of the raw
 * transcript and the delivery metrics — until the candidate uses them or leaves them out.
 */
import type { InterruptedTake } from '../../contract/services/speech.js';
import { turnRowId } from '../interview/repository.js';
import { mediaPathFor } from './media-path.js';
import type { SpeechRepository } from './speech-repository.js';
import { joinText } from './transcript-queue.js';

/** Stores the turn's raw transcript as it is now (transcribed words, held ones excluded). */
export function storeRawTranscript(repository: SpeechRepository, turnId: string): string {
  const transcript = joinText(
    repository
      .segments(turnId)
      .filter((s) => s.status === 'done')
      .map((s) => s.text),
  );
  repository.setRawTranscript(turnId, transcript);
  return transcript;
}

/** The interrupted take of a turn, or null when its recording ended normally (or there is none). */
export function interruptedTakeOf(
  repository: SpeechRepository,
  sessionId: string,
  turnSeq: number,
): InterruptedTake | null {
  const recording = repository.recordingForTurn(sessionId, turnSeq);
  if (!recording) return null;
  const segments = repository.segments(turnRowId(sessionId, turnSeq));
  const held = segments.filter((s) => s.status === 'held');
  // Held words wait for a choice even after a later take; a take cut short with no words is offered until then.
  const cutShort = recording.status === 'interrupted' || recording.status === 'recovered';
  if (held.length === 0 && !cutShort) return null;
  // Where the cut-short take starts: its first held words, else (a crash before any words were
  // transcribed) its first failed segment after the last transcribed one.
  const lastDone = segments.findLastIndex((s) => s.status === 'done' || s.status === 'set_aside');
  const firstFailed = segments.slice(lastDone + 1).find((s) => s.status === 'failed');
  return {
    turnSeq,
    mediaPath: mediaPathFor(sessionId, turnSeq),
    offsetMs: held[0]?.startMs ?? firstFailed?.startMs ?? 0,
    durationMs: recording.durationMs ?? 0,
    text: joinText(held.map((h) => h.text)),
    cause: recording.status === 'recovered' ? 'crash' : 'reload',
  };
}

/** The candidate's choice: the held words join the answer (and are returned for the box), or stay out. */
export function resolveInterruptedTake(
  repository: SpeechRepository,
  sessionId: string,
  turnSeq: number,
  use: boolean,
): { text: string } {
  const recording = repository.recordingForTurn(sessionId, turnSeq);
  if (!recording) return { text: '' };
  const turnId = turnRowId(sessionId, turnSeq);
  const text = joinText(
    repository
      .segments(turnId)
      .filter((s) => s.status === 'held')
      .map((s) => s.text),
  );
  repository.releaseHeld(turnId, use ? 'done' : 'set_aside');
  storeRawTranscript(repository, turnId);
  if (recording.status === 'interrupted' || recording.status === 'recovered')
    repository.setRecordingStatus(recording.id, 'done', recording.durationMs);
  return { text: use ? text : '' };
}
