/**
 * Honest rule feedback: a point counts only with a sentence that mentions it, a keyword list is
 * flagged and mentions nothing, and the STAR checks read the follow-up answers too.
 */
import { describe, expect, it } from 'vitest';
import { rulesForQuestion, rulesForRound, type QuestionInput } from '../../../../main/core/feedback/rules-feedback.js';
import type { PlannedQuestion, TurnRecord } from '../../../../main/core/interview/engine.js';

const question: PlannedQuestion = {
  id: 'rate-limiter',
  prompt: 'Design a rate limiter for the charges API.',
  answerMinutes: 5,
  rubric: [
    {
      id: 'algorithm',
      point: 'Chooses a token bucket per client and says why.',
      why: 'w',
      signals: ['token bucket', 'bucket', 'refill'],
    },
    {
      id: 'store',
      point: 'Keeps counters in a shared store such as Redis, updated atomically.',
      why: 'w',
      signals: ['redis', 'atomic', 'lua'],
    },
    { id: 'response', point: 'Answers 429 with a Retry-After header.', why: 'w', signals: ['429', 'retry-after'] },
    { id: 'burst', point: 'Allows bursts up to the bucket size.', why: 'w', signals: ['burst'] },
    {
      id: 'limits',
      point: 'Sets limits per merchant and per endpoint.',
      why: 'w',
      signals: ['per merchant', 'per endpoint'],
    },
  ],
  followUps: [],
  outline: [],
  pitfalls: [],
};

function turn(seq: number, kind: TurnRecord['kind'], answer: string): TurnRecord {
  return {
    seq,
    questionIndex: 0,
    questionId: question.id,
    kind,
    prompt: kind === 'question' ? question.prompt : 'And what came of it?',
    status: 'answered',
    budgetMs: 300_000,
    askedAt: seq * 1000,
    elapsedMs: 60_000,
    answer,
  };
}

function input(answers: string[], roundKind = 'system_design'): QuestionInput {
  return {
    question,
    turns: answers.map((a, i) => turn(i + 1, i === 0 ? 'question' : 'follow_up', a)),
    segments: new Map(),
    roundKind,
    checklist: null,
    starGuide: false,
  };
}

describe('rule feedback without a model', () => {
  // Seen in use: 19 keywords scored 5 of 5.
  it('a keyword list is flagged, mentions no point and says so first', () => {
    const list =
      'token bucket, refill, Redis, Lua, atomic, 429, Retry-After, burst, per merchant, per endpoint, sliding window, leaky bucket, quotas, jitter, backoff, headers, sharding, replicas, TTL';
    const feedback = rulesForQuestion(input([list]));
    expect(feedback.flags).toContain('keyword_list');
    expect(feedback.coverage.filter((c) => c.covered)).toEqual([]);
    expect(feedback.rules.covered).toBe(0);
    expect(feedback.rules.improvement).toMatch(/list of keywords/);
  });

  it('sentences that say something mention points, each with its sentence quoted', () => {
    const feedback = rulesForQuestion(
      input([
        'I would give each merchant a token bucket, refilled every second. The counters live in Redis and a Lua script updates them atomically.',
      ]),
    );
    expect(feedback.flags).not.toContain('keyword_list');
    const mentioned = feedback.coverage.filter((c) => c.covered);
    expect(mentioned.map((c) => c.id)).toEqual(['algorithm', 'store']);
    expect(mentioned[1]?.quote).toBe('The counters live in Redis and a Lua script updates them atomically.');
  });

  // Seen in use: "30 a week to 2 a week" in a follow-up was not seen as a number.
  it('STAR reads the follow-up answers: a measured change there makes the result quantified', () => {
    const main =
      'At my last job the on-call rotation was drowning in alerts. I was asked to fix it. I sorted every alert by how often it fired and I deleted the ones nobody acted on. In the end the pager was much quieter.';
    const withoutNumber = rulesForQuestion(input([main], 'behavioral'));
    expect(withoutNumber.star?.resultQuantified).toBe(false);
    const feedback = rulesForQuestion(
      input([main, 'Pages went from 30 a week to 2 a week within a month.'], 'behavioral'),
    );
    expect(feedback.star?.resultQuantified).toBe(true);
    expect(feedback.star?.quantity).toMatch(/30 a week to 2/);
  });
});

describe('practice next', () => {
  it("leads with the weakest answer's biggest problem, not the strong answer's one missed point", () => {
    const strong = rulesForQuestion(
      input([
        'I would give each merchant a token bucket, refilled every second. The counters live in Redis and a Lua script updates them atomically. Over the limit the API answers 429 with a Retry-After header, and a full bucket allows a burst.',
      ]),
    );
    const weak = rulesForQuestion(
      input([
        'Um, so, I think, like, maybe a token bucket, um, I guess. Uh, you know, I think it sort of, um, lives in Redis, like, maybe. Um, I guess it, uh, probably answers, like, 429, um, I think.',
      ]),
    );
    expect(strong.coverage.filter((c) => !c.covered)).toHaveLength(1);
    const round = rulesForRound([strong, weak]);
    expect(round.practiceNext[0]).toMatch(/^Cut the filler words: \d+ per 100 words in this answer, and \d+ hedges/);
    expect(round.practiceNext[1]).toMatch(/^Cover this next time: Sets limits per merchant/);
  });
});
