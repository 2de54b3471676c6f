import { describe, expect, it } from 'vitest';
import type { Question } from '../../../../content/schema.js';
import { elapsed, remaining, warningLevel } from '../../../../main/core/interview/clock.js';
import {
  CLOSING,
  NUDGE,
  applyDecision,
  askInterviewer,
  begin,
  checkpoint,
  clarify,
  createState,
  currentQuestion,
  currentTurn,
  finish,
  finishProblem,
  isBlankAnswer,
  pause,
  recoverAfterCrash,
  repeatQuestion,
  resume,
  revealPart,
  setDraft,
  skip,
  skipFollowUp,
  startAnswer,
  submitAnswer,
  toPlannedQuestion,
  type EngineState,
  type PlannedQuestion,
} from '../../../../main/core/interview/engine.js';
import type { Decision } from '../../../../main/core/interview/interviewers/types.js';

const T0 = 1_700_000_000_000;
const SEC = 1_000;
const MIN = 60_000;
const INTRO = 'Hi, welcome to the round.';

function question(id: string, extra: Partial<PlannedQuestion> = {}): PlannedQuestion {
  return {
    id,
    prompt: `Prompt for ${id}?`,
    answerMinutes: 5,
    rubric: [{ id: `${id}-a`, point: 'Point a', why: 'Because', signals: ['signal a'] }],
    followUps: [{ prompt: `Follow-up for ${id}?`, probes: `${id}-a` }],
    outline: ['Outline'],
    pitfalls: ['Pitfall'],
    ...extra,
  };
}

function fresh(questions: PlannedQuestion[] = [question('q1'), question('q2'), question('q3')]): EngineState {
  return createState({ questions, intro: INTRO, roundMinutes: 30, maxFollowUps: 2, now: T0 });
}

const decision = (d: Omit<Decision, 'coveredRubricIds'>): Decision => ({ coveredRubricIds: [], ...d });

// One state per phase, built along one timeline.
const ASKED_AT = T0 + 1 * SEC;
const STARTED_AT = T0 + 5 * SEC;
const SUBMITTED_AT = T0 + 65 * SEC;
const atIntro = fresh();
const atQuestion = begin(atIntro, ASKED_AT);
const atAnswering = startAnswer(atQuestion, STARTED_AT);
const atDeciding = submitAnswer(atAnswering, 'My answer mentions signal a.', SUBMITTED_AT);
const atWrapUp = applyDecision(
  atDeciding,
  decision({ action: 'wrap_up', transition: 'Any questions for me?' }),
  T0 + 66 * SEC,
);
const atSummary = finish(atWrapUp, T0 + 70 * SEC);

const STATES = {
  intro: atIntro,
  question: atQuestion,
  answering: atAnswering,
  deciding: atDeciding,
  wrap_up: atWrapUp,
  summary: atSummary,
  'paused question': pause(atQuestion, T0 + 2 * SEC),
  'paused answering': pause(atAnswering, T0 + 10 * SEC),
  'paused deciding': pause(atDeciding, T0 + 65.5 * SEC),
  'paused wrap_up': pause(atWrapUp, T0 + 67 * SEC),
} satisfies Record<string, EngineState>;
type StateName = keyof typeof STATES;
const STATE_NAMES = Object.keys(STATES) as StateName[];
const PAUSED: StateName[] = ['paused question', 'paused answering', 'paused deciding', 'paused wrap_up'];

const LATER = T0 + 100 * SEC;
const TRANSITIONS: Record<string, (s: EngineState) => EngineState> = {
  begin: (s) => begin(s, LATER),
  startAnswer: (s) => startAnswer(s, LATER),
  submitAnswer: (s) => submitAnswer(s, 'An answer.', LATER),
  applyDecision: (s) => applyDecision(s, decision({ action: 'next_question' }), LATER),
  repeatQuestion: (s) => repeatQuestion(s, LATER),
  clarify: (s) => clarify(s, 'Can I assume sorted input?', 'Yes.', LATER),
  skip: (s) => skip(s, LATER),
  // Only ever on a follow-up: none of the fixtures is one.
  skipFollowUp: (s) => skipFollowUp(s, LATER),
  pause: (s) => pause(s, LATER),
  resume: (s) => resume(s, LATER),
  askInterviewer: (s) => askInterviewer(s, 'How big is the team?', 'Six people.', LATER),
  finish: (s) => finish(s, LATER),
  recoverAfterCrash: (s) => recoverAfterCrash(s),
};

