/**
 * One model reply with the limits every call needs: maxTokens, a deadline and the caller's
 * abort signal. Failures come back as values, because for the interviewer a timeout or a
 * cut-off reply is an ordinary case with a fallback, not an exception.
 */
import type { LlamaChatSession, LlamaGrammar } from 'node-llama-cpp';

export type GenerationFailure = 'timeout' | 'aborted' | 'error';

export interface GenerationOptions {
  maxTokens: number;
  /** Absolute time (Date.now()) after which the call is aborted. */
  deadline: number;
  signal?: AbortSignal;
  grammar?: LlamaGrammar;
  onTextChunk?: (text: string) => void;
  temperature?: number;
  seed?: number;
}

export interface Generation {
  text: string;
  /** maxTokens means the reply was cut off. */
  stopReason: 'maxTokens' | 'done' | null;
  failure?: GenerationFailure;
  error?: unknown;
}

class DeadlineReached extends Error {
  constructor() {
    super('The model took longer than its time limit.');
    this.name = 'DeadlineReached';
  }
}

/** Runs fn with a signal that fires at the deadline or when the caller's signal does. */
export async function withLimits<T>(
  deadline: number,
  signal: AbortSignal | undefined,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<{ value: T } | { failure: GenerationFailure; error: unknown }> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) return { failure: 'aborted', error: signal.reason };
  signal?.addEventListener('abort', onAbort, { once: true });
  const ms = deadline - Date.now();
  if (ms <= 0) return { failure: 'timeout', error: new DeadlineReached() };
  const timer = setTimeout(() => controller.abort(new DeadlineReached()), ms);
  try {
    return { value: await fn(controller.signal) };
  } catch (error) {
    if (controller.signal.aborted) {
      return controller.signal.reason instanceof DeadlineReached
        ? { failure: 'timeout', error }
        : { failure: 'aborted', error };
    }
    return { failure: 'error', error };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

export async function generate(
  session: LlamaChatSession,
  prompt: string,
  options: GenerationOptions,
): Promise<Generation> {
  const result = await withLimits(options.deadline, options.signal, (signal) =>
    session.promptWithMeta(prompt, {
      maxTokens: options.maxTokens,
      signal,
      ...(options.grammar ? { grammar: options.grammar } : {}),
      ...(options.onTextChunk ? { onTextChunk: options.onTextChunk } : {}),
      ...(options.temperature ? { temperature: options.temperature, seed: options.seed ?? 1, minP: 0.05 } : {}),
    }),
  );
  if ('failure' in result) return { text: '', stopReason: null, failure: result.failure, error: result.error };
  return {
    text: result.value.responseText,
    stopReason: result.value.stopReason === 'maxTokens' ? 'maxTokens' : 'done',
  };
}

/** Parses a grammar-shaped reply: cut off at maxTokens, not JSON, or the value. */
export function parseJsonReply(generation: Generation): { value: unknown } | { failure: 'cut_off' | 'invalid_json' } {
  try {
    // A reply that ends exactly at maxTokens may still be complete, so parse first.
    return { value: JSON.parse(generation.text) as unknown };
  } catch {
    return { failure: generation.stopReason === 'maxTokens' ? 'cut_off' : 'invalid_json' };
  }
}
