import { describe, expect, it } from 'vitest';
import { elapsed } from '../../../../main/core/interview/clock.js';
import {
  UNDO_WINDOW_MS,
  applyDecision,
  begin,
  canUndo,
  clarify,
  createState,
  currentTurn,
  finish,
  pause,
  repeatQuestion,
  resume,
  setDraft,
  skip,
  startAnswer,
  submitAnswer,
  undoAnswer,
  type EngineState,
  type PlannedQuestion,
} from '../../../../main/core/interview/engine.js';
import type { Decision } from '../../../../main/core/interview/interviewers/types.js';

const T0 = 1_700_000_000_000;
const SEC = 1_000;

function question(id: string): PlannedQuestion {
  return {
    id,
    prompt: `Prompt for ${id}?`,
    answerMinutes: 5,
    rubric: [{ id: `${id}-a`, point: 'Point a', why: 'Because', signals: ['signal a'] }],
    followUps: [{ prompt: `Follow-up for ${id}?` }],
    outline: ['Outline'],
    pitfalls: ['Pitfall'],
  };
}

const decision = (d: Omit<Decision, 'coveredRubricIds'>): Decision => ({ coveredRubricIds: [], ...d });
const ANSWER = 'function processCharges(requests) {';

const start = createState({
  questions: [question('q1'), question('q2')],
  intro: 'Hi.',
  roundMinutes: 30,
  maxFollowUps: 2,
  now: T0,
});
const answering = startAnswer(begin(start, T0 + SEC), T0 + 5 * SEC);
const typed = setDraft(answering, ANSWER, T0 + 20 * SEC);
const SUBMIT = T0 + 65 * SEC;
const deciding = submitAnswer(typed, ANSWER, SUBMIT);
const AFTER = SUBMIT + 2 * SEC;
const UNDO_AT = SUBMIT + 4 * SEC;

const decided = {
  'a follow-up': applyDecision(deciding, decision({ action: 'follow_up', followUp: 'Why?' }), AFTER),
  'the next question': applyDecision(deciding, decision({ action: 'next_question', transition: 'Next.' }), AFTER),
  'the wrap-up': applyDecision(deciding, decision({ action: 'wrap_up', transition: 'Thanks.' }), AFTER),
  'nothing yet (still deciding)': deciding,
} satisfies Record<string, EngineState>;

describe('undoAnswer', () => {
  it.each(Object.entries(decided))('after %s, one transition puts the answer back in the box', (_name, state) => {
    expect(canUndo(state, UNDO_AT)).toBe(true);
    const undone = undoAnswer(state, UNDO_AT);
    expect(undone.phase).toBe('answering');
    expect(undone.draft).toBe(ANSWER);
    expect(undone.undo).toBeUndefined();
    // The state is the one before "Done", with the answer clock running on from where it stopped.
    expect(undone.index).toBe(typed.index);
    expect(undone.followUpsAsked).toBe(typed.followUpsAsked);
    expect(undone.revealedParts).toBe(typed.revealedParts);
    expect(undone.turns).toEqual(typed.turns);
    expect(undone.messages).toEqual(typed.messages);
    expect(currentTurn(undone)).toMatchObject({ seq: 1, status: 'answering', answerStartedAt: T0 + 5 * SEC });
    expect(undone.answer).toEqual({ budgetMs: 5 * 60_000, elapsedMs: 60 * SEC, runningSince: UNDO_AT });
    // The round clock is not rewound: the seconds spent are real.
    expect(elapsed(undone.round, UNDO_AT)).toBe(elapsed(state.round, UNDO_AT));
  });

  it('an answer given straight from the question phase comes back as an answer under way', () => {
    const asked = begin(start, T0 + SEC);
    const quick = submitAnswer(asked, 'Quick.', T0 + 31 * SEC);
    const undone = undoAnswer(quick, T0 + 32 * SEC);
    expect(undone.phase).toBe('answering');
    expect(undone.draft).toBe('Quick.');
    expect(currentTurn(undone)).toMatchObject({ status: 'answering', answerStartedAt: T0 + SEC });
    expect(undone.answer?.elapsedMs).toBe(30 * SEC);
  });

  it('the answer can be edited and submitted again as the same turn', () => {
    const undone = undoAnswer(decided['a follow-up'], UNDO_AT);
    const again = submitAnswer(undone, `${ANSWER} return requests.map(charge); }`, UNDO_AT + 10 * SEC);
    expect(again.turns).toHaveLength(1);
    expect(currentTurn(again)).toMatchObject({ seq: 1, status: 'answered', elapsedMs: 70 * SEC });
    expect(again.messages.filter((m) => m.kind === 'answer')).toHaveLength(1);
    const next = applyDecision(again, decision({ action: 'follow_up', followUp: 'And errors?' }), UNDO_AT + 11 * SEC);
    expect(currentTurn(next)).toMatchObject({ seq: 2, prompt: 'And errors?' });
  });

  const refused: [string, EngineState, number][] = [
    ['after the window', decided['a follow-up'], SUBMIT + UNDO_WINDOW_MS + 1],
    ['while paused', pause(decided['a follow-up'], AFTER), UNDO_AT],
    ['once the next answer has started', startAnswer(decided['a follow-up'], AFTER + 1), UNDO_AT],
    ['after a clarifying question', clarify(decided['a follow-up'], 'Which?', 'That one.', AFTER + 1), UNDO_AT],
    ['after a skip', skip(decided['a follow-up'], AFTER + 1), UNDO_AT],
    ['after the round ended', finish(decided['the wrap-up'], AFTER + 1), UNDO_AT],
    ['before any answer', answering, UNDO_AT],
    ['after a second answer (only the last one)', undoAnswer(decided['a follow-up'], UNDO_AT), UNDO_AT + 1],
  ];
  it.each(refused)('does nothing %s (the same state object back)', (_name, state, at) => {
    expect(canUndo(state, at)).toBe(false);
    expect(undoAnswer(state, at)).toBe(state);
  });

  it('a repeated question from the interviewer does not block it, and a resumed pause allows it again', () => {
    const repeated = repeatQuestion(decided['a follow-up'], AFTER + 1);
    expect(undoAnswer(repeated, UNDO_AT).phase).toBe('answering');
    const resumed = resume(pause(decided['a follow-up'], AFTER), AFTER + 1);
    expect(undoAnswer(resumed, UNDO_AT).draft).toBe(ANSWER);
  });

  it('never mutates the state it is given', () => {
    const state = decided['the next question'];
    const copy = structuredClone(state);
    undoAnswer(state, UNDO_AT);
    expect(state).toEqual(copy);
  });
});
