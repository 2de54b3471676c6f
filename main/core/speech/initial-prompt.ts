/**
 * Whisper's initial prompt: it reads as the text that came just before the audio, so it sets
 * the style of what follows. Stock whisper writes fluent prose and drops "um" and "uh";
 * a prompt that contains them keeps them (the delivery feedback counts fillers), and the
 * role's vocabulary makes terms like "idempotency" or "Postgres" come out spelled right.
 */
const FILLER_STYLE = 'Um, so, uh, I think, like, we would, um, start with the basics.';

/** Whisper keeps only the last ~224 prompt tokens; a word is ~1.3 tokens, so stay well under. */
const MAX_VOCABULARY_TERMS = 40;
const MAX_RECENT_WORDS = 40;

export function buildInitialPrompt(vocabulary: readonly string[], recentTranscript = ''): string {
  const terms = [...new Set(vocabulary.map((t) => t.trim()).filter((t) => t.length > 0))].slice(
    0,
    MAX_VOCABULARY_TERMS,
  );
  const parts: string[] = [];
  if (terms.length > 0) parts.push(`Interview answer mentioning ${terms.join(', ')}.`);
  parts.push(FILLER_STYLE);
  // The candidate's own last words go last: whisper weighs the end of the prompt most, and it
  // continues the sentence instead of starting over.
  const recent = recentTranscript.trim().split(/\s+/).filter(Boolean).slice(-MAX_RECENT_WORDS).join(' ');
  if (recent) parts.push(recent);
  return parts.join(' ');
}
