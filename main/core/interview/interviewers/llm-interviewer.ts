/**
 * The interviewer played by the local model. Same interface as the scripted one, and the
 * scripted one is its safety net: no model, a failed load, a timeout, or a reply that is cut off
 * or not valid JSON after one retry all give the scripted answer for that turn, with a notice
 * that does not block the round. The model's choices are held to the same timing rules.
 *
 * Over 300 lines: Each model path sits next to its scripted fallback, so no turn can lose its
 * safety net.
 */
import { isAppError } from '../../../contract/result.js';
import type { LlmService } from '../../llm/llm-service.js';
import { sensibleEnglish } from '../../rubric/sensible-text.js';
import { designProgress } from './design-follow-up.js';
import { markOf } from './design-phases.js';
import { DEFAULT_FOLLOW_UP_MAX_CHARS, type ModelDecision } from './llm/decision-schema.js';
import type { TurnFailure, TurnOutcome } from './llm/round-chat.js';
import type { RoundChats } from './llm/round-chats.js';
import { scriptedCandidateAnswer, scriptedClarification, scriptedDecision, scriptedTransition } from './scripted.js';
import { allowedActions, followUpAllowed, moveOnAllowed, nextQuestionAllowed } from './timing.js';
import type { Decision, DecisionContext, Interviewer } from './types.js';

export interface LlmInterviewerLimits {
  /** Tokens for the decision JSON, follow-up included. */
  decisionMaxTokens: number;
  /** The follow-up's length cap in characters, enforced by the grammar. */
  followUpMaxChars: number;
  /** Time for a whole turn (waiting for the model to load included). */
  decisionTimeoutMs: number;
  clarifyMaxTokens: number;
  clarifyTimeoutMs: number;
  /** Decisions are sampled, so follow-ups do not all sound alike (0 = greedy). */
  temperature: number;
  /** Fixed seed for reproducible runs (tests, benchmarks); default: a new one each turn. */
  seed?: number;
  /**
   * Hold the model to sensible English (default on). Benchmarks on random-weight stand-ins turn
   * it off: they measure speed, and a stand-in's words are random by design.
   */
  sanityGate?: boolean;
}

export const DEFAULT_LLM_LIMITS: LlmInterviewerLimits = {
  decisionMaxTokens: 160,
  followUpMaxChars: DEFAULT_FOLLOW_UP_MAX_CHARS,
  decisionTimeoutMs: 60_000,
  clarifyMaxTokens: 80,
  clarifyTimeoutMs: 30_000,
  temperature: 0.6,
};

export interface LlmInterviewerOptions {
  llm: Pick<LlmService, 'status'>;
  chats: Pick<RoundChats, 'roundChat' | 'stopSpeculation'>;
  /** Shows a non-blocking notice for this session ('interviewer:notice'). */
  notify: (sessionId: string, message: string) => void;
  limits?: Partial<LlmInterviewerLimits>;
  now?: () => number;
}

/**
 * The model's decision, held to the rules: allowed actions only, known rubric ids only. A design
 * round whose clock says it goes on gets the scripted follow-up rather than an early ending, and
 * a follow-up there records the phase it was asked in.
 */
export function checkDecision(model: ModelDecision, context: DecisionContext): Decision {
  const known = new Set(context.question.rubric.map((r) => r.id));
  const coveredRubricIds = [...new Set(model.coveredRubricIds.filter((id) => known.has(id)))];
  const followUp = model.followUp?.replace(/\s+/g, ' ').trim() ?? '';
  let action = model.action;
  if (action === 'follow_up' && (!followUpAllowed(context) || followUp === '')) action = 'next_question';
  if (action !== 'follow_up' && !moveOnAllowed(context)) return { ...scriptedDecision(context), coveredRubricIds };
  if (action === 'next_question' && !nextQuestionAllowed(context)) action = 'wrap_up';
  if (action === 'follow_up') {
    const progress = designProgress(context);
    return { action, followUp, coveredRubricIds, ...(progress ? { designPhase: markOf(progress.position) } : {}) };
  }
  return { action, transition: scriptedTransition(context, action), coveredRubricIds };
}

function turnNotice(failure: TurnFailure, limits: LlmInterviewerLimits, error: unknown): string {
  switch (failure) {
    case 'cut_off':
      return "The AI interviewer's reply was cut off, so the scripted interviewer took this turn. The interview goes on as normal.";
    case 'invalid_json':
      return "The AI interviewer's reply could not be read, so the scripted interviewer took this turn. The interview goes on as normal.";
    case 'timeout': {
      const seconds = Math.max(1, Math.round(limits.decisionTimeoutMs / 1000));
      return `The AI interviewer took longer than ${seconds} second${seconds === 1 ? '' : 's'}, so the scripted interviewer took this turn. A smaller model (see Models) answers faster.`;
    }
    default: {
      const reason = error instanceof Error ? ` (${error.message.split('\n')[0]!.slice(0, 160)})` : '';
      return `The AI interviewer ran into a problem${reason}, so the scripted interviewer took this turn.`;
    }
  }
}