/** Where each transition applies; everywhere else it must hand back the very same object. */
const APPLIES: Record<keyof typeof TRANSITIONS, StateName[]> = {
  begin: ['intro'],
  startAnswer: ['question'],
  submitAnswer: ['question', 'answering'],
  applyDecision: ['deciding'],
  repeatQuestion: ['question', 'answering'],
  clarify: ['question', 'answering'],
  skip: ['question', 'answering'],
  skipFollowUp: [],
  pause: ['question', 'answering', 'deciding', 'wrap_up'],
  resume: PAUSED,
  askInterviewer: ['wrap_up'],
  // Ending the round works from anywhere, paused included.
  finish: STATE_NAMES.filter((n) => n !== 'summary'),
  recoverAfterCrash: STATE_NAMES.filter((n) => n !== 'summary' && n !== 'intro'),
};

const pairs = (applies: boolean) =>
  Object.entries(APPLIES).flatMap(([name, where]) =>
    STATE_NAMES.filter((s) => where.includes(s) === applies).map((s) => [name, s] as [string, StateName]),
  );

describe('the phase fixtures', () => {
  it.each([
    ['intro', 'intro', false],
    ['question', 'question', false],
    ['answering', 'answering', false],
    ['deciding', 'deciding', false],
    ['wrap_up', 'wrap_up', false],
    ['summary', 'summary', false],
    ['paused question', 'question', true],
    ['paused answering', 'answering', true],
    ['paused deciding', 'deciding', true],
    ['paused wrap_up', 'wrap_up', true],
  ] as [StateName, string, boolean][])('%s is in phase %s (paused %s)', (name, phase, paused) => {
    expect(STATES[name].phase).toBe(phase);
    expect(STATES[name].paused).toBe(paused);
  });
});

describe('transitions that do not apply are no-ops', () => {
  it.each(pairs(false))('%s in %s returns the same state object', (name, stateName) => {
    const state = STATES[stateName];
    const before = structuredClone(state);
    expect(TRANSITIONS[name]?.(state)).toBe(state);
    expect(state).toEqual(before);
  });

  it.each(pairs(true))('%s in %s makes a new state', (name, stateName) => {
    const state = STATES[stateName];
    const before = structuredClone(state);
    const next = TRANSITIONS[name]?.(state);
    expect(next).not.toBe(state);
    expect(state).toEqual(before); // never mutated in place
  });
});

describe('createState', () => {
  it('starts in the intro with the clocks stopped and the intro said', () => {
    const s = fresh();
    expect(s).toMatchObject({
      v: 1,
      phase: 'intro',
      paused: false,
      index: 0,
      followUpsAsked: 0,
      maxFollowUps: 2,
      revealedParts: 1,
      answer: null,
      draft: '',
      turns: [],
    });
    expect(s.round).toEqual({ budgetMs: 30 * MIN, elapsedMs: 0, runningSince: null });
    expect(s.messages).toEqual([{ id: 1, speaker: 'interviewer', kind: 'intro', text: INTRO, at: T0 }]);
    expect(currentQuestion(s)?.id).toBe('q1');
    expect(currentTurn(s)).toBeUndefined();
  });

  it('toPlannedQuestion keeps what is asked and never the reference solution or tests', () => {
    const q: Question = {
      id: 'two-sum',
      prompt: 'Two sum?',
      difficulty: 'easy',
      topics: ['arrays'],
      answerMinutes: 10,
      rubric: [{ id: 'r', point: 'p', why: 'w', signals: ['s'] }],
      followUps: [{ prompt: 'f' }],
      outline: ['o'],
      pitfalls: ['x'],
      coding: {
        functionName: 'twoSum',
        parts: ['Part 1', 'Part 2'],
        starter: { javascript: 'function twoSum() {}', python: 'def two_sum(): pass' },
        tests: [{ args: [1], expected: 1, hidden: false }],
        reference: { javascript: 'SECRET_SOLUTION' },
        complexity: { time: 'O(n)', space: 'O(n)' },
      },
    };
    const planned = toPlannedQuestion(q);
    expect(planned.coding).toEqual({ parts: ['Part 1', 'Part 2'], starter: q.coding?.starter });
    expect(JSON.stringify(planned)).not.toContain('SECRET_SOLUTION');
    expect(planned).not.toHaveProperty('difficulty');
    expect(toPlannedQuestion({ ...q, coding: undefined })).not.toHaveProperty('coding');
  });
});

