/**
 * When the interviewer's first word is there to be spoken: the first complete word of the
 * streamed follow-up (a word is complete once a space or punctuation follows it, or the
 * follow-up ends), or, for a decision to move on, the moment the decision is known (its
 * transition sentence is ready then).
 */
export interface FirstWordClock {
  /** Feed to the interviewer's onToken. */
  onToken(text: string): void;
  /** Call when the decision is made. */
  done(): void;
  readonly firstTokenAt: number | null;
  readonly firstWordAt: number | null;
  readonly text: string;
}

export function firstWordClock(now: () => number = () => performance.now()): FirstWordClock {
  let text = '';
  let firstTokenAt: number | null = null;
  let firstWordAt: number | null = null;
  return {
    onToken(chunk) {
      firstTokenAt ??= now();
      text += chunk;
      if (firstWordAt === null && /\S[\s.,;:?!]/.test(text)) firstWordAt = now();
    },
    done() {
      firstWordAt ??= now();
    },
    get firstTokenAt() {
      return firstTokenAt;
    },
    get firstWordAt() {
      return firstWordAt;
    },
    get text() {
      return text;
    },
  };
}
