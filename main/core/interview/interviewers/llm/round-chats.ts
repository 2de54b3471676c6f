/**
 * The interview round's chat on the model host's long-lived sequence: one round at a time (a new
 * round takes the sequence from the previous one), created on first use, and the pre-evaluation
 * of drafts while the candidate is still answering.
 */
import type { Role, Round } from '../../../../../content/schema.js';
import type { LlmService } from '../../../llm/llm-service.js';
import type { DecisionContext } from '../types.js';
import { systemPrompt } from './prompts.js';
import { RoundChat } from './round-chat.js';

export interface RoundChats {
  /** The chat for this session's round, created on first use (a new round replaces the previous one). */
  roundChat(sessionId: string, role: Role, round: Round, signal?: AbortSignal): Promise<RoundChat>;
  /**
   * Pre-evaluates a partial answer while the candidate is still speaking or typing. `context` is
   * the decision context before this answer. Never rejects; does nothing when no model is ready.
   * Resolves when this draft is evaluated (or replaced by a newer one); callers need not wait.
   */
  preloadAnswer(sessionId: string, partialText: string, context: DecisionContext): Promise<void>;
  /** Stops a reply started early in this session's chat, if it has one now (never creates a chat). */
  stopSpeculation(sessionId: string): void;
}

interface Current {
  sessionId: string;
  model: unknown;
  chat: Promise<RoundChat>;
}

export function createRoundChats(
  llm: Pick<LlmService, 'ready' | 'isReady' | 'claimSequence'>,
  log: (message: string, error?: unknown) => void = () => undefined,
): RoundChats {
  let current: Current | null = null;

  async function create(entry: Omit<Current, 'chat'>, role: Role, round: Round, signal?: AbortSignal) {
    const { LlamaChatSession } = await import('node-llama-cpp');
    let built: RoundChat | null = null;
    // Called when a later round (or a model change) takes the sequence: stop and let go.
    const release = async () => {
      if (current?.sessionId === entry.sessionId && current.model === entry.model) current = null;
      await built?.dispose();
    };
    const lease = await llm.claimSequence(release, signal);
    const session = new LlamaChatSession({
      contextSequence: lease.sequence,
      systemPrompt: systemPrompt(role, round),
      // The backstop when one question alone fills the context: drop the oldest turns in big steps.
      contextShift: {
        size: (s) => Math.max(64, Math.floor(s.contextSize / 4)),
        strategy: 'eraseFirstResponseAndKeepFirstSystem',
      },
    });
    built = new RoundChat({
      sessionId: entry.sessionId,
      role,
      round,
      session,
      sequence: lease.sequence,
      grammarFor: (schema) => lease.grammarFor(schema),
      useThreads: (kind) => lease.useThreads(kind),
    });
    built.warm();
    return built;
  }

  async function roundChat(sessionId: string, role: Role, round: Round, signal?: AbortSignal): Promise<RoundChat> {
    const model = await llm.ready(signal);
    if (current && current.sessionId === sessionId && current.model === model) {
      const chat = await current.chat.catch(() => null);
      if (chat && !chat.disposed) return chat;
    }
    const entry = { sessionId, model };
    const chat = create(entry, role, round, signal);
    const next: Current = { ...entry, chat };
    current = next;
    chat.catch(() => {
      if (current === next) current = null;
    });
    return chat;
  }

  return {
    roundChat,
    stopSpeculation(sessionId) {
      if (current?.sessionId !== sessionId) return;
      current.chat.then((chat) => chat.stopSpeculation()).catch(() => undefined);
    },
    async preloadAnswer(sessionId, partialText, context) {
      if (!partialText.trim() || !llm.isReady()) return;
      const withDraft: DecisionContext = { ...context, answers: [...context.answers, partialText] };
      try {
        await (await roundChat(sessionId, context.role, context.round)).preload(withDraft);
      } catch (error) {
        log('pre-evaluating the answer failed', error);
      }
    },
  };
}
