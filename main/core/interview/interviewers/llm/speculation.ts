/**
 * A decision started before the answer is known to be over. When the candidate falls silent
 * and the transcript has caught up, the round's chat starts deciding on the answer so far, while
 * the app is still waiting to be sure the candidate has finished. If the answer then ends as it
 * was, the turn adopts the decision in progress: the tokens already written stream out at once
 * and the rest follow live. If the candidate speaks again (a newer draft) or the turn decides
 * something else, the speculation is stopped and the chat forgets it.
 */
import type { ChatHistoryItem } from 'node-llama-cpp';
import type { DecisionContext } from '../types.js';
import { phaseLine } from './prompts.js';
import type { TurnOutcome, TurnRequest } from './round-chat.js';

export interface SpeculationResult {
  outcome: TurnOutcome;
  /** The chat history before the speculative exchange, to record against or roll back to. */
  before: ChatHistoryItem[];
  message: string;
}

/**
 * What makes two decisions the same: the answers and the question's state they see, and the
 * shape of the reply (sampling seed aside, which the adopting turn takes over).
 */
export function speculationKey(request: Omit<TurnRequest, 'onToken' | 'signal'>): string {
  const c: DecisionContext = request.context;
  return JSON.stringify([
    c.question.id,
    c.answers,
    c.askedFollowUps,
    c.followUpsAsked,
    c.maxFollowUps,
    c.revealedParts,
    request.allowFollowUp,
    request.allowNextQuestion,
    request.allowMoveOn,
    // A design round's turn message names the phase and the minutes used.
    phaseLine(c),
    request.maxTokens,
    request.followUpMaxChars,
  ]);
}

export class Speculation {
  readonly key: string;
  /** The answer text it decides on (a newer draft with other text means the candidate spoke again). */
  readonly answer: string;
  result: Promise<SpeculationResult | null> = Promise.resolve(null);
  private readonly controller = new AbortController();
  private buffered = '';
  private listener: ((text: string) => void) | null = null;

  constructor(request: Omit<TurnRequest, 'onToken' | 'signal'>) {
    this.key = speculationKey(request);
    this.answer = request.context.answers.at(-1) ?? '';
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get dropped(): boolean {
    return this.controller.signal.aborted;
  }

  /** The follow-up's text as it is written: held until a turn adopts it, then passed straight on. */
  readonly emit = (text: string): void => {
    if (this.listener) this.listener(text);
    else this.buffered += text;
  };

  /** The turn takes over: what was written so far goes out now; the turn's signal can stop it. */
  adopt(onToken: ((text: string) => void) | undefined, signal: AbortSignal | undefined): void {
    if (onToken) {
      const ready = this.buffered;
      this.buffered = '';
      this.listener = onToken;
      if (ready) onToken(ready);
    } else {
      this.listener = () => undefined;
    }
    if (signal?.aborted) this.drop();
    else signal?.addEventListener('abort', () => this.drop(), { once: true });
  }

  drop(): void {
    this.controller.abort(new Error('The speculative decision was superseded.'));
  }
}
