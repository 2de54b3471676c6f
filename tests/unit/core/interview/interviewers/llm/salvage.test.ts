import { describe, expect, it } from 'vitest';
import { salvageFollowUp, wholeSentences } from '../../../../../../main/core/interview/interviewers/llm/reply-text.js';
import { validRole } from '../../../content/fixtures/valid-pack.js';

const question = validRole().rounds[1]!.questions[0]!;
const [a, b] = question.rubric.map((r) => r.id);

describe('salvageFollowUp', () => {
  it('keeps a whole follow-up when the reply was cut off in the rubric list', () => {
    expect(
      salvageFollowUp(`{"followUp": "What did you \\"learn\\"?", "coveredRubricIds": ["${a}", "${b}", "conf`, {
        question,
      }),
    ).toEqual({
      action: 'follow_up',
      followUp: 'What did you "learn"?',
      coveredRubricIds: [a, b],
    });
  });

  it('gives up when the follow-up itself was cut off, or there is none', () => {
    expect(salvageFollowUp('{"followUp": "What did you lea', { question })).toBeNull();
    expect(salvageFollowUp('{"action": "next_question", "coveredRubricIds": ["', { question })).toBeNull();
    expect(salvageFollowUp('{"followUp": "", "cov', { question })).toBeNull();
  });
});

describe('wholeSentences', () => {
  it('keeps a complete reply, and only whole sentences of a cut-off one', () => {
    expect(wholeSentences(' Use any language. ', false)).toBe('Use any language.');
    expect(wholeSentences('Pick a number. Then design for it and', true)).toBe('Pick a number.');
    expect(wholeSentences('Pick a number and design', true)).toBeNull();
    expect(wholeSentences('Is that clear?', true)).toBe('Is that clear?');
  });
});
