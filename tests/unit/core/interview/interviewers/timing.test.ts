import { describe, expect, it } from 'vitest';
import type { DesignPhase, Round } from '../../../../../content/schema.js';
import { advancePhase, phaseAtMark } from '../../../../../main/core/interview/interviewers/design-phases.js';
import { wrapUpLine } from '../../../../../main/core/interview/interviewers/scripted.js';
import {
  allowedActions,
  timeLeftWords,
  WRAP_UP_RESERVE_MS,
} from '../../../../../main/core/interview/interviewers/timing.js';
import type { DecisionContext, PhaseMark } from '../../../../../main/core/interview/interviewers/types.js';
import { validRole } from '../../content/fixtures/valid-pack.js';

const MIN = 60_000;

/** Six phases, 6+8+8+12+12+8 = 54 minutes, like a 60-minute design round. */
const PHASES: DesignPhase[] = [
  { id: 'requirements', title: 'Requirements', minutes: 6, checklist: ['requirements'] },
  { id: 'api', title: 'API', minutes: 8, checklist: ['api'] },
  { id: 'data-model', title: 'Data model', minutes: 8, checklist: ['data-model'] },
  { id: 'high-level', title: 'High-level design', minutes: 12, checklist: ['trade-offs'] },
  { id: 'deep-dives', title: 'Deep dives', minutes: 12, checklist: ['consistency'] },
  { id: 'failure-modes', title: 'Failure modes', minutes: 8, checklist: ['failure-handling'] },
];

const done =
  (...ids: string[]) =>
  (phase: DesignPhase) =>
    phase.checklist.every((id) => ids.includes(id));

describe('advancePhase (the round clock and the phase items)', () => {
  it.each([
    // [round minutes used, last mark, phases with nothing left to ask, expected phase, started at (min), moved by]
    [0, undefined, [], 'requirements', 0, null],
    [5.9, undefined, [], 'requirements', 0, null],
    [6, undefined, [], 'api', 6, 'time'],
    [20, undefined, [], 'data-model', 14, 'time'],
    // A slow start does not push the plan back: at 35 minutes the plan is in deep dives.
    [35, undefined, [], 'deep-dives', 34, 'time'],
    [53.9, undefined, [], 'failure-modes', 46, 'time'],
    // The last phase goes on until the wrap-up, however long.
    [500, undefined, [], 'failure-modes', 46, 'time'],
    // Nothing left to ask: the next phase starts now, not when the box would have ended.
    [3, undefined, ['requirements'], 'api', 3, 'done'],
    [3, undefined, ['requirements', 'api'], 'data-model', 3, 'done'],
    // Every phase done: the last one.
    [
      3,
      undefined,
      ['requirements', 'api', 'data-model', 'trade-offs', 'consistency', 'failure-handling'],
      'failure-modes',
      3,
      'done',
    ],
    // From a mark: the phase entered early keeps its own box from when it started.
    [10, { id: 'api', startedAtMs: 3 * MIN }, [], 'api', 3, null],
    [11, { id: 'api', startedAtMs: 3 * MIN }, [], 'data-model', 11, 'time'],
    [11, { id: 'api', startedAtMs: 3 * MIN }, ['data-model'], 'high-level', 11, 'time'],
    // A mark the pack no longer knows follows the plan from the start.
    [20, { id: 'gone', startedAtMs: 0 }, [], 'data-model', 14, 'time'],
  ] as [number, PhaseMark | undefined, string[], string, number, string | null][])(
    'at %s min from %o with %o done: %s (since %s min, by %s)',
    (used, mark, doneIds, phase, startedAt, movedBy) => {
      const position = advancePhase(PHASES, mark, used * MIN, done(...doneIds))!;
      expect(position.phase.id).toBe(phase);
      expect(position.startedAtMs).toBe(startedAt * MIN);
      expect(position.endsAtMs).toBe(startedAt * MIN + position.phase.minutes * MIN);
      expect(position.movedBy).toBe(movedBy);
    },
  );

  it('never moves backwards, and a round without phases has none', () => {
    const later = advancePhase(PHASES, { id: 'deep-dives', startedAtMs: 20 * MIN }, 21 * MIN)!;
    expect(later.phase.id).toBe('deep-dives');
    expect(advancePhase([], undefined, 0)).toBeNull();
  });

  it('reads a recorded mark as it was, without the time since', () => {
    expect(phaseAtMark(PHASES, { id: 'api', startedAtMs: 4 * MIN })).toMatchObject({
      index: 1,
      startedAtMs: 4 * MIN,
    });
    expect(phaseAtMark(PHASES, undefined)?.phase.id).toBe('requirements');
  });
});

