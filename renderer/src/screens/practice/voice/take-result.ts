import type { SpokenAnswer } from '../../../../../main/contract/services/speech.js';

/** What the panel says after a take, or null when the transcript simply went into the answer box. */
export function takeNote(answer: SpokenAnswer): string | null {
  if (answer.noSpeech)
    return 'No speech detected in that take, so nothing was added. Check that the level moves when you talk, then try again — or type your answer.';
  if (!answer.text)
    return 'Your speech was recorded, but the speech model returned no words. Type or correct your answer before submitting.';
  if (answer.failedSegments > 0)
    return `${answer.failedSegments} part(s) could not be transcribed; the audio is kept. Check the answer box before submitting.`;
  return null;
}
