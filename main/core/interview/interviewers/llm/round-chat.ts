/**
 * One chat session for one interview round. Every turn extends the same session on the same
 * context sequence, so the KV cache of the system prompt and earlier turns is evaluated once;
 * while the candidate is still answering, the draft is pre-evaluated so that after "done" only
 * the last words and the reply remain. Calls on one round run one at a time.
 *
 * Over 300 lines: One round chat's lifecycle (preload, drafts, speculative reply, decide, forget)
 * shares private state over one KV-cache sequence.
 */
import type { ChatHistoryItem, LlamaChatSession, LlamaContextSequence, LlamaGrammar } from 'node-llama-cpp';
import type { Role, Round } from '../../../../../content/schema.js';
import { generate, parseJsonReply, type GenerationFailure } from '../../../llm/generate.js';
import { streamStringField } from '../../../llm/json-stream.js';
import type { JsonSchema } from '../../../llm/types.js';
import { Sequencer } from '../../../util/sequencer.js';
import { allowedActions } from '../timing.js';
import type { Decision, DecisionContext } from '../types.js';
import {
  decisionSchema,
  DEFAULT_FOLLOW_UP_MAX_CHARS,
  parseModelDecision,
  type ModelDecision,
} from './decision-schema.js';
import { answerMessage, clarifyMessage, summaryLine, systemPrompt } from './prompts.js';
import { asHistoryJson, salvageFollowUp, wholeSentences } from './reply-text.js';
import { Speculation, speculationKey, type SpeculationResult } from './speculation.js';

export type TurnFailure = GenerationFailure | 'cut_off' | 'invalid_json';

export type TurnOutcome =
  /** salvaged: cut off after the follow-up was complete; the follow-up is kept. */
  | { ok: true; decision: ModelDecision; raw: string; attempts: number; salvaged?: boolean }
  | { ok: false; failure: TurnFailure; raw: string; error?: unknown };

export interface TurnRequest {
  context: DecisionContext;
  allowFollowUp: boolean;
  allowNextQuestion: boolean;
  /** False while a design round's clock says it goes on (see timing.ts). */
  allowMoveOn: boolean;
  maxTokens: number;
  followUpMaxChars: number;
  deadline: number;
  /** Sampling temperature (0 = greedy) and seed of the first attempt; the retry uses seed + 1. */
  temperature: number;
  seed: number;
  onToken?: (text: string) => void;
  signal?: AbortSignal;
}

export interface ClarifyRequest {
  context: Pick<DecisionContext, 'question'>;
  candidateQuestion: string;
  maxTokens: number;
  deadline: number;
  signal?: AbortSignal;
}

export type ClarifyOutcome =
  { ok: true; reply: string } | { ok: false; failure: TurnFailure; raw: string; error?: unknown };

export interface RoundChatDeps {
  sessionId: string;
  role: Role;
  round: Round;
  session: LlamaChatSession;
  sequence: LlamaContextSequence;
  grammarFor(schema: JsonSchema): Promise<LlamaGrammar>;
  /**
   * Sets the CPU threads for what comes next: 'background' for pre-evaluating drafts (while
   * speech recognition and the UI need a core), 'foreground' for the reply everyone waits for.
   */
  useThreads?(kind: 'background' | 'foreground'): void;
}

/** When a new question starts with the context this full, earlier turns become a summary. */
const COMPACT_AT = 0.6;

export class RoundChat {
  readonly sessionId: string;
  private readonly deps: RoundChatDeps;
  private readonly queue = new Sequencer();
  /** The question the chat history already holds (its rubric and prompt were sent). */
  private knownQuestionId: string | null = null;
  private readonly finished: string[] = [];
  private pendingPreload: DecisionContext | null = null;
  private preloadQueued = false;
  private preloadRun: Promise<void> = Promise.resolve();
  /** The follow-up cap the interviewer asked for last, to prepare the next turn's grammar. */
  private followUpMaxChars = DEFAULT_FOLLOW_UP_MAX_CHARS;
  private readonly lifetime = new AbortController();
  /** A decision started on the newest draft while the candidate is silent (see speculation.ts). */
  private speculation: Speculation | null = null;
  /** The chat as it was before the last recorded decision, so an undone answer can be forgotten. */
  private lastTurn: {
    answer: string;
    before: ChatHistoryItem[];
    knownQuestionId: string | null;
    finished: number;
  } | null = null;

  constructor(deps: RoundChatDeps) {
    this.deps = deps;
    this.sessionId = deps.sessionId;
  }

  get sequence(): LlamaContextSequence {
    return this.deps.sequence;
  }

  /** The conversation as the model sees it (for benchmarks comparing against a raw session). */
  history(): ChatHistoryItem[] {
    return this.deps.session.getChatHistory();
  }

