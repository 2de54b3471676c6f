import { describe, expect, it } from 'vitest';
import {
  decisionSchema,
  parseModelDecision,
} from '../../../../../../main/core/interview/interviewers/llm/decision-schema.js';

const ids = ['algorithm', 'storage', 'failure'];

describe('decisionSchema', () => {
  it('offers a follow-up or moving on to the next question while both are allowed', () => {
    const schema = decisionSchema({
      allowFollowUp: true,
      allowNextQuestion: true,
      allowMoveOn: true,
      rubricIds: ids,
      followUpMaxChars: 200,
    });
    expect(schema).toEqual({
      oneOf: [
        {
          type: 'object',
          properties: {
            followUp: { type: 'string', minLength: 1, maxLength: 200 },
            coveredRubricIds: { type: 'array', items: { enum: ids }, maxItems: 3 },
          },
        },
        {
          type: 'object',
          properties: {
            action: { const: 'next_question' },
            coveredRubricIds: { type: 'array', items: { enum: ids }, maxItems: 3 },
          },
        },
      ],
    });
  });

  it('starts a follow-up with its words (property order is generation order), so they stream early', () => {
    const schema = decisionSchema({
      allowFollowUp: true,
      allowNextQuestion: true,
      allowMoveOn: true,
      rubricIds: ids,
      followUpMaxChars: 50,
    }) as { oneOf: { properties: object }[] };
    expect(Object.keys(schema.oneOf[0]!.properties)).toEqual(['followUp', 'coveredRubricIds']);
  });

  it('has no follow-up branch when none is allowed, and wraps up when the next question does not fit', () => {
    expect(
      decisionSchema({
        allowFollowUp: false,
        allowNextQuestion: false,
        allowMoveOn: true,
        rubricIds: ids,
        followUpMaxChars: 50,
      }),
    ).toEqual({
      type: 'object',
      properties: {
        action: { const: 'wrap_up' },
        coveredRubricIds: { type: 'array', items: { enum: ids }, maxItems: 3 },
      },
    });
  });
  it('offers only a follow-up while a design round goes on (the clock, not the model, calls the wrap-up)', () => {
    expect(
      decisionSchema({
        allowFollowUp: true,
        allowNextQuestion: false,
        allowMoveOn: false,
        rubricIds: ids,
        followUpMaxChars: 50,
      }),
    ).toEqual({
      type: 'object',
      properties: {
        followUp: { type: 'string', minLength: 1, maxLength: 50 },
        coveredRubricIds: { type: 'array', items: { enum: ids }, maxItems: 3 },
      },
    });
  });
});

describe('parseModelDecision', () => {
  it('reads the follow-up form (no action) as a follow-up', () => {
    expect(parseModelDecision({ followUp: 'Why Redis?', coveredRubricIds: [] })).toEqual({
      action: 'follow_up',
      followUp: 'Why Redis?',
      coveredRubricIds: [],
    });
  });

  it('accepts the decision shape', () => {
    expect(parseModelDecision({ action: 'follow_up', followUp: 'Why Redis?', coveredRubricIds: ['storage'] })).toEqual({
      action: 'follow_up',
      followUp: 'Why Redis?',
      coveredRubricIds: ['storage'],
    });
    expect(parseModelDecision({ action: 'wrap_up' })).toEqual({ action: 'wrap_up', coveredRubricIds: [] });
  });

  it.each([
    [null],
    [[]],
    ['next_question'],
    [{ action: 'leave' }],
    [{ action: 'follow_up', followUp: 3 }],
    [{ action: 'wrap_up', coveredRubricIds: 'a' }],
    [{ action: 'wrap_up', coveredRubricIds: [1] }],
  ])('rejects %j', (value) => {
    expect(parseModelDecision(value)).toBeNull();
  });
});