describe('begin', () => {
  it('starts the round clock and asks the first question', () => {
    const s = begin(fresh(), ASKED_AT);
    expect(s.phase).toBe('question');
    expect(s.round).toEqual({ budgetMs: 30 * MIN, elapsedMs: 0, runningSince: ASKED_AT });
    expect(s.answer).toBeNull();
    expect(s.turns).toEqual([
      expect.objectContaining({
        seq: 1,
        questionIndex: 0,
        questionId: 'q1',
        kind: 'question',
        prompt: 'Prompt for q1?',
        status: 'asked',
        budgetMs: 5 * MIN,
        askedAt: ASKED_AT,
        elapsedMs: 0,
      }),
    ]);
    expect(s.messages.at(-1)).toEqual({
      id: 2,
      speaker: 'interviewer',
      kind: 'question',
      text: 'Prompt for q1?',
      at: ASKED_AT,
    });
  });

  it('goes straight to the wrap-up when there are no questions', () => {
    const s = begin(fresh([]), ASKED_AT);
    expect(s.phase).toBe('wrap_up');
    expect(s.turns).toEqual([]);
    expect(s.messages.at(-1)?.kind).toBe('wrap_up');
  });
});

describe('startAnswer', () => {
  it('starts the answer clock with the turn budget', () => {
    const s = startAnswer(atQuestion, STARTED_AT);
    expect(s.phase).toBe('answering');
    expect(s.answer).toEqual({ budgetMs: 5 * MIN, elapsedMs: 0, runningSince: STARTED_AT });
    expect(currentTurn(s)).toMatchObject({ status: 'answering', answerStartedAt: STARTED_AT });
    expect(s.messages).toBe(atQuestion.messages);
  });
});

describe('setDraft and checkpoint', () => {
  it('keeps the draft and folds running time into elapsed', () => {
    const t = T0 + 20 * SEC;
    const s = setDraft(atAnswering, 'half an answer', t);
    expect(s.draft).toBe('half an answer');
    expect(s.round).toEqual({ budgetMs: 30 * MIN, elapsedMs: 19 * SEC, runningSince: t });
    expect(s.answer).toEqual({ budgetMs: 5 * MIN, elapsedMs: 15 * SEC, runningSince: t });
  });

  it.each([0, 1, 20 * SEC, 10 * MIN])('a checkpoint never changes what the clocks read (%i ms later)', (later) => {
    const t = T0 + 20 * SEC;
    const s = checkpoint(atAnswering, t);
    expect(s.round.runningSince).toBe(t);
    expect(elapsed(s.round, t + later)).toBe(elapsed(atAnswering.round, t + later));
    expect(elapsed(s.answer!, t + later)).toBe(elapsed(atAnswering.answer!, t + later));
  });

  it('leaves stopped clocks as they are', () => {
    const paused = STATES['paused answering'];
    const s = checkpoint(paused, LATER);
    expect(s.round).toBe(paused.round);
    expect(s.answer).toBe(paused.answer);
  });
});