/** Replies in a row that did not read as English after which the model sits out the rest of the round. */
export const NONSENSE_LIMIT = 2;

export const NONSENSE_NOTICE =
  "The AI interviewer's reply did not read as sensible English, so the scripted interviewer took this turn. If this keeps happening, the model may be damaged or unsuitable: choose another under Models.";
export const NONSENSE_STOP_NOTICE =
  'The AI interviewer keeps writing text that does not read as English, so the scripted interviewer asks the questions for the rest of this round. Choose another model under Models.';

const STREAM_AFTER_WORDS = 4;
const OPENING_WORDS =
  /^(?:the|a|an|and|so|to|of|in|on|at|for|with|is|was|are|it|that|this|i|we|you|they|my|your|do|did|does|have|has|had|can|could|would|will|should|what|how|when|why|which|who|where|me|walk|tell|if|any|about)$/;

/** The first words of a reply: Latin script, real words, and one of the words questions open with. */
function openingReadsAsEnglish(text: string): boolean {
  if (!sensibleEnglish(text).ok) return false;
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  return words.slice(0, 6).some((w) => OPENING_WORDS.test(w));
}

/**
 * Streams a follow-up only once its first words read as English: a model writing gibberish must
 * not flash it on screen before the scripted interviewer's turn replaces it.
 */
function gatedStream(onToken: (text: string) => void): { push: (text: string) => void; flush: () => void } {
  let buffer = '';
  let state: 'holding' | 'open' | 'closed' = 'holding';
  return {
    push(text) {
      if (state === 'open') return onToken(text);
      if (state === 'closed') return;
      buffer += text;
      const words = buffer.trim().split(/\s+/);
      // Four words tell English from token soup well enough to start showing it (the whole
      // follow-up is checked again when it is complete); fewer wait.
      if (words.length < STREAM_AFTER_WORDS) return;
      state = openingReadsAsEnglish(buffer) ? 'open' : 'closed';
      if (state === 'open') onToken(buffer);
    },
    /** The reply is complete and was accepted: a short one still held is shown now. */
    flush() {
      if (state === 'holding' && buffer.trim()) onToken(buffer);
      state = 'open';
    },
  };
}

