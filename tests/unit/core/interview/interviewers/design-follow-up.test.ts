import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DesignNotes } from '../../../../../main/contract/services/board.js';
import { describeScene } from '../../../../../main/core/board/describe.js';
import { parsePack } from '../../../../../main/core/content/parse-pack.js';
import { currentPhase, designFollowUp } from '../../../../../main/core/interview/interviewers/design-follow-up.js';
import { answerMessage } from '../../../../../main/core/interview/interviewers/llm/prompts.js';
import type { BoardLook, DecisionContext } from '../../../../../main/core/interview/interviewers/types.js';
import { smallDesign } from '../../board/scenes.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const role = parsePack(readFileSync(join(repo, 'content/roles/stripe-backend-engineer.yaml')), 'stripe').role!;
const round = role.rounds.find((r) => r.kind === 'system_design')!;
const question = round.questions.find((q) => q.id === 'stripe-be-sd-payments-api')!;
const NOTES: DesignNotes = { requirements: '', api: '', dataModel: '', estimates: '', tradeOffs: '' };
const MIN = 60_000;

function look(notes = NOTES): BoardLook {
  const d = describeScene(smallDesign());
  if (!d.ok) throw new Error(d.error);
  return { description: d.value, text: 'board text', update: 'board update', notes };
}

function context(patch: Partial<DecisionContext>): DecisionContext {
  return {
    role,
    round,
    question,
    answers: ['We need card payments; refunds are out of scope.'],
    askedFollowUps: [],
    followUpsAsked: 0,
    maxFollowUps: 2,
    revealedParts: 1,
    roundRemainingMs: 50 * MIN,
    questionsLeft: 0,
    nextQuestionMinutes: null,
    roundElapsedMs: 2 * MIN,
    ...patch,
  };
}

describe('phases of the design round', () => {
  it('follow the time boxes, staying in the last one past the end', () => {
    const phases = round.phases!;
    expect(currentPhase(phases, 0)?.id).toBe('requirements');
    expect(currentPhase(phases, 6 * MIN)?.id).toBe('api');
    expect(currentPhase(phases, 35 * MIN)?.id).toBe('deep-dives');
    expect(currentPhase(phases, 500 * MIN)?.id).toBe('failure-modes');
  });
});

describe('the scripted design follow-up', () => {
  it('asks about the first gap of the current phase, naming a component from the board', () => {
    expect(designFollowUp(context({ board: look() }))).toEqual({
      checklistId: 'estimates',
      followUp: 'How much load does Postgres primary take at peak, in rough numbers, and is one of it enough?',
    });
  });

  it('asks the plain question without a board, and moves past what the notes already cover', () => {
    expect(designFollowUp(context({}))?.followUp).toMatch(/^Can you put rough numbers on this/);
    const noted = look({ ...NOTES, estimates: 'About 5,000 payments per second at peak' });
    // "Payments API" on the board mentions the API, so the API phase's first gap is idempotency.
    expect(designFollowUp(context({ board: noted }))?.checklistId).toBe('idempotency');
  });

  it('never repeats a follow-up it already asked; in the failure-modes phase it asks about failures', () => {
    const asked = 'How much load does Postgres primary take at peak, in rough numbers, and is one of it enough?';
    expect(designFollowUp(context({ board: look(), askedFollowUps: [asked] }))?.checklistId).toBe('idempotency');
    expect(designFollowUp(context({ board: look(), roundElapsedMs: 50 * MIN }))).toEqual({
      checklistId: 'failure-handling',
      followUp: 'What happens to requests when Postgres primary is slow or unavailable?',
    });
  });
});

describe("the LLM interviewer's turn", () => {
  it('carries what changed on the board and the notes', () => {
    const message = answerMessage(
      context({ board: look({ ...NOTES, api: 'POST /v1/payments' }), answers: ['Here is my design.'] }),
      true,
    );
    expect(message).toContain("The candidate's whiteboard (you may ask about what is on it):\nboard update");
    expect(message).toContain('Their notes:\nAPI: POST /v1/payments');
  });
});
