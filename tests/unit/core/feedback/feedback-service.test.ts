import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/contract/result.js';
import type { SessionFeedbackView } from '../../../../main/contract/services/feedback.js';
import { NO_MODEL_NOTE } from '../../../../main/core/feedback/feedback-service.js';
import { FAILURE_NOTES } from '../../../../main/core/feedback/llm-judge.js';
import type { JsonResult } from '../../../../main/core/llm/types.js';
import { BEHAVIORAL, DESIGN, isRoundCall, makeStack, playRound, ScriptedGenerator, type Stack } from './stack.js';

const STORY =
  'At my last job a designer and I disagreed about a dropdown. I was responsible for the checkout flow. ' +
  'I listened to her concerns, then I showed her data from user testing. As a result we shipped the native select and conversion went up by 3 percent.';
const LESSON = 'I learned to bring evidence early, before anyone is attached to a design.';

const GOOD_JUDGEMENT = {
  evidence: [
    { quote: 'I showed her data from user testing', note: 'evidence over opinion' },
    { quote: 'I fired the designer', note: 'made up' },
    { quote: '“conversion went up by 3 percent.”', note: 'a number' },
  ],
  scores: {
    content: { score: 3, why: 'Covers listening and data.' },
    depth: { score: 7, why: 'Out of range on purpose.' },
    structure: { score: 2, why: 'Result comes late.' },
    communication: { score: '3', why: 'Clear.' },
  },
  strengths: ['Used data', 'Owned the outcome'],
  improvement: 'Lead with the result.',
  betterAnswer: ['Situation in one line', 'Your action with data', 'Result: +3% conversion'],
};
const ROUND = {
  summary: 'A solid behavioral round with one real story.',
  hireSignal: 'lean_yes',
  reasons: ['Clear ownership'],
  practiceNext: ['Quantify results', 'Shorter setup', 'Answer the second question'],
};

const ok = (value: unknown): JsonResult<unknown> => ({ value, raw: JSON.stringify(value) });

let stack: Stack | undefined;
afterEach(() => {
  stack?.close();
  stack = undefined;
});

async function settled(s: Stack, sessionId: string): Promise<SessionFeedbackView> {
  // request queues what is missing (the round summary waits for the questions): repeat until nothing is left.
  for (let i = 0; i < 5; i++) {
    await s.feedback.request({ sessionId });
    await s.feedback.idle();
    const view = await s.feedback.forSession({ sessionId });
    if (view.generation.state !== 'working') return view;
  }
  throw new Error('feedback never settled');
}

