/**
 * The judge on a real model: the fixture GGUF (random weights) through node-llama-cpp's
 * JSON-schema grammar via the app's own generator (main/core/llm). Its output has the
 * schema's shape but runs to maxTokens, so this checks the path that matters most in practice:
 * cut-off output is rejected cleanly and the rule-based feedback stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURE_NOTES, judgeQuestion, QUESTION_SCHEMA } from '../../../main/core/feedback/llm-judge.js';
import { rulesForQuestion } from '../../../main/core/feedback/rules-feedback.js';
import type { PlannedQuestion, TurnRecord } from '../../../main/core/interview/engine.js';
import { createLlmService, type LlmService } from '../../../main/core/llm/llm-service.js';
import type { JsonResult, LlmJsonGenerator } from '../../../main/core/llm/types.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { BEHAVIORAL, makeStack, playRound, type Stack } from '../../unit/core/feedback/stack.js';

const ANSWER = 'I listened first, then I showed them the data from user testing. We shipped the native select.';

let llm: LlmService;
let stack: Stack | undefined;

beforeAll(async () => {
  const model = await fixturePath('llama-2-tiny-random.gguf');
  llm = createLlmService({ modelPath: () => model, gpu: false, threads: 2 });
});

afterAll(async () => {
  stack?.close();
  await llm?.close();
});

/** Records what the real generator returned, so the test can look at the raw grammar output. */
function recording(inner: LlmJsonGenerator): LlmJsonGenerator & { results: JsonResult<unknown>[] } {
  const results: JsonResult<unknown>[] = [];
  return {
    results,
    async generateJson<T>(...args: Parameters<LlmJsonGenerator['generateJson']>): Promise<JsonResult<T>> {
      const result = await inner.generateJson<T>(...args);
      results.push(result);
      return result;
    },
  };
}

describe('the LLM judge on the fixture GGUF', () => {
  it('goes through the real grammar and rejects output cut off at maxTokens', async () => {
    const question: PlannedQuestion = {
      id: 'q',
      prompt: 'Tell me about a disagreement.',
      answerMinutes: 4,
      rubric: [{ id: 'data', point: 'Uses data', why: 'Evidence wins', signals: ['data', 'user testing'] }],
      followUps: [],
      outline: ['Set the scene', 'Show the evidence'],
      pitfalls: ['Blame'],
    };
    const turn: TurnRecord = {
      seq: 1,
      questionIndex: 0,
      questionId: 'q',
      kind: 'question',
      prompt: question.prompt,
      status: 'answered',
      budgetMs: 240_000,
      askedAt: 0,
      elapsedMs: 60_000,
      answer: ANSWER,
    };
    const rules = rulesForQuestion({
      question,
      turns: [turn],
      segments: new Map(),
      roundKind: 'behavioral',
      checklist: null,
      starGuide: false,
    });
    const generator = recording(llm);

    const outcome = await judgeQuestion(
      generator,
      { roleTitle: 'Engineer', roundKind: 'behavioral', rules, rubricWhy: {} },
      { maxTokens: 24, timeoutMs: 120_000 },
    );

    expect(outcome).toMatchObject({ ok: false, failure: 'cut_off', note: FAILURE_NOTES.cut_off });
    const [result] = generator.results;
    // The grammar shaped the output: it opens the schema's first property, then stops at the limit.
    expect(result?.failure).toBe('cut_off');
    expect(result?.raw.replace(/\s/g, '')).toMatch(/^\{"evidence":\[/);
    expect(Object.keys(QUESTION_SCHEMA.properties as object)[0]).toBe('evidence');
    expect(() => JSON.parse(result!.raw) as unknown).toThrow();
  });

  it('through the feedback service: the answer keeps its rule-based feedback and says why there is no model feedback', async () => {
    stack = makeStack(llm, { judge: { maxTokens: 32, timeoutMs: 120_000 } });
    const story =
      'At my last job a designer and I disagreed about a dropdown. I was responsible for the checkout flow. ' +
      'I listened to her concerns, then I showed her data from user testing. As a result we shipped the native select and conversion went up by 3 percent.';
    const sessionId = await playRound(
      stack,
      BEHAVIORAL,
      ['conflict'],
      [story, 'I learned to bring evidence early, before anyone is attached to a design.'],
    );
    let view = await stack.feedback.forSession({ sessionId });
    for (let i = 0; i < 5 && view.generation.state === 'working'; i++) {
      await stack.feedback.idle();
      view = await stack.feedback.forSession({ sessionId });
    }
    const q = view.questions[0]!;
    expect(q.llmStatus).toBe('failed');
    expect(q.llm).toBeNull();
    expect(q.llmNote).toBe(FAILURE_NOTES.cut_off);
    expect(q.rules).toMatchObject({ covered: 3, total: 3 });
    expect(q.star?.resultQuantified).toBe(true);
    expect(view.round.llmStatus).toBe('failed');
    expect(view.generation.state).toBe('failed');
    expect(stack.logs.filter((l) => /generation failed: cut_off/.test(l)).length).toBe(2);
  });
});
