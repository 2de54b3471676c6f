import { describe, expect, it } from 'vitest';
import { checkDecision } from '../../../../../main/core/interview/interviewers/llm-interviewer.js';
import { scriptedTransition } from '../../../../../main/core/interview/interviewers/scripted.js';
import type { DecisionContext } from '../../../../../main/core/interview/interviewers/types.js';
import { validRole } from '../../content/fixtures/valid-pack.js';

const MIN = 60_000;

function context(over: Partial<DecisionContext> = {}): DecisionContext {
  const role = validRole();
  const round = role.rounds[1]!;
  return {
    role,
    round,
    question: round.questions[0]!,
    answers: ['We disagreed about the schema.'],
    askedFollowUps: [],
    followUpsAsked: 0,
    maxFollowUps: 2,
    revealedParts: 1,
    roundRemainingMs: 30 * MIN,
    questionsLeft: 2,
    nextQuestionMinutes: 10,
    ...over,
  };
}

const ids = context().question.rubric.map((r) => r.id);

describe('checkDecision (the model held to the timing rules)', () => {
  it('keeps an allowed follow-up, tidying its whitespace', () => {
    expect(
      checkDecision(
        { action: 'follow_up', followUp: '  What did  you\nlearn? ', coveredRubricIds: [ids[0]!] },
        context(),
      ),
    ).toEqual({
      action: 'follow_up',
      followUp: 'What did you learn?',
      coveredRubricIds: [ids[0]],
    });
  });

  it('turns a follow-up beyond maxFollowUps into the next question', () => {
    const full = context({ followUpsAsked: 2 });
    const decision = checkDecision({ action: 'follow_up', followUp: 'And then?', coveredRubricIds: [] }, full);
    expect(decision.action).toBe('next_question');
    expect(decision.followUp).toBeUndefined();
    expect(decision.transition).toBe(scriptedTransition(full, 'next_question'));
  });

  it('turns an empty follow-up into moving on', () => {
    expect(checkDecision({ action: 'follow_up', followUp: '   ', coveredRubricIds: [] }, context()).action).toBe(
      'next_question',
    );
  });

  it('wraps up instead of starting a question there is no time for', () => {
    const decision = checkDecision(
      { action: 'next_question', coveredRubricIds: [] },
      context({ roundRemainingMs: 4 * MIN }),
    );
    expect(decision.action).toBe('wrap_up');
    expect(decision.transition).toMatch(/questions for me/);
  });

  it('wraps up after the last question, and a follow-up with no time left wraps up too', () => {
    expect(checkDecision({ action: 'next_question', coveredRubricIds: [] }, context({ questionsLeft: 0 })).action).toBe(
      'wrap_up',
    );
    expect(
      checkDecision(
        { action: 'follow_up', followUp: 'Why?', coveredRubricIds: [] },
        context({ roundRemainingMs: 2 * MIN }),
      ).action,
    ).toBe('wrap_up');
  });

  it('drops unknown and repeated rubric ids', () => {
    const decision = checkDecision(
      { action: 'next_question', coveredRubricIds: [ids[1]!, 'made-up', ids[1]!, ids[0]!] },
      context(),
    );
    expect(decision.coveredRubricIds).toEqual([ids[1], ids[0]]);
  });
});

describe('checkDecision in a phase-timed design round', () => {
  const plain = context().round;
  const round = {
    ...plain,
    checklist: [
      { id: 'api', label: 'Defined the API', signals: ['endpoint'], ask: 'What does the API look like?' },
      { id: 'failures', label: 'Covered failures', signals: ['retry'], ask: 'What happens when it fails?' },
    ],
    phases: [
      { id: 'api', title: 'API', minutes: 10, checklist: ['api'] },
      { id: 'failure-modes', title: 'Failure modes', minutes: 10, checklist: ['failures'] },
    ],
  };
  const design = (over: Partial<DecisionContext>) =>
    context({ round, questionsLeft: 0, nextQuestionMinutes: null, roundElapsedMs: 2 * MIN, ...over });

  it('keeps a follow-up beyond maxFollowUps and records the phase it was asked in', () => {
    expect(
      checkDecision(
        { action: 'follow_up', followUp: 'What does a client send?', coveredRubricIds: [] },
        design({ followUpsAsked: 7 }),
      ),
    ).toEqual({
      action: 'follow_up',
      followUp: 'What does a client send?',
      coveredRubricIds: [],
      designPhase: { id: 'api', startedAtMs: 0 },
    });
  });

  it('turns an early wrap-up into the scripted follow-up while the clock has room, keeping the model’s rubric ids', () => {
    const decision = checkDecision(
      { action: 'wrap_up', coveredRubricIds: [ids[0]!] },
      design({ roundRemainingMs: 40 * MIN }),
    );
    expect(decision).toMatchObject({
      action: 'follow_up',
      followUp: 'What does the API look like?',
      designPhase: { id: 'api', startedAtMs: 0 },
      coveredRubricIds: [ids[0]],
    });
  });

  it('wraps up when the clock says so, saying the time left truthfully', () => {
    const decision = checkDecision(
      { action: 'follow_up', followUp: 'One more?', coveredRubricIds: [] },
      design({ roundRemainingMs: 4 * MIN }),
    );
    expect(decision.action).toBe('wrap_up');
    expect(decision.transition).toMatch(/about 4 minutes left/);
  });
});
