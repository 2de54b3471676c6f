import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../main/core/events.js';
import {
  CODE_NOTES_SCHEMA,
  codeToJudge,
  judgeCode,
  locateCodeQuote,
  validateCodeNotes,
  type CodeEvidence,
} from '../../../../main/core/feedback/code-notes.js';
import { createFeedbackService } from '../../../../main/core/feedback/feedback-service.js';
import { FAILURE_NOTES } from '../../../../main/core/feedback/llm-judge.js';
import { createInterviewRepository } from '../../../../main/core/interview/repository.js';
import type { JsonResult, JsonSchema } from '../../../../main/core/llm/types.js';
import { DESIGN, isRoundCall, makeStack, playRound, ScriptedGenerator, type Stack } from './stack.js';

const SOLUTION = [
  'def total_by_currency(ledger):',
  '    totals = {}',
  '    for entry in ledger:',
  '        if entry["amount"] == 0:',
  '            continue',
  '        totals[entry["currency"]] = totals.get(entry["currency"], 0) + entry["amount"]',
  '    return totals',
].join('\n');
const TESTS = [
  'import unittest',
  'from solution import total_by_currency',
  '',
  'class MyTests(unittest.TestCase):',
  '    def test_empty(self):',
  '        self.assertEqual(total_by_currency([]), {})',
].join('\n');
const CODE: CodeEvidence = {
  language: 'python',
  solution: SOLUTION,
  tests: TESTS,
  starter: { solution: 'def total_by_currency(ledger):\n    pass\n', tests: 'import unittest\n' },
  results: ['Part 1 (Totals): passed, 6/6 hidden tests', 'Part 2 (Refunds): not finished'],
};

const ok = (value: unknown): JsonResult<unknown> => ({ value, raw: JSON.stringify(value) });
const isCodeCall = (schema: JsonSchema) => schema === CODE_NOTES_SCHEMA;

const NOTES = {
  notes: [
    {
      aspect: 'edge_cases',
      file: 'solution',
      quote: 'if entry["amount"] == 0:',
      note: 'Skips zero amounts explicitly.',
    },
    {
      aspect: 'naming',
      file: 'solution',
      quote: 'def totals_for(ledger, currency):',
      note: 'A function that is not there.',
    },
    { aspect: 'tests', file: 'tests', quote: '  5| def test_empty(self):', note: 'Tests the empty ledger.' },
    { aspect: 'structure', file: 'tests', quote: 'totals = {}', note: 'One dictionary keyed by currency.' },
    { aspect: 'style', file: 'solution', quote: 'return totals', note: 'Not a known aspect.' },
  ],
};

describe('locateCodeQuote', () => {
  it('finds whole lines, long pieces of a line, and consecutive lines, whatever the spacing', () => {
    expect(locateCodeQuote('return totals', SOLUTION)).toEqual({ line: 7, text: 'return totals' });
    expect(locateCodeQuote('totals.get(entry["currency"], 0)', SOLUTION)?.line).toBe(6);
    expect(locateCodeQuote('if entry["amount"]  ==  0:\n   continue', SOLUTION)).toEqual({
      line: 4,
      text: 'if entry["amount"] == 0:\n    continue',
    });
    expect(locateCodeQuote('  3| for entry in ledger:', SOLUTION)?.line).toBe(3);
  });

  it('finds nothing for invented code, short fragments, lines out of order, or too many lines', () => {
    expect(locateCodeQuote('return sorted(totals)', SOLUTION)).toBeNull();
    expect(locateCodeQuote('tot', SOLUTION)).toBeNull();
    expect(locateCodeQuote('return totals\ntotals = {}', SOLUTION)).toBeNull();
    expect(locateCodeQuote(SOLUTION, SOLUTION)).toBeNull();
    expect(locateCodeQuote('   ', SOLUTION)).toBeNull();
  });
});

describe('validateCodeNotes', () => {
  it('keeps notes whose quote is in the code (with its line), drops the rest and says why', () => {
    const { notes, problems } = validateCodeNotes(NOTES, CODE);
    expect(notes).toEqual([
      {
        aspect: 'edge_cases',
        file: 'solution',
        line: 4,
        quote: 'if entry["amount"] == 0:',
        note: 'Skips zero amounts explicitly.',
      },
      { aspect: 'tests', file: 'tests', line: 5, quote: 'def test_empty(self):', note: 'Tests the empty ledger.' },
      // Named the wrong file: kept where the line really is.
      {
        aspect: 'structure',
        file: 'solution',
        line: 2,
        quote: 'totals = {}',
        note: 'One dictionary keyed by currency.',
      },
    ]);
    expect(problems).toEqual([
      'code quote not in the code, dropped: "def totals_for(ledger, currency):"',
      'code note without an aspect or a note, dropped: "return totals"',
    ]);
  });

  it('reads nothing from output that is not an object', () => {
    expect(validateCodeNotes('notes', CODE)).toEqual({ notes: [], problems: ['not a JSON object'] });
    expect(validateCodeNotes({ notes: 'x' }, CODE).notes).toEqual([]);
  });

  it('asks only about code that changed from the starter', () => {
    expect(codeToJudge(CODE)).toBe(true);
    expect(codeToJudge({ ...CODE, solution: CODE.starter.solution })).toBe(false);
    expect(codeToJudge(null)).toBe(false);
  });
});