  get disposed(): boolean {
    return this.lifetime.signal.aborted;
  }

  /** Closing the round (or the app) stops whatever it is generating. */
  private withLifetime(signal: AbortSignal | undefined): AbortSignal {
    return signal ? AbortSignal.any([signal, this.lifetime.signal]) : this.lifetime.signal;
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    return this.queue.run(fn);
  }

  /**
   * Pre-evaluates the answer so far. Only the newest draft matters: drafts that arrive while one
   * is being evaluated replace each other, and a decision that starts drops the waiting one.
   */
  preload(context: DecisionContext): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.speculation && !this.speculation.dropped) {
      // The same words are already being evaluated by the reply started early; other words mean
      // the candidate spoke again, so that reply is moot.
      if (this.speculation.answer === context.answers.at(-1)) return this.speculation.result.then(() => undefined);
      this.stopSpeculation();
    }
    this.pendingPreload = context;
    if (this.preloadQueued) return this.preloadRun;
    this.preloadQueued = true;
    this.preloadRun = this.run(async () => {
      this.preloadQueued = false;
      const next = this.pendingPreload;
      this.pendingPreload = null;
      if (!next || this.disposed) return;
      this.compactIfNeeded(next.question.id);
      const message = answerMessage(next, this.knownQuestionId === next.question.id);
      // The decision's grammar is built now too (once per question), not after "done".
      const allowed = allowedActions(next);
      await this.deps
        .grammarFor(
          this.schemaFor(next, {
            allowFollowUp: allowed.followUp,
            allowNextQuestion: allowed.nextQuestion,
            allowMoveOn: allowed.moveOn,
            followUpMaxChars: this.followUpMaxChars,
          }),
        )
        .catch(() => undefined);
      // A reply started early on these same words waits for this: it is the reply's own
      // evaluation then, and a speculation runs only while the recognizer is idle.
      const awaited = this.speculation && !this.speculation.dropped && this.speculation.answer === next.answers.at(-1);
      this.deps.useThreads?.(awaited ? 'foreground' : 'background');
      await this.deps.session.preloadPrompt(message, { signal: this.lifetime.signal }).catch(() => undefined);
    });
    return this.preloadRun;
  }

  /** Waits for queued work (pre-evaluation included); for benchmarks and tests. */
  idle(): Promise<void> {
    return this.run(async () => undefined);
  }

  /**
   * One interviewer turn. `finalize` turns the model's outcome into the decision actually used
   * (checked, or the scripted fallback); the chat history then records that decision, so the
   * model's view of the conversation matches what the candidate saw.
   */
  turn(request: TurnRequest, finalize: (outcome: TurnOutcome) => Decision): Promise<Decision> {
    const speculation = this.speculation;
    this.speculation = null;
    if (speculation && !speculation.dropped && speculation.key === speculationKey(request)) {
      // The same decision is already being written: its tokens stream to this turn from now on,
      // and the answer is over, so the rest of it may use every core.
      this.deps.useThreads?.('foreground');
      speculation.adopt(request.onToken, request.signal);
      return this.run(async () => {
        this.pendingPreload = null;
        const result = await speculation.result;
        if (!result) return finalize({ ok: false, failure: 'aborted', raw: '' });
        return this.conclude(request.context, result, finalize);
      });
    }
    if (speculation) this.forget(speculation);
    return this.run(async () => {
      this.pendingPreload = null;
      const { context } = request;
      this.compactIfNeeded(context.question.id);
      const message = answerMessage(context, this.knownQuestionId === context.question.id);
      const before = this.deps.session.getChatHistory();
      const outcome = await this.decide(message, before, { ...request, signal: this.withLifetime(request.signal) });
      return this.conclude(context, { outcome, before, message }, finalize);
    });
  }

  /**
   * Starts deciding on the answer so far, before the answer is known to be over (the candidate
   * fell silent and the transcript caught up). A turn with the same request adopts it; a newer
   * draft or another turn drops it and the chat forgets it. Never rejects.
   */
  speculate(request: Omit<TurnRequest, 'onToken' | 'signal'>): void {
    if (this.disposed) return;
    if (this.speculation?.key === speculationKey(request) && !this.speculation.dropped) return;
    this.stopSpeculation();
    const speculation = new Speculation(request);
    this.speculation = speculation;
    speculation.result = this.run(async (): Promise<SpeculationResult | null> => {
      if (speculation.dropped || this.disposed) return null;
      const { context } = request;
      this.compactIfNeeded(context.question.id);
      const message = answerMessage(context, this.knownQuestionId === context.question.id);
      const before = this.deps.session.getChatHistory();
      // Every core: a speculation starts only once the transcript has caught up (the recognizer is
      // idle) and is stopped as soon as the candidate speaks again (stopSpeculation), so it never
      // shares the cores with the recognizer. (Before that stop existed, speculations ran on the
      // background threads: on all threads they collided with speech, first word 15.2 s against
      // 5.4 s. With it, the turn bench's first word is ready before the answer is judged over.)
      const outcome = await this.decide(message, before, {
        ...request,
        onToken: speculation.emit,
        signal: this.withLifetime(speculation.signal),
      });
      if (!outcome.ok && outcome.failure === 'aborted') {
        this.deps.session.setChatHistory(before);
        return null;
      }
      return { outcome, before, message };
    }).catch(() => null);
  }

  /**
   * Stops a reply started early, if there is one, and the chat forgets it: the candidate is
   * speaking again (its words are moot), or something else takes the chat.
   */
  stopSpeculation(): void {
    const speculation = this.speculation;
    this.speculation = null;
    if (speculation) this.forget(speculation);
  }

  /** Stops a speculation and takes its exchange back out of the chat (queued after it). */
  private forget(speculation: Speculation): void {
    speculation.drop();
    void this.run(async () => {
      const result = await speculation.result;
      if (result) this.deps.session.setChatHistory(result.before);
    });
  }

  /** Records a turn's outcome in the chat (or nothing, when the candidate stopped it). */
  private conclude(
    context: DecisionContext,
    { outcome, before, message }: SpeculationResult,
    finalize: (outcome: TurnOutcome) => Decision,
  ): Decision {
    const decision = finalize(outcome);
    if (!outcome.ok && outcome.failure === 'aborted') {
      // The candidate acted (pause, end, undo): this answer will be decided again, so record nothing.
      this.deps.session.setChatHistory(before);
      this.lastTurn = null;
      return decision;
    }
    this.lastTurn = {
      answer: context.answers.at(-1) ?? '',
      before,
      knownQuestionId: this.knownQuestionId,
      finished: this.finished.length,
    };
    this.record(before, message, outcome, decision);
    this.knownQuestionId = context.question.id;
    if (decision.action !== 'follow_up') this.finished.push(summaryLine(context.question, decision.coveredRubricIds));
    this.settle();
    return decision;
  }

  private schemaFor(
    context: DecisionContext,
    options: Pick<TurnRequest, 'allowFollowUp' | 'allowNextQuestion' | 'allowMoveOn' | 'followUpMaxChars'>,
  ): JsonSchema {
    return decisionSchema({
      allowFollowUp: options.allowFollowUp,
      allowNextQuestion: options.allowNextQuestion,
      allowMoveOn: options.allowMoveOn,
      rubricIds: context.question.rubric.map((r) => r.id),
      followUpMaxChars: options.followUpMaxChars,
    });
  }

  private async decide(
    message: string,
    before: ChatHistoryItem[],
    request: TurnRequest,
    threads: 'foreground' | 'background' = 'foreground',
  ): Promise<TurnOutcome> {
    this.followUpMaxChars = request.followUpMaxChars;
    this.deps.useThreads?.(threads);
    const grammar = await this.deps.grammarFor(this.schemaFor(request.context, request));
    let failure: TurnFailure = 'invalid_json';
    let raw = '';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      // Only the first attempt streams: the screen appends tokens, and a retry would repeat them.
      const stream = attempt === 0 && request.onToken ? streamStringField('followUp', request.onToken) : null;
      const generation = await generate(this.deps.session, message, {
        grammar,
        maxTokens: request.maxTokens,
        deadline: request.deadline,
        signal: request.signal,
        ...(stream ? { onTextChunk: (chunk: string) => stream.push(chunk) } : {}),
        // The retry samples differently instead of repeating the same reply.
        temperature: attempt === 0 ? request.temperature : Math.max(request.temperature, 0.7),
        seed: request.seed + attempt,
      });
      raw = generation.text;
      if (generation.failure) return { ok: false, failure: generation.failure, raw, error: generation.error };
      const parsed = parseJsonReply(generation);
      const decision = 'value' in parsed ? parseModelDecision(parsed.value) : null;
      if (decision) return { ok: true, decision, raw, attempts: attempt + 1 };
      failure = 'failure' in parsed ? parsed.failure : 'invalid_json';
      // Cut off in the rubric list after a whole follow-up: the candidate may already have read
      // it streaming in, so it stands rather than a retry asking something else.
      const salvaged = failure === 'cut_off' ? salvageFollowUp(raw, request.context) : null;
      if (salvaged) return { ok: true, decision: salvaged, raw, attempts: attempt + 1, salvaged: true };
      this.deps.session.setChatHistory(before);
    }
    return { ok: false, failure, raw };
  }

  private record(before: ChatHistoryItem[], message: string, outcome: TurnOutcome, decision: Decision): void {
    if (outcome.ok && !outcome.salvaged) {
      const same =
        outcome.decision.action === decision.action &&
        (decision.action !== 'follow_up' || outcome.decision.followUp === decision.followUp) &&
        outcome.decision.coveredRubricIds.join() === decision.coveredRubricIds.join();
      if (same) return;
    }
    this.deps.session.setChatHistory([
      ...before,
      { type: 'user', text: message },
      { type: 'model', response: [asHistoryJson(decision)] },
    ]);
  }

  /**
   * The candidate took `answer` back: the chat returns to before the decision made on it (a
   * decision that was stopped recorded nothing, and one on other words is left alone).
   */
  takeBack(answer: string): Promise<void> {
    this.stopSpeculation();
    return this.run(async () => {
      const last = this.lastTurn;
      if (!last || last.answer !== answer || this.disposed) return;
      this.lastTurn = null;
      this.deps.session.setChatHistory(last.before);
      this.knownQuestionId = last.knownQuestionId;
      this.finished.length = last.finished;
    });
  }

  /** A turn decided without the model (a coding part revealed): the chat still hears about it. */
  remember(context: DecisionContext, decision: Decision): Promise<void> {
    this.stopSpeculation();
    return this.run(async () => {
      this.pendingPreload = null;
      this.compactIfNeeded(context.question.id);
      const message = answerMessage(context, this.knownQuestionId === context.question.id);
      const before = this.deps.session.getChatHistory();
      this.lastTurn = {
        answer: context.answers.at(-1) ?? '',
        before,
        knownQuestionId: this.knownQuestionId,
        finished: this.finished.length,
      };
      this.deps.session.setChatHistory([
        ...before,
        { type: 'user', text: message },
        { type: 'model', response: [asHistoryJson(decision)] },
      ]);
      this.knownQuestionId = context.question.id;
      if (decision.action !== 'follow_up') this.finished.push(summaryLine(context.question, decision.coveredRubricIds));
      this.settle();
    });
  }

  /** A clarifying question: a short plain-text reply in the same conversation. */
  clarify(request: ClarifyRequest): Promise<ClarifyOutcome> {
    this.stopSpeculation();
    return this.run(async () => {
      const message = clarifyMessage(
        request.context.question,
        request.candidateQuestion,
        this.knownQuestionId === request.context.question.id,
      );
      const before = this.deps.session.getChatHistory();
      const generation = await generate(this.deps.session, message, {
        maxTokens: request.maxTokens,
        deadline: request.deadline,
        signal: this.withLifetime(request.signal),
      });
      if (generation.failure) {
        this.deps.session.setChatHistory(before);
        return { ok: false, failure: generation.failure, raw: generation.text, error: generation.error };
      }
      const reply = wholeSentences(generation.text, generation.stopReason === 'maxTokens');
      if (!reply) {
        this.deps.session.setChatHistory(before);
        return { ok: false, failure: 'cut_off', raw: generation.text };
      }
      if (reply !== generation.text)
        this.deps.session.setChatHistory([
          ...before,
          { type: 'user', text: message },
          { type: 'model', response: [reply] },
        ]);
      this.settle();
      return { ok: true, reply };
    });
  }

  /**
   * Evaluates the system prompt now, in the background: a new round chat is made when the first
   * question is shown (or the first draft arrives), so this runs while the candidate reads, not
   * after they finish answering.
   */
  warm(): void {
    this.settle();
  }

  /**
   * The tokens a model generates are not always the tokens its text re-tokenizes to, and the
   * chat history is re-tokenized on the next turn. Evaluating the history now, while the
   * candidate reads the reply, keeps that work off the next turn's critical path.
   */
  private settle(): void {
    void this.run(async () => {
      if (this.disposed || this.pendingPreload) return;
      await this.deps.session.preloadPrompt('', { signal: this.lifetime.signal }).catch(() => undefined);
    });
  }

  /**
   * Before a new question, if the context is filling up, replace earlier turns with one line per
   * finished question (a new system prompt), instead of letting llama.cpp shift tokens mid-turn.
   */
  private compactIfNeeded(questionId: string): void {
    if (questionId === this.knownQuestionId) return;
    const used = this.deps.sequence.contextTokens.length;
    if (used < this.deps.sequence.contextSize * COMPACT_AT) return;
    this.deps.session.setChatHistory([
      { type: 'system', text: systemPrompt(this.deps.role, this.deps.round, this.finished) },
    ]);
    this.knownQuestionId = null;
  }

  /** Stops what the chat is doing and frees its sequence (resolves once it is free). */
  async dispose(): Promise<void> {
    this.lifetime.abort();
    this.pendingPreload = null;
    this.speculation = null;
    await this.queue.idle();
    if (!this.deps.session.disposed) this.deps.session.dispose();
    if (!this.deps.sequence.disposed) await this.deps.sequence.dispose();
  }
}
