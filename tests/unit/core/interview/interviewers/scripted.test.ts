import { describe, expect, it } from 'vitest';
import type { Question, Role } from '../../../../../content/schema.js';
import {
  pickFollowUp,
  scriptedCandidateAnswer,
  scriptedClarification,
  scriptedDecision,
  scriptedInterviewer,
} from '../../../../../main/core/interview/interviewers/scripted.js';
import { WRAP_UP_RESERVE_MS } from '../../../../../main/core/interview/interviewers/timing.js';
import type { DecisionContext } from '../../../../../main/core/interview/interviewers/types.js';
import { validRole } from '../../content/fixtures/valid-pack.js';

const MIN = 60_000;

function rubricPoint(id: string, signal: string, point = `Covers ${id}`): Question['rubric'][number] {
  return { id, point, why: 'Because', signals: [signal] };
}

/** A design question whose follow-ups each probe one rubric point, then one that is always asked. */
function designQuestion(extra: Partial<Question> = {}): Question {
  return {
    id: 'rate-limiter',
    prompt: 'Design a rate limiter.',
    difficulty: 'medium',
    topics: ['design'],
    answerMinutes: 10,
    rubric: [
      rubricPoint('algorithm', 'token bucket'),
      rubricPoint('storage', 'redis', 'Stores the buckets in Redis.'),
      rubricPoint('failure', 'fail open'),
    ],
    followUps: [
      { prompt: 'Which algorithm would you use?', probes: 'algorithm' },
      { prompt: 'Where does the state live?', probes: 'storage' },
      { prompt: 'What if the limiter is down?', probes: 'failure' },
      { prompt: 'How would you test it?' },
    ],
    outline: ['Requirements'],
    pitfalls: ['Global lock'],
    ...extra,
  };
}

function context(over: Partial<DecisionContext> = {}): DecisionContext {
  const role = validRole();
  const round = role.rounds[1]!;
  return {
    role,
    round,
    question: designQuestion(),
    answers: ['I would start with the requirements.'],
    askedFollowUps: [],
    followUpsAsked: 0,
    maxFollowUps: 2,
    revealedParts: 1,
    roundRemainingMs: 30 * MIN,
    questionsLeft: 2,
    nextQuestionMinutes: 10,
    ...over,
  };
}

describe('pickFollowUp', () => {
  it('probes the first rubric point the answers have not evidenced', () => {
    expect(pickFollowUp(context({ answers: ['Nothing relevant.'] }))).toEqual({
      followUp: 'Which algorithm would you use?',
      probes: 'algorithm',
    });
    expect(pickFollowUp(context({ answers: ['I would use Token Buckets.'] }))).toEqual({
      followUp: 'Where does the state live?',
      probes: 'storage',
    });
    expect(pickFollowUp(context({ answers: ['The token buckets live in Redis.'] }))).toEqual({
      followUp: 'What if the limiter is down?',
      probes: 'failure',
    });
  });

  it('counts evidence across all the answers to the question', () => {
    const picked = pickFollowUp(
      context({
        answers: ['I would use a token bucket.', 'The buckets are kept in Redis.'],
        askedFollowUps: ['Which algorithm would you use?'],
      }),
    );
    expect(picked?.probes).toBe('failure');
  });

  it('skips follow-ups already asked', () => {
    const picked = pickFollowUp(
      context({ answers: ['Nothing relevant.'], askedFollowUps: ['Which algorithm would you use?'] }),
    );
    expect(picked).toEqual({ followUp: 'Where does the state live?', probes: 'storage' });
  });

  it('falls back to an always-asked follow-up once every probed point is evidenced', () => {
    const picked = pickFollowUp(context({ answers: ['It is a token bucket in Redis, and we fail open.'] }));
    expect(picked).toEqual({ followUp: 'How would you test it?' });
  });

  it('falls back to an always-asked follow-up once the probing ones were asked', () => {
    const asked = ['Which algorithm would you use?', 'Where does the state live?', 'What if the limiter is down?'];
    expect(pickFollowUp(context({ answers: ['Nothing relevant.'], askedFollowUps: asked }))).toEqual({
      followUp: 'How would you test it?',
    });
  });

  it('has nothing left when every follow-up was asked or is covered', () => {
    expect(
      pickFollowUp(
        context({
          answers: ['I use a token bucket in Redis, and we fail open.'],
          askedFollowUps: ['How would you test it?'],
        }),
      ),
    ).toBeNull();
  });

  it('reveals the next coding part before any follow-up', () => {
    const coding = { ...validRole().rounds[0]!.questions[0]!.coding!, parts: ['Part one', 'Part two', 'Part three'] };
    const question = designQuestion({ coding });
    expect(pickFollowUp(context({ question, revealedParts: 1, answers: ['Nothing relevant.'] }))).toEqual({
      followUp: 'Part two',
      revealsPart: true,
    });
    expect(pickFollowUp(context({ question, revealedParts: 2 }))).toEqual({
      followUp: 'Part three',
      revealsPart: true,
    });
    expect(pickFollowUp(context({ question, revealedParts: 3, answers: ['Nothing relevant.'] }))).toEqual({
      followUp: 'Which algorithm would you use?',
      probes: 'algorithm',
    });
  });
});

