import { describe, expect, it } from 'vitest';
import {
  clampScore,
  judgeQuestion,
  judgeRound,
  validateQuestionJudgement,
  validateRoundJudgement,
  FAILURE_NOTES,
  QUESTION_SCHEMA,
  ROUND_SCHEMA,
} from '../../../../main/core/feedback/llm-judge.js';
import { rulesForQuestion } from '../../../../main/core/feedback/rules-feedback.js';
import type { PlannedQuestion, TurnRecord } from '../../../../main/core/interview/engine.js';
import type { JsonResult } from '../../../../main/core/llm/types.js';
import { ScriptedGenerator } from './stack.js';

const ANSWER = 'I listened first, then I showed them the data from user testing. We shipped the native select.';

const scores = (content: unknown, depth: unknown = 3, structure: unknown = 3, communication: unknown = 3) => ({
  content: { score: content, why: 'ok' },
  depth: { score: depth, why: 'ok' },
  structure: { score: structure, why: 'ok' },
  communication: { score: communication, why: 'ok' },
});

describe('clampScore', () => {
  it.each([
    [3, 3, false],
    [0, 1, true],
    [-2, 1, true],
    [9, 4, true],
    [2.6, 3, true],
    ['4', 4, false],
  ])('%j → %d (clamped: %s)', (input, score, clamped) => {
    expect(clampScore(input)).toEqual({ score, clamped });
  });

  it.each([[null], [undefined], ['high'], [Number.NaN], [Number.POSITIVE_INFINITY], [{}], ['']])(
    '%j is not a score',
    (input) => {
      expect(clampScore(input)).toBeNull();
    },
  );
});

describe('validateQuestionJudgement', () => {
  it('clamps scores, keeps verbatim quotes, drops the rest and says why', () => {
    const { judgement, problems } = validateQuestionJudgement(
      {
        evidence: [
          { quote: 'I showed them the data from user testing', note: 'evidence' },
          { quote: 'I escalated to the VP', note: 'invented' },
          { quote: 'i SHOWED them the data from user testing.', note: 'the same again' },
        ],
        scores: scores(5, 0),
        strengths: ['Listens', '', 42, 'Uses data', 'Ships', 'A fourth one'],
        improvement: '  Quantify\n the result. ',
        betterAnswer: ['One', 'Two'],
      },
      [ANSWER],
    );
    expect(judgement?.scores.map((s) => s.score)).toEqual([4, 1, 3, 3]);
    expect(judgement?.overall).toBe(2.8);
    expect(judgement?.evidence).toEqual([{ quote: 'I showed them the data from user testing', note: 'evidence' }]);
    expect(judgement?.droppedQuotes).toBe(1);
    expect(judgement?.strengths).toEqual(['Listens', 'Uses data', 'Ships']);
    expect(judgement?.improvement).toBe('Quantify the result.');
    expect(problems).toEqual([
      'score for content (5) clamped to 4',
      'score for depth (0) clamped to 1',
      'quote not in the transcript, dropped: "I escalated to the VP"',
    ]);
  });

  it.each([
    ['not an object', 'a string'],
    ['an array', [1, 2, 3]],
    ['no scores', { evidence: [], improvement: 'x' }],
    ['a score that is not a number', { scores: scores('great') }],
    ['a missing dimension', { scores: { content: { score: 3 }, depth: { score: 3 }, structure: { score: 3 } } }],
  ])('rejects %s', (_what, value) => {
    expect(validateQuestionJudgement(value, [ANSWER]).judgement).toBeNull();
  });
});

describe('validateRoundJudgement', () => {
  it('accepts a known hire signal and caps the lists at three', () => {
    const { round } = validateRoundJudgement({
      summary: 'Good.',
      hireSignal: 'yes',
      reasons: ['a', 'b', 'c', 'd'],
      practiceNext: ['x', 'y', 'z', 'w'],
    });
    expect(round).toEqual({
      summary: 'Good.',
      hireSignal: 'yes',
      reasons: ['a', 'b', 'c'],
      practiceNext: ['x', 'y', 'z'],
    });
  });

  it.each([
    ['an unknown hire signal', { summary: 'Good.', hireSignal: 'hire', reasons: [], practiceNext: [] }],
    ['no summary', { summary: '  ', hireSignal: 'no', reasons: [], practiceNext: [] }],
    ['not an object', null],
  ])('rejects %s', (_what, value) => {
    expect(validateRoundJudgement(value).round).toBeNull();
  });
});