describe('submitAnswer', () => {
  it('records the answer, stops the answer clock and waits for a decision', () => {
    const s = submitAnswer(setDraft(atAnswering, 'draft', T0 + 10 * SEC), 'My answer.', SUBMITTED_AT);
    expect(s.phase).toBe('deciding');
    expect(s.draft).toBe('');
    expect(s.answer).toEqual({ budgetMs: 5 * MIN, elapsedMs: 60 * SEC, runningSince: null });
    expect(s.round.runningSince).not.toBeNull();
    expect(currentTurn(s)).toMatchObject({
      status: 'answered',
      answer: 'My answer.',
      answerStartedAt: STARTED_AT,
      answerEndedAt: SUBMITTED_AT,
      elapsedMs: 60 * SEC,
    });
    expect(s.messages.at(-1)).toMatchObject({
      speaker: 'candidate',
      kind: 'answer',
      text: 'My answer.',
      at: SUBMITTED_AT,
    });
  });

  it.each(['', ' ', '   \n\t  ', '\u00a0'])('a blank answer (%j) only nudges: no turn is recorded', (blank) => {
    expect(isBlankAnswer(blank)).toBe(true);
    for (const from of [atQuestion, atAnswering]) {
      const s = submitAnswer(from, blank, LATER);
      expect(s.phase).toBe(from.phase);
      expect(s.turns).toBe(from.turns);
      expect(s.answer).toBe(from.answer);
      expect(s.messages).toHaveLength(from.messages.length + 1);
      expect(s.messages.at(-1)).toMatchObject({ speaker: 'interviewer', kind: 'nudge', text: NUDGE });
    }
  });

  it('answering straight from the question phase counts from when the question was asked', () => {
    const s = submitAnswer(atQuestion, 'Quick answer.', ASKED_AT + 42 * SEC);
    expect(s.phase).toBe('deciding');
    expect(currentTurn(s)).toMatchObject({
      status: 'answered',
      answer: 'Quick answer.',
      answerStartedAt: ASKED_AT,
      answerEndedAt: ASKED_AT + 42 * SEC,
      elapsedMs: 42 * SEC,
    });
  });

  it('answering from the question phase does not count time spent paused', () => {
    let s = pause(atQuestion, ASKED_AT + 10 * SEC);
    s = resume(s, ASKED_AT + 70 * SEC);
    s = submitAnswer(s, 'Answer after a pause.', ASKED_AT + 80 * SEC);
    expect(currentTurn(s)?.elapsedMs).toBe(20 * SEC);
  });

  it('answering from the question phase after a crash does not count the time the app was down', () => {
    let s = setDraft(atQuestion, 'thinking', ASKED_AT + 30 * SEC); // last checkpoint before the crash
    s = recoverAfterCrash(s);
    s = resume(s, ASKED_AT + 24 * 60 * MIN);
    s = submitAnswer(s, 'Answer the next day.', ASKED_AT + 24 * 60 * MIN + 10 * SEC);
    expect(currentTurn(s)?.elapsedMs).toBe(40 * SEC);
  });

  it('stores a 50,000-character answer intact', () => {
    const long = Array.from({ length: 50_000 }, (_, i) => 'abcdefghij \n'[i % 12]).join('');
    expect(long).toHaveLength(50_000);
    const s = submitAnswer(atAnswering, long, SUBMITTED_AT);
    expect(currentTurn(s)?.answer).toBe(long);
    expect(s.messages.at(-1)?.text).toBe(long);
  });

  it('running over budget is allowed and recorded', () => {
    const end = STARTED_AT + 7 * MIN;
    expect(warningLevel(remaining(atAnswering.answer!, end))).toBe('over');
    const s = submitAnswer(atAnswering, 'A long answer.', end);
    const turn = currentTurn(s)!;
    expect(turn.status).toBe('answered');
    expect(turn.elapsedMs).toBe(7 * MIN);
    expect(turn.elapsedMs).toBeGreaterThan(turn.budgetMs);
  });
});