describe('scriptedDecision', () => {
  it('asks a follow-up while it may and there is time', () => {
    const d = scriptedDecision(context({ answers: ['I would use a token bucket.'] }));
    expect(d).toMatchObject({
      action: 'follow_up',
      followUp: 'Where does the state live?',
      probes: 'storage',
      coveredRubricIds: ['algorithm'],
    });
  });

  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [2, 3],
  ])('with maxFollowUps %i and %i asked, moves on', (max, asked) => {
    const d = scriptedDecision(context({ maxFollowUps: max, followUpsAsked: asked }));
    expect(d.action).toBe('next_question');
    expect(d.followUp).toBeUndefined();
    expect(d.transition).toEqual(expect.any(String));
    expect(d.transition?.length).toBeGreaterThan(0);
  });

  it('moves on when there is no follow-up left to ask', () => {
    const d = scriptedDecision(
      context({
        answers: ['I use a token bucket in Redis, and we fail open.'],
        askedFollowUps: ['How would you test it?'],
      }),
    );
    expect(d.action).toBe('next_question');
    expect(d.coveredRubricIds).toEqual(['algorithm', 'storage', 'failure']);
  });

  it.each([
    // [remaining, questionsLeft, nextQuestionMinutes, expected action]
    [WRAP_UP_RESERVE_MS + 2 * MIN + 1, 1, 10, 'follow_up'],
    [WRAP_UP_RESERVE_MS + 2 * MIN, 1, 4, 'next_question'], // too little for a follow-up; just enough for half the next one
    [WRAP_UP_RESERVE_MS + 2 * MIN - 1, 1, 4, 'wrap_up'],
    [WRAP_UP_RESERVE_MS + 5 * MIN, 1, 10, 'follow_up'],
    [WRAP_UP_RESERVE_MS + MIN, 1, 10, 'wrap_up'],
    [WRAP_UP_RESERVE_MS, 3, 1, 'wrap_up'],
    [WRAP_UP_RESERVE_MS - MIN, 3, 1, 'wrap_up'],
    [-5 * MIN, 3, 1, 'wrap_up'],
    [60 * MIN, 0, null, 'follow_up'],
  ] as [number, number, number | null, string][])(
    'with %i ms left, %i questions to go (next %s min): %s',
    (roundRemainingMs, questionsLeft, nextQuestionMinutes, action) => {
      const d = scriptedDecision(context({ roundRemainingMs, questionsLeft, nextQuestionMinutes }));
      expect(d.action).toBe(action);
    },
  );

  it('wraps up after the last question, with something to say', () => {
    const d = scriptedDecision(context({ followUpsAsked: 2, questionsLeft: 0, nextQuestionMinutes: null }));
    expect(d.action).toBe('wrap_up');
    expect(d.transition).toMatch(/questions for me\?/);
  });

  it('wraps up rather than start a question the round has no time for', () => {
    const d = scriptedDecision(
      context({
        followUpsAsked: 2,
        questionsLeft: 2,
        nextQuestionMinutes: 10,
        roundRemainingMs: WRAP_UP_RESERVE_MS + 4 * MIN,
      }),
    );
    expect(d.action).toBe('wrap_up');
    const moves = scriptedDecision(
      context({
        followUpsAsked: 2,
        questionsLeft: 2,
        nextQuestionMinutes: 10,
        roundRemainingMs: WRAP_UP_RESERVE_MS + 5 * MIN,
      }),
    );
    expect(moves.action).toBe('next_question');
  });

  it('varies the transitions', () => {
    const said = new Set(
      [0, 1, 2, 3, 4].map((questionsLeft) => scriptedDecision(context({ maxFollowUps: 0, questionsLeft })).transition),
    );
    expect(said.size).toBeGreaterThan(1);
  });

  it('the interviewer object gives the same decision', async () => {
    const c = context({ answers: ['A token bucket.'] });
    expect(scriptedInterviewer.kind).toBe('scripted');
    await expect(scriptedInterviewer.decide(c)).resolves.toEqual(scriptedDecision(c));
  });
});

