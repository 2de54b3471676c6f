import { describe, expect, it } from 'vitest';
import {
  readLlmQuestionBody,
  readRulesQuestionBody,
  storedDelivery,
  storedScores,
} from '../../../../main/core/feedback/stored-body.js';

const judged = {
  v: 1,
  type: 'question',
  questionId: 'q',
  key: 'abc',
  judgement: { evidence: [] },
  note: null,
  scores: [
    { dimension: 'content', score: 3, max: 4 },
    { dimension: 'depth', score: 1, max: 4 },
  ],
};

describe('stored feedback bodies', () => {
  it('reads the model judgement the service writes, and its scores as percentages', () => {
    expect(readLlmQuestionBody(judged)?.key).toBe('abc');
    expect(storedScores('llm', judged)).toEqual([
      { dimension: 'content', value: 75 },
      { dimension: 'depth', value: 25 },
    ]);
  });

  it('gives nothing for a body of another version, another source or a guessed shape', () => {
    expect(readLlmQuestionBody({ ...judged, v: 2 })).toBeNull();
    expect(storedScores('rules', judged)).toEqual([]);
    expect(storedScores('llm', { scores: { clarity: 4 } })).toEqual([]);
    expect(storedScores('llm', 'not an object')).toEqual([]);
  });

  it('reads delivery only from rule rows that carry it', () => {
    const rules = {
      v: 1,
      type: 'question',
      key: 'k',
      delivery: { wordsPerMinute: 140, fillersPer100Words: 2.5 },
      feedback: {},
    };
    expect(readRulesQuestionBody(rules)?.delivery).toEqual({ wordsPerMinute: 140, fillersPer100Words: 2.5 });
    expect(storedDelivery('rules', rules)).toEqual({ wordsPerMinute: 140, fillersPer100Words: 2.5 });
    expect(storedDelivery('rules', { ...rules, delivery: undefined })).toBeNull();
    expect(storedDelivery('llm', rules)).toBeNull();
    expect(storedDelivery('rules', { delivery: { wpm: 140 } })).toBeNull();
  });
});