describe('feedback service without a model', () => {
  it('gives rule-based feedback for a typed round, labelled as such, and stores it', async () => {
    stack = makeStack(null);
    const sessionId = await playRound(stack, BEHAVIORAL, ['conflict', 'failure'], [STORY, LESSON, 'Yes.', 'No.']);
    const view = await stack.feedback.forSession({ sessionId });

    expect(view.generation).toEqual({ state: 'rules_only', done: 0, total: 0 });
    expect(view.questions.map((q) => q.questionId)).toEqual(['conflict', 'failure']);
    const [conflict, failure] = view.questions;
    expect(conflict!.llmStatus).toBe('unavailable');
    expect(conflict!.llmNote).toBe(NO_MODEL_NOTE);
    expect(conflict!.coverage.map((c) => [c.id, c.covered])).toEqual([
      ['conflict-listen', true],
      ['conflict-data', true],
      ['conflict-learn', true],
    ]);
    expect(conflict!.rules).toMatchObject({ covered: 3, total: 3 });
    expect(conflict!.star?.parts.map((p) => p.present)).toEqual([true, true, true, true]);
    expect(conflict!.star?.resultQuantified).toBe(true);
    expect(conflict!.answers.map((a) => a.metrics.mode)).toEqual(['typed', 'typed']);
    expect(conflict!.answers[0]!.metrics.pauses).toBeNull();
    expect(conflict!.answers[0]!.metricViews.map((m) => m.id)).not.toContain('pace_speech');
    // Evidence is highlighted where it is in the answer.
    for (const a of conflict!.answers)
      for (const h of a.highlights) expect(a.text.slice(h.start, h.end).length).toBeGreaterThan(0);
    expect(conflict!.answers[0]!.highlights.map((h) => conflict!.answers[0]!.text.slice(h.start, h.end))).toEqual([
      'listened',
      'user testing',
    ]);

    // Two words over two answers: too short to judge, said so.
    expect(failure!.flags).toContain('too_short');
    expect(failure!.llmStatus).toBe('unavailable');
    expect(failure!.rules.improvement).toMatch(/too short/);

    expect(view.round.llmStatus).toBe('unavailable');
    expect(view.round.rules).toMatchObject({ covered: 3, total: 6, answered: 2, questions: 2 });
    expect(view.round.rules.practiceNext.length).toBeGreaterThan(0);
    expect(view.round.rules.practiceNext.length).toBeLessThanOrEqual(3);

    // Stored when each answer was recorded (not by reading).
    await stack.feedback.idle();
    const rows = stack.db.prepare(`SELECT turn_id, source FROM feedback ORDER BY id`).all();
    expect(rows).toEqual([
      { turn_id: `${sessionId}:t1`, source: 'rules' },
      { turn_id: `${sessionId}:t3`, source: 'rules' },
    ]);
    // Reading again does not write again.
    await stack.feedback.forSession({ sessionId });
    expect(stack.db.prepare(`SELECT COUNT(*) AS n FROM feedback`).get()).toEqual({ n: 2 });
  });

  it('measures spoken answers from their segments and checks a system-design checklist', async () => {
    stack = makeStack(null);
    const text =
      'The requirements first: five hundred writes per second. The API is one endpoint. I would put a cache in front.';
    const sessionId = await playRound(stack, DESIGN, ['shortener'], [text]);
    const insert = stack.db.prepare(
      `INSERT INTO segments (turn_id, start_ms, end_ms, text, status, created_at) VALUES (?, ?, ?, ?, ?, 0)`,
    );
    insert.run(`${sessionId}:t1`, 1500, 6000, 'The requirements first: five hundred writes per second.', 'done');
    insert.run(`${sessionId}:t1`, 9500, 12000, 'The API is one endpoint.', 'done');
    insert.run(`${sessionId}:t1`, 12100, 13000, '', 'failed');
    insert.run(`${sessionId}:t1`, 12500, 16000, 'Um, I would put a cache in front.', 'done');

    const view = await stack.feedback.forSession({ sessionId });
    const q = view.questions[0]!;
    expect(q.star).toBeNull();
    expect(q.checklist?.map((c) => [c.id, c.covered])).toEqual([
      ['requirements', true],
      ['api', true],
      ['scale', true],
    ]);
    // 8 + 5 + 8 = 21 words in 4.5 + 2.5 + 3.5 = 10.5 s of speech; one 3.5 s pause; first word at 1.5 s.
    expect(q.answers[0]!.metrics).toMatchObject({
      mode: 'spoken',
      words: 21,
      speechMs: 10_500,
      wpmSpeech: 120,
      timeToFirstWordMs: 1500,
      pauses: { count: 1, longestMs: 3500 },
      fillers: { total: 1 },
    });
    expect(q.answers[0]!.metricViews.map((m) => m.id)).toEqual([
      'pace_speech',
      'pace_wall',
      'fillers',
      'pauses',
      'first_word',
      'length',
      'hedges',
      'repeats',
    ]);
    // The segments were written behind the service's back: a request brings the stored row up to date.
    await stack.feedback.request({ sessionId });
    await stack.feedback.idle();
    const stored = stack.db.prepare(`SELECT body_json FROM feedback WHERE source = 'rules'`).get() as {
      body_json: string;
    };
    expect((JSON.parse(stored.body_json) as { delivery: unknown }).delivery).toEqual({
      wordsPerMinute: 120,
      fillersPer100Words: 4.8,
    });
  });

  it('says so when the session does not exist', async () => {
    stack = makeStack(null);
    await expect(Promise.resolve().then(() => stack!.feedback.forSession({ sessionId: 'nope' }))).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND' && /no longer exists/.test(e.message),
    );
  });
});