/** Builds the interviewer for one session; notices about a model that will not load are shown once per session. */
export function createLlmInterviewerFactory(options: LlmInterviewerOptions): (sessionId: string) => Interviewer {
  const limits = { ...DEFAULT_LLM_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const shownOnce = new Map<string, Set<string>>();
  /** Replies in a row per session that did not read as English. */
  const nonsense = new Map<string, number>();

  function noticeOnce(sessionId: string, message: string): void {
    const shown = shownOnce.get(sessionId) ?? new Set<string>();
    shownOnce.set(sessionId, shown);
    if (shown.has(message)) return;
    shown.add(message);
    options.notify(sessionId, message);
  }

  /** A deadline signal for one call, combined with the caller's own (the candidate acting). */
  function limited(
    ms: number,
    signal: AbortSignal | undefined,
  ): { signal: AbortSignal; deadline: number; timedOut(): boolean; done(): void } {
    const deadline = now() + ms;
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(new Error('timeout')), ms);
    return {
      signal: signal ? AbortSignal.any([signal, timer.signal]) : timer.signal,
      deadline,
      timedOut: () => timer.signal.aborted,
      done: () => clearTimeout(handle),
    };
  }

  /** A failure before the model could answer: no model, a failed load, still loading. */
  function reportUnavailable(sessionId: string, error: unknown, timedOut: boolean): void {
    if (timedOut && options.llm.status().state === 'loading') {
      noticeOnce(
        sessionId,
        'The interviewer model is still loading, so the scripted interviewer is asking for now. The AI interviewer takes over once it is ready.',
      );
    } else if (timedOut) {
      options.notify(sessionId, turnNotice('timeout', limits, error));
    } else if (isAppError(error)) {
      noticeOnce(sessionId, `${error.message} Meanwhile the scripted interviewer is asking the questions.`);
    } else {
      options.notify(sessionId, turnNotice('error', limits, error));
    }
  }

  /** The model's part of a turn, as decide() and prepare() both ask for it. */
  function turnRequest(context: DecisionContext) {
    const allowed = allowedActions(context);
    return {
      context,
      allowFollowUp: allowed.followUp,
      allowNextQuestion: allowed.nextQuestion,
      allowMoveOn: allowed.moveOn,
      maxTokens: limits.decisionMaxTokens,
      followUpMaxChars: limits.followUpMaxChars,
      deadline: now() + limits.decisionTimeoutMs,
      temperature: limits.temperature,
      seed: limits.seed ?? Math.floor(Math.random() * 2 ** 31),
    };
  }

  /** Coding parts are revealed from the content, not decided by the model. */
  // In the workspace, parts appear when the tests pass (or the candidate moves on), not as follow-ups.
  const revealsPart = (context: DecisionContext) =>
    !context.workspace &&
    context.revealedParts < (context.question.coding?.parts ?? []).length &&
    followUpAllowed(context);

  return (sessionId) => ({
    kind: 'llm',

    prepare(context) {
      // Only with the model loaded: a hint must not start a load or wait for one.
      if (options.llm.status().state !== 'ready' || revealsPart(context)) return;
      options.chats
        .roundChat(sessionId, context.role, context.round)
        .then((chat) => chat.speculate(turnRequest(context)))
        .catch(() => undefined);
    },

    holdBack() {
      options.chats.stopSpeculation(sessionId);
    },

    takeBack({ role, round, answer }) {
      // Only a loaded model can hold a decision to forget; this must not start a load.
      if (options.llm.status().state !== 'ready') return;
      options.chats
        .roundChat(sessionId, role, round)
        .then((chat) => chat.takeBack(answer))
        .catch(() => undefined);
    },

    async decide(context, callbacks = {}) {
      if ((nonsense.get(sessionId) ?? 0) >= NONSENSE_LIMIT) return scriptedDecision(context);
      const call = limited(limits.decisionTimeoutMs, callbacks.signal);
      try {
        const chat = await options.chats.roundChat(sessionId, context.role, context.round, call.signal);
        if (revealsPart(context)) {
          // Coding parts come from the content, in order; the model hears about them.
          const decision = scriptedDecision(context);
          await chat.remember(context, decision);
          return decision;
        }
        let failed: Extract<TurnOutcome, { ok: false }> | null = null;
        let senseless = false;
        const gate = limits.sanityGate !== false;
        const stream = callbacks.onToken ? (gate ? gatedStream(callbacks.onToken) : null) : null;
        const decision = await chat.turn(
          {
            ...turnRequest(context),
            deadline: call.deadline,
            ...(stream ? { onToken: stream.push } : callbacks.onToken ? { onToken: callbacks.onToken } : {}),
            ...(callbacks.signal ? { signal: callbacks.signal } : {}),
          },
          (outcome) => {
            if (outcome.ok) {
              const checked = checkDecision(outcome.decision, context);
              // The gate: a follow-up that is not English is the model failing, like invalid JSON.
              if (!gate || checked.action !== 'follow_up' || sensibleEnglish(checked.followUp ?? '').ok) return checked;
              senseless = true;
              return scriptedDecision(context);
            }
            failed = outcome;
            return scriptedDecision(context);
          },
        );
        const failure = failed as Extract<TurnOutcome, { ok: false }> | null;
        if (!failure && !senseless && decision.action === 'follow_up') stream?.flush();
        if (failure && failure.failure !== 'aborted')
          options.notify(sessionId, turnNotice(failure.failure, limits, failure.error));
        if (senseless) {
          const count = (nonsense.get(sessionId) ?? 0) + 1;
          nonsense.set(sessionId, count);
          options.notify(sessionId, count >= NONSENSE_LIMIT ? NONSENSE_STOP_NOTICE : NONSENSE_NOTICE);
        } else if (!failure) nonsense.delete(sessionId);
        return decision;
      } catch (error) {
        if (!callbacks.signal?.aborted) reportUnavailable(sessionId, error, call.timedOut());
        return scriptedDecision(context);
      } finally {
        call.done();
      }
    },

    async clarify(context, callbacks = {}) {
      const call = limited(limits.clarifyTimeoutMs, callbacks.signal);
      try {
        const chat = await options.chats.roundChat(sessionId, context.role, context.round, call.signal);
        const outcome = await chat.clarify({
          context,
          candidateQuestion: context.candidateQuestion,
          maxTokens: limits.clarifyMaxTokens,
          deadline: call.deadline,
          ...(callbacks.signal ? { signal: callbacks.signal } : {}),
        });
        if (outcome.ok && (limits.sanityGate === false || sensibleEnglish(outcome.reply).ok)) return outcome.reply;
        if (outcome.ok) options.notify(sessionId, NONSENSE_NOTICE);
        else if (outcome.failure !== 'aborted') {
          options.notify(
            sessionId,
            'The AI interviewer could not answer your question in time, so you got the standard reply instead.',
          );
        }
      } catch (error) {
        if (!callbacks.signal?.aborted) reportUnavailable(sessionId, error, call.timedOut());
      } finally {
        call.done();
      }
      return scriptedClarification(context.candidateQuestion, context.question);
    },

    // Answers about the company come from the role's own notes only: a model would invent facts.
    answerCandidateQuestion: async ({ role, candidateQuestion }) => scriptedCandidateAnswer(role, candidateQuestion),
  });
}