describe('applyDecision', () => {
  it('follow_up asks it, counts it and records what it probes', () => {
    const s = applyDecision(
      atDeciding,
      decision({ action: 'follow_up', followUp: 'What about failures?', probes: 'q1-a' }),
      LATER,
    );
    expect(s.phase).toBe('question');
    expect(s.index).toBe(0);
    expect(s.followUpsAsked).toBe(1);
    expect(s.revealedParts).toBe(1);
    expect(s.answer).toBeNull();
    expect(currentTurn(s)).toMatchObject({
      seq: 2,
      questionIndex: 0,
      questionId: 'q1',
      kind: 'follow_up',
      prompt: 'What about failures?',
      probes: 'q1-a',
      status: 'asked',
      askedAt: LATER,
    });
    expect(s.messages.at(-1)).toMatchObject({
      speaker: 'interviewer',
      kind: 'follow_up',
      text: 'What about failures?',
    });
  });

  it("a design round's follow-up records its phase, after the phase's transition line", () => {
    const designPhase = { id: 'api', startedAtMs: 4 * MIN };
    const s = applyDecision(
      atDeciding,
      decision({
        action: 'follow_up',
        followUp: 'What does the API look like?',
        transition: 'On to the API.',
        designPhase,
      }),
      LATER,
    );
    expect(currentTurn(s)).toMatchObject({ kind: 'follow_up', designPhase });
    expect(s.messages.slice(atDeciding.messages.length).map((m) => [m.kind, m.text])).toEqual([
      ['transition', 'On to the API.'],
      ['follow_up', 'What does the API look like?'],
    ]);
  });

  it('a follow-up with no text moves to the next question instead of ending the round', () => {
    const s = applyDecision(atDeciding, decision({ action: 'follow_up' }), LATER);
    expect(s.phase).toBe('question');
    expect(s.index).toBe(1);
    expect(currentTurn(s)).toMatchObject({ kind: 'question', questionId: 'q2' });
  });

  it('a follow-up without a probe records none', () => {
    const s = applyDecision(atDeciding, decision({ action: 'follow_up', followUp: 'How would you test it?' }), LATER);
    expect(currentTurn(s)).not.toHaveProperty('probes');
  });

  it.each([
    [5, 100 * SEC],
    [1, 60 * SEC],
    [9, 3 * MIN],
  ])('a follow-up on a %i-minute question gets a third of it, at least a minute', (minutes, budget) => {
    let s = begin(fresh([question('q', { answerMinutes: minutes })]), ASKED_AT);
    s = submitAnswer(s, 'answer', LATER);
    s = applyDecision(s, decision({ action: 'follow_up', followUp: 'More?' }), LATER);
    expect(currentTurn(s)?.budgetMs).toBe(budget);
  });

  it('revealsPart reveals the next coding part, and the next question starts from part one again', () => {
    const coding = { parts: ['Part 1', 'Part 2', 'Part 3'], starter: { javascript: 'js', python: 'py' } };
    let s = begin(fresh([question('c1', { coding }), question('c2', { coding })]), ASKED_AT);
    s = submitAnswer(s, 'part one done', LATER);
    s = applyDecision(s, decision({ action: 'follow_up', followUp: 'Part 2', revealsPart: true }), LATER);
    expect(s.revealedParts).toBe(2);
    expect(s.followUpsAsked).toBe(1);
    s = submitAnswer(s, 'part two done', LATER);
    s = applyDecision(s, decision({ action: 'next_question' }), LATER);
    expect(s.index).toBe(1);
    expect(s.revealedParts).toBe(1);
  });

  it('next_question moves on, resets follow-ups and says the transition first', () => {
    let s = applyDecision(atDeciding, decision({ action: 'follow_up', followUp: 'More?' }), LATER);
    s = submitAnswer(s, 'more', LATER + SEC);
    expect(s.followUpsAsked).toBe(1);
    const before = s.messages.length;
    s = applyDecision(s, decision({ action: 'next_question', transition: 'Okay, next.' }), LATER + 2 * SEC);
    expect(s.phase).toBe('question');
    expect(s.index).toBe(1);
    expect(s.followUpsAsked).toBe(0);
    expect(s.answer).toBeNull();
    expect(currentTurn(s)).toMatchObject({
      seq: 3,
      questionIndex: 1,
      questionId: 'q2',
      kind: 'question',
      prompt: 'Prompt for q2?',
      status: 'asked',
    });
    expect(s.messages.slice(before).map((m) => [m.kind, m.text])).toEqual([
      ['transition', 'Okay, next.'],
      ['question', 'Prompt for q2?'],
    ]);
  });

  it('next_question without a transition just asks', () => {
    const s = applyDecision(atDeciding, decision({ action: 'next_question' }), LATER);
    expect(s.messages.slice(atDeciding.messages.length).map((m) => m.kind)).toEqual(['question']);
  });

  it.each([
    [
      'next_question with a transition',
      decision({ action: 'next_question', transition: 'That was the last one. Questions for me?' }),
      'That was the last one. Questions for me?',
    ],
    [
      'wrap_up with a transition',
      decision({ action: 'wrap_up', transition: 'We are nearly out of time. Questions?' }),
      'We are nearly out of time. Questions?',
    ],
    [
      'wrap_up without one',
      decision({ action: 'wrap_up' }),
      "That's the end of my questions. Before we finish — do you have any questions for me?",
    ],
  ])('on the last question, %s wraps up', (_, d, text) => {
    let s = begin(fresh([question('only')]), ASKED_AT);
    s = startAnswer(s, STARTED_AT);
    s = submitAnswer(s, 'answer', SUBMITTED_AT);
    s = applyDecision(s, d, LATER);
    expect(s.phase).toBe('wrap_up');
    expect(s.index).toBe(0);
    expect(s.answer).toBeNull();
    expect(s.draft).toBe('');
    expect(s.turns).toHaveLength(1);
    expect(s.messages.at(-1)).toMatchObject({ speaker: 'interviewer', kind: 'wrap_up', text });
  });

  it('wrap_up ends the questions even when some are left', () => {
    const s = applyDecision(atDeciding, decision({ action: 'wrap_up', transition: 'Out of time.' }), LATER);
    expect(s.phase).toBe('wrap_up');
    expect(s.index).toBe(0);
    expect(s.round.runningSince).not.toBeNull();
  });
});