describe('judgeCode', () => {
  it('shows the model the numbered code, the tests and the results, through the notes schema', async () => {
    const generator = new ScriptedGenerator(() => ok(NOTES));
    const outcome = await judgeCode(generator, {
      roleTitle: 'Backend Engineer',
      prompt: 'Total a ledger.',
      code: CODE,
    });
    expect(outcome.ok && outcome.value.map((n) => n.line)).toEqual([4, 5, 2]);
    const call = generator.calls[0]!;
    expect(call.schema).toBe(CODE_NOTES_SCHEMA);
    expect(call.prompt).toContain('  4|         if entry["amount"] == 0:');
    expect(call.prompt).toContain('  6|         self.assertEqual(total_by_currency([]), {})');
    expect(call.prompt).toContain('Part 1 (Totals): passed, 6/6 hidden tests');
    expect(call.options.maxTokens).toBeGreaterThan(0);
  });

  it('says when the model wrote no own tests, and treats cut-off output as a failure', async () => {
    const generator = new ScriptedGenerator(() => ({ value: null, raw: '{"notes": [', failure: 'cut_off' }));
    const outcome = await judgeCode(generator, {
      roleTitle: 'Backend Engineer',
      prompt: 'Total a ledger.',
      code: { ...CODE, tests: CODE.starter.tests },
    });
    expect(outcome).toMatchObject({ ok: false, failure: 'cut_off', note: FAILURE_NOTES.cut_off });
    expect(generator.calls[0]!.prompt).toContain('The candidate wrote no tests of their own.');
    expect(generator.calls[0]!.prompt).not.toContain('import unittest');
  });

  it('rejects notes that do not read as English', async () => {
    const gibberish = {
      notes: [{ aspect: 'naming', file: 'solution', quote: 'return totals', note: 'xq zzkv prrt qwx vvbn' }],
    };
    const outcome = await judgeCode(new ScriptedGenerator(() => ok(gibberish)), {
      roleTitle: 'R',
      prompt: 'P',
      code: CODE,
    });
    expect(outcome).toMatchObject({ ok: false, failure: 'nonsense' });
  });
});

