import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DesignNotes } from '../../../../../main/contract/services/board.js';
import { describeScene } from '../../../../../main/core/board/describe.js';
import { parsePack } from '../../../../../main/core/content/parse-pack.js';
import {
  currentPhase,
  designFollowUp,
  itemAsked,
  LAST_OPEN_PROMPT,
} from '../../../../../main/core/interview/interviewers/design-follow-up.js';
import { answerMessage, phaseLine, systemPrompt } from '../../../../../main/core/interview/interviewers/llm/prompts.js';
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
      designPhase: { id: 'requirements', startedAtMs: 0 },
    });
  });

  it('asks the plain question without a board, and moves past what the notes already cover', () => {
    expect(designFollowUp(context({}))?.followUp).toMatch(/^Can you put rough numbers on this/);
    const noted = look({ ...NOTES, estimates: 'About 5,000 payments per second at peak' });
    // Requirements and estimates are covered, so the API phase starts now (2 minutes in), and
    // "Payments API" on the board mentions the API, so its first gap is idempotency.
    const next = designFollowUp(context({ board: noted }));
    expect(next).toMatchObject({ checklistId: 'idempotency', designPhase: { id: 'api', startedAtMs: 2 * MIN } });
    expect(next?.transition).toBe(round.phases![1]!.intro);
  });

  it('never repeats a follow-up it already asked; in the failure-modes phase it asks about failures', () => {
    const asked = 'How much load does Postgres primary take at peak, in rough numbers, and is one of it enough?';
    // Requirements are mentioned and estimates asked: the requirements phase is done.
    expect(designFollowUp(context({ board: look(), askedFollowUps: [asked] }))?.checklistId).toBe('idempotency');
    expect(designFollowUp(context({ board: look(), roundElapsedMs: 50 * MIN }))).toEqual({
      checklistId: 'failure-handling',
      followUp: 'What happens to requests when Postgres primary is slow or unavailable?',
      designPhase: { id: 'failure-modes', startedAtMs: 46 * MIN },
      transition: `Let's leave that there so we have time for the rest. ${round.phases![5]!.intro}`,
    });
  });

  it('stays in the phase it recorded until that phase is done or its box is used, without a new transition', () => {
    const mark = { id: 'api', startedAtMs: 3 * MIN };
    const same = designFollowUp(context({ designPhase: mark, roundElapsedMs: 5 * MIN }));
    expect(same).toMatchObject({ checklistId: 'api', designPhase: mark });
    expect(same?.transition).toBeUndefined();
    // Eight minutes after it started the API box is used: on to the data model.
    const moved = designFollowUp(context({ designPhase: mark, roundElapsedMs: 11 * MIN }));
    expect(moved).toMatchObject({
      checklistId: 'data-model',
      designPhase: { id: 'data-model', startedAtMs: 11 * MIN },
    });
    expect(moved?.transition).toMatch(/^Let's leave that there so we have time for the rest\. /);
  });

  it('knows an item was asked about whichever component its template named', () => {
    const failures = round.checklist!.find((c) => c.id === 'failure-handling')!;
    expect(itemAsked(failures, ['What happens to requests when Redis cache is slow or unavailable?'])).toBe(true);
    expect(itemAsked(failures, [failures.ask!])).toBe(true);
    expect(itemAsked(failures, ['What happens next?'])).toBe(false);
  });

  it("when every checklist item is done: the question's own probes, then the phases' open prompts, then one last question, then nothing", () => {
    const allItems = round.checklist!.map((c) => c.ask!);
    const last = round.phases!.at(-1)!;
    let askedFollowUps = [...allItems];
    const said: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const next = designFollowUp(context({ askedFollowUps, roundElapsedMs: 50 * MIN }));
      if (!next) break;
      expect(next.designPhase).toEqual({ id: last.id, startedAtMs: 46 * MIN });
      said.push(next.followUp);
      askedFollowUps = [...askedFollowUps, next.followUp];
    }
    const own = question.followUps.map((f) => f.prompt);
    const prompts = [...(last.prompts ?? []), ...round.phases!.slice(0, -1).flatMap((p) => p.prompts ?? [])];
    expect(prompts.length).toBeGreaterThan(0);
    expect(said).toEqual([...said.slice(0, own.length), ...prompts, LAST_OPEN_PROMPT]);
    expect(new Set(said.slice(0, own.length))).toEqual(new Set(own));
  });

  it("stays in the deep-dives phase for the question's own follow-ups once its checklist items are asked", () => {
    const deep = round.phases!.find((p) => p.questionFollowUps)!;
    const at = round.phases!.slice(0, round.phases!.indexOf(deep)).reduce((sum, p) => sum + p.minutes, 0);
    const allItems = round.checklist!.map((c) => c.ask!);
    const next = designFollowUp(context({ askedFollowUps: allItems, roundElapsedMs: (at + 1) * MIN }));
    expect(next?.designPhase).toEqual({ id: deep.id, startedAtMs: at * MIN });
    expect(question.followUps.map((f) => f.prompt)).toContain(next?.followUp);
    // Without them it would have moved on to the next phase at once.
    const plain = { ...round, phases: round.phases!.map((p) => ({ ...p, questionFollowUps: false })) };
    const moved = designFollowUp(context({ round: plain, askedFollowUps: allItems, roundElapsedMs: (at + 1) * MIN }));
    expect(moved?.designPhase?.id).toBe(round.phases!.at(-1)!.id);
  });
});

describe("the LLM interviewer's turn", () => {
  it('knows the plan of the round, the round time and the current phase with its gaps', () => {
    const system = systemPrompt(role, round);
    expect(system).toContain(
      'phase by phase: Requirements (6 min), API (8 min), Data model (8 min), High-level design (12 min), Deep dives (12 min), Failure modes (8 min).',
    );
    expect(system).toMatch(/the wrap-up comes when the clock says so/);
    const message = answerMessage(context({ roundElapsedMs: 15.5 * MIN, roundRemainingMs: 44.5 * MIN }), false);
    expect(message).toContain('Ask follow-ups on it phase by phase until the round time is up.');
    expect(message).not.toMatch(/You may ask up to/);
    // Last, after the answer: the pre-evaluated draft stays a prefix.
    expect(
      message.endsWith(
        [
          'Round time: 15 minutes used, about 45 minutes left.',
          'Current phase: Data model (3 of 6, time box 8 minutes).',
          'Not yet covered in this phase: Proposed a data model, keys and indexes; Chose consistency guarantees deliberately.',
        ].join('\n'),
      ),
    ).toBe(true);
  });

  it('says nothing of phases in a round without them', () => {
    const plain = { ...round, phases: undefined };
    expect(phaseLine({ ...context({ round: plain }), roundRemainingMs: MIN })).toBe('');
    expect(answerMessage(context({ round: plain }), false)).toContain('You may ask up to 2 follow-ups on it.');
  });

  it('carries what changed on the board and the notes', () => {
    const message = answerMessage(
      context({ board: look({ ...NOTES, api: 'POST /v1/payments' }), answers: ['Here is my design.'] }),
      true,
    );
    expect(message).toContain("The candidate's whiteboard (you may ask about what is on it):\nboard update");
    expect(message).toContain('Their notes:\nAPI: POST /v1/payments');
  });
});