describe('scriptedCandidateAnswer', () => {
  const role: Role = {
    ...validRole(),
    candidateQuestions: [
      { topic: 'team', signals: ['team', 'engineers'], answer: 'Six engineers and a manager.' },
      { topic: 'on-call', signals: ['on-call', 'pager', 'incidents'], answer: 'One week in six, with a secondary.' },
      { topic: 'growth', signals: ['promotion', 'career', 'growth'], answer: 'Twice-yearly reviews.' },
    ],
  };

  it.each([
    ['How big is the team?', 'Six engineers and a manager.'],
    ['What are the TEAMS like?', 'Six engineers and a manager.'],
    ['What does on-call look like?', 'One week in six, with a secondary.'],
    ['How often does the pager go off?', 'One week in six, with a secondary.'],
    ['How does career growth work?', 'Twice-yearly reviews.'],
  ])('%j is answered from the role notes', (q, answer) => {
    expect(scriptedCandidateAnswer(role, q)).toBe(answer);
  });

  it('picks the note that matches the most signals', () => {
    expect(scriptedCandidateAnswer(role, 'How many incidents page the on-call team?')).toBe(
      'One week in six, with a secondary.',
    );
  });

  it.each(['What is the salary?', 'Do you like steam trains?', ''])('%j gets an honest decline', (q) => {
    const reply = scriptedCandidateAnswer(role, q);
    expect(reply).toMatch(/not something I can speak to/);
    expect(role.candidateQuestions.map((c) => c.answer)).not.toContain(reply);
  });

  it('declines honestly when the role has no notes', () => {
    expect(scriptedCandidateAnswer({ ...role, candidateQuestions: [] }, 'How big is the team?')).toMatch(
      /not something I can speak to/,
    );
  });

  it('the interviewer object answers the same way', async () => {
    await expect(
      scriptedInterviewer.answerCandidateQuestion({ role, candidateQuestion: 'How big is the team?' }),
    ).resolves.toBe('Six engineers and a manager.');
  });
});

describe('scriptedClarification', () => {
  const SCALE = /realistic number/;
  it.each([
    ['What scale should I design for?', SCALE],
    ['How many users are there?', SCALE],
    ['What QPS do we expect?', SCALE],
    ['How much traffic?', SCALE],
    ['What is the data volume?', SCALE],
    ['Can I use Python?', /language/],
    ['Can I assume the input is sorted?', /assumption/],
    ['Is it ok to ignore auth?', /assumption/],
    ['What about the colour scheme?', /I'll leave that open/],
  ])('%j → %s', (q, reply) => {
    expect(scriptedClarification(q)).toMatch(reply);
  });

  it('a scale question is not answered with the generic reply', () => {
    expect(scriptedClarification('What scale?')).not.toBe(scriptedClarification('What colour?'));
  });

  it('the interviewer object clarifies the same way', async () => {
    const role = validRole();
    const round = role.rounds[1]!;
    await expect(
      scriptedInterviewer.clarify({ role, round, question: round.questions[0]!, candidateQuestion: 'How many users?' }),
    ).resolves.toMatch(SCALE);
  });
});