describe('repeatQuestion and clarify', () => {
  it.each([
    ['question', atQuestion],
    ['answering', atAnswering],
  ])('repeat in %s says the current prompt again without changing the phase', (_, from) => {
    const s = repeatQuestion(from, LATER);
    expect(s.phase).toBe(from.phase);
    expect(s.turns).toBe(from.turns);
    expect(s.messages.at(-1)).toMatchObject({
      speaker: 'interviewer',
      kind: 'repeat',
      text: 'Sure. Prompt for q1?',
      at: LATER,
    });
  });

  it('repeat during a follow-up repeats the follow-up', () => {
    const s = applyDecision(atDeciding, decision({ action: 'follow_up', followUp: 'And at 10x the load?' }), LATER);
    expect(repeatQuestion(s, LATER).messages.at(-1)?.text).toBe('Sure. And at 10x the load?');
  });

  it('clarify records the question and the reply', () => {
    const s = clarify(atAnswering, 'How many users?', 'Assume a million.', LATER);
    expect(s.phase).toBe('answering');
    expect(s.answer).toBe(atAnswering.answer);
    expect(s.messages.slice(-2)).toEqual([
      {
        id: atAnswering.messages.length + 1,
        speaker: 'candidate',
        kind: 'clarify_question',
        text: 'How many users?',
        at: LATER,
      },
      {
        id: atAnswering.messages.length + 2,
        speaker: 'interviewer',
        kind: 'clarify_answer',
        text: 'Assume a million.',
        at: LATER,
      },
    ]);
  });
});

describe('skip', () => {
  it('a middle question is recorded as skipped, with its time, and the next is asked', () => {
    const s = skip(atAnswering, STARTED_AT + 30 * SEC);
    expect(s.phase).toBe('question');
    expect(s.index).toBe(1);
    const skipped = s.turns[0];
    expect(skipped).toMatchObject({ status: 'skipped', answerEndedAt: STARTED_AT + 30 * SEC, elapsedMs: 30 * SEC });
    expect(skipped).not.toHaveProperty('answer');
    expect(currentTurn(s)).toMatchObject({ questionId: 'q2', status: 'asked' });
    expect(s.messages.slice(atAnswering.messages.length).map((m) => [m.speaker, m.kind])).toEqual([
      ['candidate', 'skip'],
      ['interviewer', 'transition'],
      ['interviewer', 'question'],
    ]);
  });

  it('skipping before starting to answer records no time', () => {
    const s = skip(atQuestion, LATER);
    expect(s.turns[0]).toMatchObject({ status: 'skipped', elapsedMs: 0 });
    expect(s.index).toBe(1);
  });

  it('skipping the last question wraps up', () => {
    let s = begin(fresh([question('a'), question('b')]), ASKED_AT);
    s = skip(s, LATER);
    expect(s.index).toBe(1);
    s = skip(startAnswer(s, LATER), LATER + 5 * SEC);
    expect(s.phase).toBe('wrap_up');
    expect(s.turns.map((t) => t.status)).toEqual(['skipped', 'skipped']);
    expect(s.messages.at(-1)?.kind).toBe('wrap_up');
  });
});

describe('skipFollowUp (design rounds)', () => {
  const onFollowUp = startAnswer(
    applyDecision(atDeciding, decision({ action: 'follow_up', followUp: 'And failures?' }), LATER),
    LATER + 5 * SEC,
  );

  it('records the follow-up as skipped with its time and waits for the interviewer, on the same question', () => {
    const s = skipFollowUp(onFollowUp, LATER + 35 * SEC);
    expect(s.phase).toBe('deciding');
    expect(s.index).toBe(0);
    expect(currentTurn(s)).toMatchObject({ kind: 'follow_up', status: 'skipped', elapsedMs: 30 * SEC });
    expect(s.answer?.runningSince).toBeNull();
    expect(s.messages.at(-1)).toMatchObject({ speaker: 'candidate', kind: 'skip' });
  });

  it('does nothing on a main question or while paused', () => {
    expect(skipFollowUp(atAnswering, LATER)).toBe(atAnswering);
    const paused = pause(onFollowUp, LATER + 6 * SEC);
    expect(skipFollowUp(paused, LATER + 7 * SEC)).toBe(paused);
  });
});