describe('judgeQuestion and judgeRound', () => {
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
  const input = { roleTitle: 'Engineer', roundKind: 'behavioral', rules, rubricWhy: { data: 'Evidence wins' } };

  it('sends the grammar schema with a token limit and a timeout', async () => {
    const generator = new ScriptedGenerator(() => ({
      value: { scores: scores(3), evidence: [], strengths: [], improvement: 'More detail.', betterAnswer: ['A'] },
      raw: '{}',
    }));
    const outcome = await judgeQuestion(generator, input, { maxTokens: 123, timeoutMs: 4567 });
    expect(outcome.ok).toBe(true);
    expect(generator.calls[0]).toMatchObject({ schema: QUESTION_SCHEMA, options: { maxTokens: 123, timeoutMs: 4567 } });
    expect(generator.calls[0]!.prompt).toContain('Uses data (Evidence wins) [mentioned]');
    expect(generator.calls[0]!.prompt).toContain('- Show the evidence');
  });

  it.each([
    ['cut_off', FAILURE_NOTES.cut_off],
    ['invalid_json', FAILURE_NOTES.invalid_json],
    ['timeout', FAILURE_NOTES.timeout],
  ] as const)('turns a %s generation into a failure with a note', async (failure, note) => {
    const generator = new ScriptedGenerator((): JsonResult<unknown> => ({ value: null, raw: '{"evid', failure }));
    const outcome = await judgeQuestion(generator, input, { maxTokens: 10, timeoutMs: 1000 });
    expect(outcome).toMatchObject({ ok: false, failure, note });
  });

  it('passes on the generator’s own message for an error, and survives a generator that throws', async () => {
    const noModel = new ScriptedGenerator(() => ({
      value: null,
      raw: '',
      failure: 'error',
      message: 'No model is chosen.',
    }));
    expect(await judgeQuestion(noModel, input)).toMatchObject({
      ok: false,
      failure: 'error',
      note: 'No model is chosen. The rule-based feedback is shown instead.',
    });
    const throwing = new ScriptedGenerator(() => {
      throw new Error('native crash');
    });
    const outcome = await judgeQuestion(throwing, input);
    expect(outcome).toMatchObject({ ok: false, failure: 'error', note: FAILURE_NOTES.error });
    expect(outcome.problems.join()).toContain('native crash');
  });

  it('a judgement whose words are not English (a broken model) is rejected for the rule-based feedback', async () => {
    const soup =
      'sets tournament Categoryoutosedfish uvo ge dei utureolsplex grands ogen intersection operatedwebsiterek';
    const gibberish = new ScriptedGenerator(() => ({
      value: {
        scores: {
          content: { score: 1, why: soup },
          depth: { score: 1, why: soup },
          structure: { score: 2, why: soup },
          communication: { score: 1, why: soup },
        },
        evidence: [],
        strengths: ['Ardisplaylij reference procedures inoltre'],
        improvement: 'tiemmallocNationalMD weiter fruangle orrow zna ebenfalls',
        betterAnswer: [],
      },
      raw: '{}',
    }));
    const outcome = await judgeQuestion(gibberish, input);
    expect(outcome).toMatchObject({ ok: false, failure: 'nonsense', note: FAILURE_NOTES.nonsense });
    const round = new ScriptedGenerator(() => ({
      value: { summary: soup, hireSignal: 'no', reasons: [soup], practiceNext: [soup] },
      raw: '{}',
    }));
    const judged = await judgeRound(round, {
      roleTitle: 'Engineer',
      roundTitle: 'Behavioral',
      roundKind: 'behavioral',
      questions: [{ prompt: question.prompt, skipped: false, judgement: null, rules }],
    });
    // No "Hire signal: No" with gibberish reasons.
    expect(judged).toMatchObject({ ok: false, failure: 'nonsense' });
  });

  it('judges a round with its own schema', async () => {
    const generator = new ScriptedGenerator(() => ({
      value: { summary: 'Fine.', hireSignal: 'strong_no', reasons: ['r'], practiceNext: ['p'] },
      raw: '{}',
    }));
    const outcome = await judgeRound(generator, {
      roleTitle: 'Engineer',
      roundTitle: 'Behavioral',
      roundKind: 'behavioral',
      questions: [{ prompt: question.prompt, skipped: false, judgement: null, rules }],
    });
    expect(outcome).toMatchObject({ ok: true, value: { hireSignal: 'strong_no' } });
    expect(generator.calls[0]!.schema).toBe(ROUND_SCHEMA);
    expect(generator.calls[0]!.prompt).toContain('Rubric points covered: 1 of 1');
  });
});
