/**
 * The sanity gate on the LLM interviewer's follow-ups, with a fake round chat that "writes" a
 * given follow-up in chunks: English streams from its fourth word on, token soup never streams
 * and the scripted interviewer takes the turn.
 */
import { describe, expect, it } from 'vitest';
import type { TurnOutcome, TurnRequest } from '../../../../../main/core/interview/interviewers/llm/round-chat.js';
import type { RoundChats } from '../../../../../main/core/interview/interviewers/llm/round-chats.js';
import {
  createLlmInterviewerFactory,
  NONSENSE_NOTICE,
} from '../../../../../main/core/interview/interviewers/llm-interviewer.js';
import { scriptedDecision } from '../../../../../main/core/interview/interviewers/scripted.js';
import type { Decision, DecisionContext } from '../../../../../main/core/interview/interviewers/types.js';
import { validRole } from '../../content/fixtures/valid-pack.js';

function context(): DecisionContext {
  const role = validRole();
  const round = role.rounds[1]!;
  return {
    role,
    round,
    question: round.questions[0]!,
    answers: ['We disagreed about the schema.'],
    askedFollowUps: [],
    followUpsAsked: 0,
    maxFollowUps: 2,
    revealedParts: 1,
    roundRemainingMs: 30 * 60_000,
    questionsLeft: 2,
    nextQuestionMinutes: 10,
  };
}

/** A chat that writes `followUp` two words at a time, then decides to ask it. */
function writing(followUp: string): Pick<RoundChats, 'roundChat' | 'stopSpeculation'> {
  const chat = {
    turn(request: TurnRequest, finalize: (outcome: TurnOutcome) => Decision): Promise<Decision> {
      const words = followUp.split(' ');
      for (let i = 0; i < words.length; i += 2) request.onToken?.(`${i ? ' ' : ''}${words.slice(i, i + 2).join(' ')}`);
      return Promise.resolve(
        finalize({
          ok: true,
          decision: { action: 'follow_up', followUp, coveredRubricIds: [] },
          raw: '{}',
          attempts: 1,
        }),
      );
    },
  };
  return { roundChat: async () => chat as never, stopSpeculation: () => undefined };
}

async function decide(followUp: string, sanityGate?: boolean) {
  const notices: string[] = [];
  const factory = createLlmInterviewerFactory({
    llm: { status: () => ({ state: 'ready', modelPath: 'm', gpu: null, message: '' }) } as never,
    chats: writing(followUp),
    notify: (_id, message) => notices.push(message),
    ...(sanityGate === undefined ? {} : { limits: { sanityGate } }),
  });
  const tokens: string[] = [];
  const decision = await factory('s').decide(context(), { onToken: (t) => tokens.push(t) });
  return { decision, tokens, notices };
}

const ENGLISH = 'How did you make sure a retried request could not charge the card twice?';
const SOUP = 'sets tournament Categoryoutosedfish uvo ge dei utureolsplex grands ogen intersection operatedwebsiterek';

describe('the sanity gate on follow-ups', () => {
  it('streams an English follow-up once its first words pass, and asks it', async () => {
    const { decision, tokens, notices } = await decide(ENGLISH);
    expect(decision).toMatchObject({ action: 'follow_up', followUp: ENGLISH });
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens[0]!.trim().split(/\s+/).length).toBeGreaterThanOrEqual(4);
    expect(tokens.join('')).toBe(ENGLISH);
    expect(notices).toEqual([]);
  });

  it('streams nothing of token soup; the scripted interviewer asks, with a notice', async () => {
    const { decision, tokens, notices } = await decide(SOUP);
    expect(tokens).toEqual([]);
    expect(decision).toEqual(scriptedDecision(context()));
    expect(notices).toEqual([NONSENSE_NOTICE]);
  });

  it('a short follow-up is shown whole once it is complete', async () => {
    const { decision, tokens } = await decide('Why that one?');
    expect(decision.followUp).toBe('Why that one?');
    expect(tokens).toEqual(['Why that one?']);
  });

  it('benchmarks on random stand-ins can turn it off', async () => {
    const { decision, tokens } = await decide(SOUP, false);
    expect(decision.followUp).toBe(SOUP);
    expect(tokens.join('')).toBe(SOUP);
  });
});
