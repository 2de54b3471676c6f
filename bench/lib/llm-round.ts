/**
 * The interview the LLM benchmarks play: one behavioral question with four rubric points, and
 * decision contexts in which a follow-up is always allowed (the benchmarks measure turns, not
 * the round's flow).
 */
import type { Question, Role, Round } from '../../content/schema.js';
import { createRoundChats, type RoundChats } from '../../main/core/interview/interviewers/llm/round-chats.js';
import type { DecisionContext } from '../../main/core/interview/interviewers/types.js';
import type { LlmService } from '../../main/core/llm/llm-service.js';

export function benchRound(): { role: Role; round: Round; question: Question } {
  const rubric = ['requirements', 'bottleneck', 'idempotency', 'rollout'].map((id) => ({
    id,
    point: `Covers ${id}`,
    why: `Shows ${id}`,
    signals: [id],
  }));
  const question = {
    id: 'ledger-latency',
    prompt: 'Tell me about a time you made a slow payment service fast and safe.',
    difficulty: 'medium' as const,
    topics: ['performance'],
    answerMinutes: 6,
    rubric,
    followUps: [{ prompt: 'How did you know it worked?' }, { prompt: 'What would you do differently?' }],
    outline: ['Measure'],
    pitfalls: ['Guessing'],
  };
  const round: Round = {
    id: 'bench-round',
    kind: 'behavioral',
    title: 'Behavioral',
    minutes: 45,
    questionsPerSession: 2,
    maxFollowUps: 8,
    intro: 'Hi.',
    questions: [question],
  };
  const role: Role = {
    id: 'bench-role',
    company: 'Acme',
    title: 'Backend Engineer',
    level: 'Senior',
    summary: 'Payments.',
    process: [{ name: 'Onsite', description: 'Loop.' }],
    topics: ['payments'],
    vocabulary: ['idempotency'],
    candidateQuestions: [],
    rounds: [round],
  };
  return { role, round, question };
}

export function benchContext(answers: string[], bench = benchRound()): DecisionContext {
  return {
    role: bench.role,
    round: bench.round,
    question: bench.question,
    answers,
    askedFollowUps: [],
    followUpsAsked: 0,
    maxFollowUps: 8,
    revealedParts: 1,
    roundRemainingMs: 40 * 60_000,
    questionsLeft: 1,
    nextQuestionMinutes: 6,
  };
}

const roundChatsBy = new WeakMap<LlmService, RoundChats>();
/** One round-chat keeper per model host, as create-core makes it. */
export function chatsOf(service: LlmService): RoundChats {
  let chats = roundChatsBy.get(service);
  if (!chats) roundChatsBy.set(service, (chats = createRoundChats(service)));
  return chats;
}