describe('feedback service with a model', () => {
  it('judges each answer in the background, checks the output, and writes a round summary', async () => {
    const generator = new ScriptedGenerator((_prompt, schema) =>
      isRoundCall(schema) ? ok(ROUND) : ok(GOOD_JUDGEMENT),
    );
    stack = makeStack(generator);
    const sessionId = await playRound(stack, BEHAVIORAL, ['conflict', 'failure'], [STORY, LESSON, 'Yes.', 'No.']);
    const view = await settled(stack, sessionId);

    const conflict = view.questions[0]!;
    expect(conflict.llmStatus).toBe('done');
    expect(conflict.llm?.scores.map((s) => [s.dimension, s.score])).toEqual([
      ['content', 3],
      ['depth', 4],
      ['structure', 2],
      ['communication', 3],
    ]);
    expect(conflict.llm?.overall).toBe(3);
    // The made-up quote is gone; the quoted-and-punctuated one is the answer's own text.
    expect(conflict.llm?.evidence.map((e) => e.quote)).toEqual([
      'I showed her data from user testing',
      'conversion went up by 3 percent',
    ]);
    expect(conflict.llm?.droppedQuotes).toBe(1);
    const first = conflict.answers[0]!;
    const quoted = first.highlights.filter((h) => h.kind === 'quote').map((h) => first.text.slice(h.start, h.end));
    expect(quoted).toEqual(['I showed her data from user testing', 'conversion went up by 3 percent']);
    expect(stack.logs.some((l) => /quote not in the transcript, dropped: "I fired the designer"/.test(l))).toBe(true);
    expect(stack.logs.some((l) => /score for depth \(7\) clamped to 4/.test(l))).toBe(true);

    // Too short to judge: the model was never asked about it.
    expect(view.questions[1]!.llmStatus).toBe('skipped');
    expect(view.questions[1]!.llmNote).toBe('The model was not asked to score this answer: it is only a few words.');
    expect(generator.calls.filter((c) => !isRoundCall(c.schema) && c.prompt.includes('Question failure?'))).toEqual([]);
    // The prompt carries the rubric, the strong outline and the answers, and the call is bounded.
    const call = generator.calls.find((c) => !isRoundCall(c.schema))!;
    expect(call.prompt).toContain('Mentions listened');
    expect(call.prompt).toContain('Outline conflict one');
    expect(call.prompt).toContain(STORY);
    expect(call.options.maxTokens).toBeGreaterThan(0);
    expect(call.options.timeoutMs).toBeGreaterThan(0);

    expect(view.round.llmStatus).toBe('done');
    expect(view.round.llm).toEqual(ROUND);
    expect(view.generation.state).toBe('done');

    const names = stack.events.filter((e) => 'sessionId' in (e.payload as object)).map((e) => e.name);
    expect(names).toContain('feedback:progress');
    expect(names).toContain('feedback:ready');
    const llmRows = stack.db.prepare(`SELECT turn_id FROM feedback WHERE source = 'llm' ORDER BY id`).all();
    expect(llmRows).toEqual([{ turn_id: `${sessionId}:t1` }, { turn_id: null }]);
  });

  it('falls back to the rule-based feedback when the output is cut off', async () => {
    const cut: JsonResult<unknown> = { value: null, raw: '{"evidence":[{"quote":"At my last', failure: 'cut_off' };
    const generator = new ScriptedGenerator(() => cut);
    stack = makeStack(generator);
    const sessionId = await playRound(stack, BEHAVIORAL, ['conflict', 'failure'], [STORY, LESSON, 'Yes.', 'No.']);
    const view = await settled(stack, sessionId);
    const conflict = view.questions[0]!;
    expect(conflict.llmStatus).toBe('failed');
    expect(conflict.llm).toBeNull();
    expect(conflict.llmNote).toBe(FAILURE_NOTES.cut_off);
    expect(conflict.rules.covered).toBe(3);
    expect(conflict.coverage.length).toBe(3);
    expect(view.round.llmStatus).toBe('failed');
    expect(view.round.llmNote).toBe(FAILURE_NOTES.cut_off);
    expect(view.generation.state).toBe('failed');
    expect(stack.logs.some((l) => /generation failed: cut_off/.test(l))).toBe(true);
    // A failure is remembered: the model is not asked again for the same answers.
    const calls = generator.calls.length;
    await settled(stack, sessionId);
    expect(generator.calls.length).toBe(calls);
  });

  it('rejects output that does not pass the checks: missing scores, unknown hire signal', async () => {
    const generator = new ScriptedGenerator((_p, schema) =>
      isRoundCall(schema)
        ? ok({ ...ROUND, hireSignal: 'maybe' })
        : ok({ ...GOOD_JUDGEMENT, scores: { content: { score: 3, why: 'ok' } } }),
    );
    stack = makeStack(generator);
    const sessionId = await playRound(stack, BEHAVIORAL, ['conflict', 'failure'], [STORY, LESSON, 'Yes.', 'No.']);
    const view = await settled(stack, sessionId);
    expect(view.questions[0]!.llmStatus).toBe('failed');
    expect(view.questions[0]!.llmNote).toBe(FAILURE_NOTES.invalid);
    expect(view.round.llmStatus).toBe('failed');
    expect(stack.logs.some((l) => /score for depth is missing/.test(l))).toBe(true);
    expect(stack.logs.some((l) => /unknown hire signal "maybe"/.test(l))).toBe(true);
  });

  it('never makes the interview wait: a running judgement gives way to the next answer and runs again', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const generator = new ScriptedGenerator(async (_p, schema, options, n) => {
      if (n === 0) {
        // The first judgement hangs until aborted.
        await new Promise<void>((resolve) =>
          options.signal?.addEventListener('abort', () => resolve(), { once: true }),
        );
        return { value: null, raw: '', failure: 'aborted' };
      }
      await released;
      return isRoundCall(schema) ? ok(ROUND) : ok(GOOD_JUDGEMENT);
    });
    stack = makeStack(generator);
    const s = stack;
    let view = await s.interview.start({ roleId: 'fb-role', roundId: BEHAVIORAL, questionIds: ['conflict'] });
    const sessionId = view.sessionId;
    await s.interview.begin({ sessionId });
    view = await s.interview.submitAnswer({ sessionId, text: STORY });
    expect(view.phase).toBe('question');
    await expect.poll(() => generator.calls.length).toBe(1);

    // The model is busy judging; the candidate answers the follow-up and the interview moves on at once.
    view = await s.interview.submitAnswer({ sessionId, text: LESSON });
    expect(view.phase).toBe('wrap_up');
    expect(generator.calls[0]!.options.signal?.aborted).toBe(true);
    const during = await s.feedback.forSession({ sessionId });
    expect(during.generation.state).toBe('working');
    expect(['pending', 'running']).toContain(during.questions[0]!.llmStatus);

    release();
    await s.interview.finish({ sessionId });
    const after = await settled(s, sessionId);
    expect(after.questions[0]!.llmStatus).toBe('done');
    // Judged once more, on both answers.
    expect(generator.calls[1]!.prompt).toContain(LESSON);
  });
});