function context(round: Round, over: Partial<DecisionContext>): DecisionContext {
  return {
    role: validRole(),
    round,
    question: round.questions[0]!,
    answers: ['An answer.'],
    askedFollowUps: [],
    followUpsAsked: 0,
    maxFollowUps: 2,
    revealedParts: 1,
    roundRemainingMs: 30 * MIN,
    questionsLeft: 0,
    nextQuestionMinutes: null,
    ...over,
  };
}

describe('allowedActions', () => {
  const plain = validRole().rounds[1]!;
  const design: Round = { ...plain, phases: PHASES };

  it.each([
    // [phase-timed, remaining minutes, follow-ups asked, questions left, expected {followUp, nextQuestion, moveOn}]
    [false, 30, 0, 1, { followUp: true, nextQuestion: true, moveOn: true }],
    [false, 30, 2, 1, { followUp: false, nextQuestion: true, moveOn: true }],
    [false, 30, 2, 0, { followUp: false, nextQuestion: false, moveOn: true }],
    [false, 4, 0, 0, { followUp: false, nextQuestion: false, moveOn: true }],
    // A design round: follow-ups are not counted, and it goes on while the clock has room.
    [true, 50, 2, 0, { followUp: true, nextQuestion: false, moveOn: false }],
    [true, 50, 25, 0, { followUp: true, nextQuestion: false, moveOn: false }],
    [true, 5.01, 9, 0, { followUp: true, nextQuestion: false, moveOn: false }],
    // At the wrap-up reserve plus a follow-up's minimum, the clock calls the wrap-up.
    [true, 5, 9, 0, { followUp: false, nextQuestion: false, moveOn: true }],
    [true, -1, 9, 0, { followUp: false, nextQuestion: false, moveOn: true }],
  ] as [boolean, number, number, number, object][])(
    'phase-timed %s, %s min left, %i follow-ups asked, %i questions left: %o',
    (timed, minutes, followUpsAsked, questionsLeft, expected) => {
      const round = timed ? design : plain;
      const actions = allowedActions(
        context(round, {
          roundRemainingMs: minutes * MIN,
          followUpsAsked,
          questionsLeft,
          nextQuestionMinutes: questionsLeft ? 4 : null,
        }),
      );
      expect(actions).toEqual(expected);
    },
  );
});

describe('the time left, said as the clock has it', () => {
  it.each([
    [41 * MIN, 'about 41 minutes'],
    [59 * MIN + 10_000, 'about 59 minutes'],
    [4 * MIN + 20_000, 'about 4 minutes'],
    [90_000, 'about 2 minutes'],
    [70_000, 'about a minute'],
    [29_000, 'less than a minute'],
  ])('%i ms: %s', (ms, words) => {
    expect(timeLeftWords(ms)).toBe(words);
  });

  it.each([
    [
      41 * MIN,
      /^That's everything I wanted to ask, and we still have about 41 minutes\. Do you have any questions for me\?$/,
    ],
    [WRAP_UP_RESERVE_MS + 2 * MIN, /about 5 minutes left/],
    [4 * MIN, /about 4 minutes left/],
    [0, /^We're at time/],
  ])('a wrap-up with %i ms left never says "a few minutes": %s', (ms, line) => {
    const said = wrapUpLine({ roundRemainingMs: ms, followUpsAsked: 0, questionsLeft: 0 });
    expect(said).toMatch(line);
    expect(said).not.toMatch(/a few minutes/);
  });
});