describe('feedback service: notes on a coding answer', () => {
  let stack: Stack | undefined;
  afterEach(() => {
    stack?.close();
    stack = undefined;
  });

  const ANSWER =
    'I would keep a dictionary of totals keyed by currency, skip zero amounts, and test the empty ledger first. ' +
    'Each entry is added once, so it runs in linear time over the ledger.';
  const JUDGEMENT = {
    evidence: [{ quote: 'skip zero amounts', note: 'edge case named' }],
    scores: {
      content: { score: 3, why: 'Covers the approach.' },
      depth: { score: 3, why: 'Some detail.' },
      structure: { score: 3, why: 'In order.' },
      communication: { score: 3, why: 'Clear.' },
    },
    strengths: ['Clear plan'],
    improvement: 'Say what happens with refunds.',
    betterAnswer: ['Approach', 'Edge cases', 'Complexity'],
  };
  const ROUND = {
    summary: 'A clear explanation of a small design.',
    hireSignal: 'lean_yes',
    reasons: ['Clear'],
    practiceNext: ['Refunds'],
  };

  async function settle(s: Stack, sessionId: string) {
    for (let i = 0; i < 5; i++) {
      await s.feedback.request({ sessionId });
      await s.feedback.idle();
      const view = await s.feedback.forSession({ sessionId });
      if (view.generation.state !== 'working') return view;
    }
    throw new Error('feedback never settled');
  }

  it('adds checked notes on the final code to the model judgement, and judges again when the code changes', async () => {
    let code = CODE;
    const generator = new ScriptedGenerator((_prompt, schema) =>
      isRoundCall(schema) ? ok(ROUND) : isCodeCall(schema) ? ok(NOTES) : ok(JUDGEMENT),
    );
    stack = makeStack(generator, { finalCode: (_s, _state, questionId) => (questionId === 'shortener' ? code : null) });
    const sessionId = await playRound(stack, DESIGN, ['shortener'], [ANSWER]);
    let view = await settle(stack, sessionId);
    const question = view.questions[0]!;
    expect(question.llmStatus).toBe('done');
    expect(question.llm?.overall).toBe(3);
    expect(question.codeNotes.map((n) => [n.aspect, n.file, n.line, n.quote])).toEqual([
      ['edge_cases', 'solution', 4, 'if entry["amount"] == 0:'],
      ['tests', 'tests', 5, 'def test_empty(self):'],
      ['structure', 'solution', 2, 'totals = {}'],
    ]);
    expect(stack.logs.some((l) => /code quote not in the code, dropped: "def totals_for/.test(l))).toBe(true);
    expect(generator.calls.filter((c) => isCodeCall(c.schema))).toHaveLength(1);

    // The code changed after the judgement (e.g. fixed after the last answer): its notes are redone.
    code = { ...CODE, solution: SOLUTION.replace('    return totals', '    return dict(totals)') };
    expect((await stack.feedback.forSession({ sessionId })).questions[0]!.llmStatus).toBe('pending');
    view = await settle(stack, sessionId);
    expect(generator.calls.filter((c) => isCodeCall(c.schema))).toHaveLength(2);
    expect(view.questions[0]!.codeNotes).toHaveLength(3);
  });

  it('still shows a judgement stored before notes on code existed while there is no model', async () => {
    const generator = new ScriptedGenerator((_prompt, schema) => (isRoundCall(schema) ? ok(ROUND) : ok(JUDGEMENT)));
    let code: CodeEvidence | null = null;
    stack = makeStack(generator, { finalCode: () => code });
    const sessionId = await playRound(stack, DESIGN, ['shortener'], [ANSWER]);
    expect((await settle(stack, sessionId)).questions[0]!.llmStatus).toBe('done');
    // The same stored row (keyed to the answers only), read by an app that now knows the code, without a model.
    code = CODE;
    const view = createFeedbackService({
      repository: () => createInterviewRepository(stack!.db),
      db: () => stack!.db,
      content: stack.content,
      events: new EventBus(),
      llm: () => null,
      finalCode: () => code,
    });
    const question = (await view.forSession({ sessionId })).questions[0]!;
    view.close();
    expect(question.llmStatus).toBe('done');
    expect(question.llm?.overall).toBe(3);
    expect(question.codeNotes).toEqual([]);
    // With a model it is stale: judged again, with notes on the code.
    expect((await stack.feedback.forSession({ sessionId })).questions[0]!.llmStatus).toBe('pending');
  });

  it('notes the code even when the spoken answer is too short to score', async () => {
    const generator = new ScriptedGenerator((_prompt, schema) =>
      isRoundCall(schema) ? ok(ROUND) : isCodeCall(schema) ? ok(NOTES) : ok(JUDGEMENT),
    );
    stack = makeStack(generator, { finalCode: () => CODE });
    const sessionId = await playRound(stack, DESIGN, ['shortener'], ['Done.']);
    const question = (await settle(stack, sessionId)).questions[0]!;
    expect(question.llm).toBeNull();
    expect(question.llmStatus).toBe('skipped');
    expect(question.llmNote).toMatch(/only a few words/);
    expect(question.codeNotes).toHaveLength(3);
    expect(generator.calls.filter((c) => !isRoundCall(c.schema) && !isCodeCall(c.schema))).toEqual([]);
  });

  it('gives no notes without a model, for unchanged starter code, or when the notes fail', async () => {
    stack = makeStack(null, { finalCode: () => CODE });
    let sessionId = await playRound(stack, DESIGN, ['shortener'], [ANSWER]);
    expect((await settle(stack, sessionId)).questions[0]!.codeNotes).toEqual([]);
    stack.close();

    const untouched = new ScriptedGenerator((_p, schema) => (isRoundCall(schema) ? ok(ROUND) : ok(JUDGEMENT)));
    stack = makeStack(untouched, { finalCode: () => ({ ...CODE, solution: CODE.starter.solution }) });
    sessionId = await playRound(stack, DESIGN, ['shortener'], [ANSWER]);
    expect((await settle(stack, sessionId)).questions[0]!.codeNotes).toEqual([]);
    expect(untouched.calls.filter((c) => isCodeCall(c.schema))).toEqual([]);
    stack.close();

    const cutOff = new ScriptedGenerator((_p, schema) =>
      isRoundCall(schema)
        ? ok(ROUND)
        : isCodeCall(schema)
          ? { value: null, raw: '{', failure: 'cut_off' }
          : ok(JUDGEMENT),
    );
    stack = makeStack(cutOff, { finalCode: () => CODE });
    sessionId = await playRound(stack, DESIGN, ['shortener'], [ANSWER]);
    const question = (await settle(stack, sessionId)).questions[0]!;
    expect(question.llmStatus).toBe('done');
    expect(question.codeNotes).toEqual([]);
    expect(stack.logs.some((l) => /generation failed: cut_off/.test(l))).toBe(true);
  });
});