describe('pause and resume', () => {
  const PAUSE_AT = STARTED_AT + 30 * SEC;

  it('stops both clocks: a minute paused does not count', () => {
    const paused = pause(atAnswering, PAUSE_AT);
    expect(paused.paused).toBe(true);
    expect(paused.round.runningSince).toBeNull();
    expect(paused.answer?.runningSince).toBeNull();
    const roundAtPause = elapsed(paused.round, PAUSE_AT);
    const answerAtPause = elapsed(paused.answer!, PAUSE_AT);
    expect(answerAtPause).toBe(30 * SEC);
    expect(roundAtPause).toBe(34 * SEC);
    expect(elapsed(paused.round, PAUSE_AT + 60 * SEC)).toBe(roundAtPause);
    expect(elapsed(paused.answer!, PAUSE_AT + 60 * SEC)).toBe(answerAtPause);

    const resumed = resume(paused, PAUSE_AT + 60 * SEC);
    expect(resumed.paused).toBe(false);
    expect(elapsed(resumed.round, PAUSE_AT + 70 * SEC)).toBe(roundAtPause + 10 * SEC);
    expect(elapsed(resumed.answer!, PAUSE_AT + 70 * SEC)).toBe(answerAtPause + 10 * SEC);
    expect(currentTurn(submitAnswer(resumed, 'done', PAUSE_AT + 70 * SEC))?.elapsedMs).toBe(40 * SEC);
  });

  it('resuming outside the answering phase leaves the stopped answer clock stopped', () => {
    const resumed = resume(pause(atDeciding, LATER), LATER + MIN);
    expect(resumed.answer).toEqual(atDeciding.answer);
    expect(resumed.round.runningSince).toBe(LATER + MIN);
  });

  it('resuming in the question phase starts no answer clock', () => {
    const resumed = resume(pause(atQuestion, LATER), LATER + MIN);
    expect(resumed.answer).toBeNull();
    expect(resumed.phase).toBe('question');
  });

  it.each(
    PAUSED.flatMap((p) =>
      Object.keys(TRANSITIONS)
        .filter((t) => !['resume', 'finish', 'recoverAfterCrash'].includes(t))
        .map((t) => [t, p] as [string, StateName]),
    ),
  )('while paused, %s in %s is ignored', (name, stateName) => {
    const state = STATES[stateName];
    expect(TRANSITIONS[name]?.(state)).toBe(state);
  });

  it('finish while paused ends the round with the time as it was at the pause', () => {
    const paused = pause(atAnswering, PAUSE_AT);
    const s = finish(paused, PAUSE_AT + 10 * MIN);
    expect(s).toMatchObject({ phase: 'summary', paused: false });
    expect(s.round.elapsedMs).toBe(34 * SEC);
  });
});

describe('askInterviewer', () => {
  it('in the wrap-up, records the question and the answer', () => {
    const s = askInterviewer(atWrapUp, 'What is the on-call like?', 'One week in six.', LATER);
    expect(s.phase).toBe('wrap_up');
    expect(s.messages.slice(-2).map((m) => [m.speaker, m.kind, m.text])).toEqual([
      ['candidate', 'candidate_question', 'What is the on-call like?'],
      ['interviewer', 'candidate_answer', 'One week in six.'],
    ]);
  });
});

describe('finish', () => {
  it('from answering keeps the draft on the skipped turn and stops the clocks', () => {
    const draft = setDraft(atAnswering, 'I would start with a hash map', STARTED_AT + 20 * SEC);
    const end = STARTED_AT + 40 * SEC;
    const s = finish(draft, end);
    expect(s.phase).toBe('summary');
    expect(s.paused).toBe(false);
    expect(s.round).toEqual({ budgetMs: 30 * MIN, elapsedMs: end - ASKED_AT, runningSince: null });
    expect(s.answer).toEqual({ budgetMs: 5 * MIN, elapsedMs: 40 * SEC, runningSince: null });
    expect(currentTurn(s)).toMatchObject({
      status: 'skipped',
      answer: 'I would start with a hash map',
      answerEndedAt: end,
      elapsedMs: 40 * SEC,
    });
    expect(s.messages.at(-1)).toMatchObject({ speaker: 'interviewer', kind: 'closing', text: CLOSING });
    expect(elapsed(s.round, end + 60 * MIN)).toBe(end - ASKED_AT);
  });

  it('a blank draft is not kept as an answer', () => {
    const s = finish(setDraft(atAnswering, '  \n ', LATER), LATER);
    expect(currentTurn(s)?.status).toBe('skipped');
    expect(currentTurn(s)).not.toHaveProperty('answer');
  });

  it('from the question phase marks the unanswered question skipped', () => {
    const s = finish(atQuestion, LATER);
    expect(currentTurn(s)).toMatchObject({ status: 'skipped', elapsedMs: 0 });
  });

  it('leaves answered turns alone', () => {
    const s = finish(atDeciding, LATER);
    expect(s.phase).toBe('summary');
    expect(currentTurn(s)).toBe(currentTurn(atDeciding));
    expect(currentTurn(s)?.status).toBe('answered');
  });

  it('from the intro ends with no turns', () => {
    const s = finish(atIntro, LATER);
    expect(s.phase).toBe('summary');
    expect(s.turns).toEqual([]);
  });
});

