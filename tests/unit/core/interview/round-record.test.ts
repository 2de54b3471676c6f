import { describe, expect, it } from 'vitest';
import { formatRoundRecord } from '../../../../main/contract/format.js';
import * as engine from '../../../../main/core/interview/engine.js';
import { roundRecord } from '../../../../main/core/interview/round-record.js';
import { question } from '../sessions/helpers.js';

const MIN = 60_000;

function round(roundMinutes: number) {
  const questions = ['a', 'b', 'c', 'd'].map((id) => question(id));
  let now = 1_000;
  let state = engine.createState({ questions, intro: 'Hello.', roundMinutes, maxFollowUps: 0, now });
  state = engine.begin(state, (now += 1000));
  state = engine.startAnswer(state, (now += 1000));
  state = engine.submitAnswer(state, 'I listened to the whole team first.', (now += 2 * MIN));
  state = engine.applyDecision(state, { action: 'next_question', coveredRubricIds: [] }, (now += 1000));
  return { state, now };
}

describe('round record', () => {
  // Seen in use: an early-ended round was recorded as "1 of 1 answered".
  it('a round ended after one of four planned questions, with time left, is "ended early"', () => {
    const { state, now } = round(60);
    const ended = engine.finish(state, now + 1000);
    const record = roundRecord(ended);
    expect(record).toEqual({ planned: 4, answered: 1, endedEarly: true });
    expect(formatRoundRecord(record)).toBe('1 of 4 planned questions answered, ended early');
  });

  it('a round the clock ran out on is not early, and one still running is not ended', () => {
    const { state, now } = round(60);
    expect(roundRecord(state).endedEarly).toBe(false);
    const late = engine.finish(state, now + 58 * MIN);
    expect(roundRecord(late)).toEqual({ planned: 4, answered: 1, endedEarly: false });
    expect(formatRoundRecord({ planned: 1, answered: 1, endedEarly: false })).toBe('1 of 1 planned question answered');
  });

  it('a one-question round (a design problem) ended long before its time is early too', () => {
    let now = 1_000;
    let state = engine.createState({
      questions: [question('design')],
      intro: 'Hi.',
      roundMinutes: 60,
      maxFollowUps: 5,
      now,
    });
    state = engine.begin(state, (now += 1000));
    state = engine.startAnswer(state, (now += 1000));
    state = engine.submitAnswer(state, 'I would start with the requirements.', (now += 5 * MIN));
    expect(roundRecord(engine.finish(state, now + 1000))).toEqual({ planned: 1, answered: 1, endedEarly: true });
  });
});