describe('recoverAfterCrash', () => {
  it.each([
    ['question', atQuestion],
    ['answering', atAnswering],
    ['deciding', atDeciding],
    ['wrap_up', atWrapUp],
  ])('in %s: running clocks are stopped at their last checkpoint and the session is paused', (_, from) => {
    const saved = checkpoint(setDraft(from, from.phase === 'answering' ? 'my draft' : from.draft, LATER), LATER);
    const s = recoverAfterCrash(saved);
    expect(s.paused).toBe(true);
    expect(s.phase).toBe(from.phase);
    expect(s.round.runningSince).toBeNull();
    expect(s.round.elapsedMs).toBe(saved.round.elapsedMs);
    expect(s.answer?.runningSince ?? null).toBeNull();
    expect(s.answer?.elapsedMs).toBe(saved.answer?.elapsedMs);
    expect(s.draft).toBe(saved.draft);
    // Hours later nothing has been counted.
    expect(elapsed(s.round, LATER + 5 * 60 * MIN)).toBe(saved.round.elapsedMs);
  });

  it('an answering session comes back with its draft and its answer time', () => {
    const saved = setDraft(atAnswering, 'my draft', STARTED_AT + 20 * SEC);
    const s = resume(recoverAfterCrash(saved), LATER + 60 * MIN);
    expect(s.draft).toBe('my draft');
    expect(elapsed(s.answer!, LATER + 60 * MIN + 10 * SEC)).toBe(30 * SEC);
  });
});

describe('workspace questions', () => {
  const exerciseQuestion = (): PlannedQuestion => ({
    ...question('ws'),
    exercise: {
      questionId: 'ws',
      shape: 'parts',
      starter: { javascript: '', typescript: '', python: '' },
      ownTests: { javascript: '', typescript: '', python: '' },
      languages: ['javascript'],
      parts: [0, 1].map((index) => ({
        index,
        title: `Part title ${index + 1}`,
        statement: `Do thing ${index + 1}.`,
        functionName: 'f',
        tests: [],
        hidden: [],
        regression: true,
      })),
    },
  });

  it('revealing a part is a message, not a follow-up: the follow-up count and the turn stay', () => {
    let s = begin(
      createState({ questions: [exerciseQuestion()], intro: 'Hi', roundMinutes: 60, maxFollowUps: 1, now: T0 }),
      T0,
    );
    const turns = s.turns.length;
    s = revealPart(s, T0 + 1000);
    expect(s.revealedParts).toBe(2);
    expect(s.followUpsAsked).toBe(0);
    expect(s.turns).toHaveLength(turns);
    expect(s.messages.at(-1)).toMatchObject({ kind: 'part', text: 'Part 2: Part title 2. Do thing 2.' });
    // No third part: nothing happens.
    expect(revealPart(s, T0 + 2000)).toBe(s);
  });

  it('an uncounted follow-up keeps the question open without using up the limit', () => {
    let s = begin(
      createState({ questions: [exerciseQuestion()], intro: 'Hi', roundMinutes: 60, maxFollowUps: 1, now: T0 }),
      T0,
    );
    s = submitAnswer(s, 'I will use a map.', T0 + 1000);
    s = applyDecision(s, decision({ action: 'follow_up', followUp: 'Keep going.', uncounted: true }), T0 + 2000);
    expect(s.followUpsAsked).toBe(0);
    expect(s.phase).toBe('question');
  });

  it('finishing the problem keeps the open turn as answered and moves on', () => {
    let s = begin(
      createState({ questions: [exerciseQuestion()], intro: 'Hi', roundMinutes: 60, maxFollowUps: 1, now: T0 }),
      T0,
    );
    s = setDraft(s, 'It is linear.', T0 + 500);
    s = finishProblem(s, 'Thanks.', T0 + 1000);
    expect(s.phase).toBe('wrap_up');
    expect(s.turns.at(-1)).toMatchObject({ status: 'answered', answer: 'It is linear.' });
  });
});
