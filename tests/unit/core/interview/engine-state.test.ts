/**
 * The stored interview state, one test per format version (like the database migrations): a
 * state as each version of the app wrote it decodes; damaged ones are refused with a reason.
 */
import { describe, expect, it } from 'vitest';
import { decodeEngineState, encodeEngineState } from '../../../../main/core/interview/engine-state.js';
import * as engine from '../../../../main/core/interview/engine.js';
import { question } from '../sessions/helpers.js';

/** A round as version 1 of the engine leaves it: asked, answered, followed by a second question. */
function versionOneState(): engine.EngineState {
  let state = engine.createState({
    questions: [question('q1'), question('q2')],
    intro: 'Welcome.',
    roundMinutes: 30,
    maxFollowUps: 1,
    now: 1000,
  });
  state = engine.begin(state, 2000);
  state = engine.startAnswer(state, 3000);
  state = engine.submitAnswer(state, 'I listened, then built a prototype.', 4000);
  return engine.pause(state, 5000);
}

describe('decodeEngineState', () => {
  it('version 1: decodes what the engine writes, unchanged', () => {
    const state = versionOneState();
    const decoded = decodeEngineState(encodeEngineState(state));
    expect(decoded).toEqual({ ok: true, state });
  });

  it("version 1: a stored text fixture still decodes (the format on disk, not just today's encoder)", () => {
    const stored =
      '{"v":1,"phase":"question","paused":false,"questions":[{"id":"q","prompt":"P","answerMinutes":4,' +
      '"rubric":[{"id":"a","point":"A","why":"W","signals":["s"]}],"followUps":[],"outline":["o"],"pitfalls":["p"]}],' +
      '"index":0,"followUpsAsked":0,"maxFollowUps":2,"revealedParts":1,' +
      '"round":{"budgetMs":1800000,"elapsedMs":0,"runningSince":10},"answer":null,"draft":"",' +
      '"turns":[{"seq":1,"questionIndex":0,"questionId":"q","kind":"question","prompt":"P","status":"asked",' +
      '"budgetMs":240000,"askedAt":10,"elapsedMs":0}],' +
      '"messages":[{"id":1,"speaker":"interviewer","kind":"intro","text":"Hi","at":10}]}';
    const decoded = decodeEngineState(stored);
    expect(decoded.ok && decoded.state.turns[0]?.questionId).toBe('q');
  });

  it("version 1: a design round's follow-up keeps its phase; a damaged phase mark is refused", () => {
    const asked = engine.applyDecision(
      engine.resume(versionOneState(), 5500),
      {
        action: 'follow_up',
        followUp: 'And the API?',
        designPhase: { id: 'api', startedAtMs: 60_000 },
        coveredRubricIds: [],
      },
      6000,
    );
    expect(decodeEngineState(encodeEngineState(asked))).toEqual({ ok: true, state: asked });
    const damaged = JSON.parse(encodeEngineState(asked)) as { turns: { designPhase?: unknown }[] };
    damaged.turns.at(-1)!.designPhase = { id: 'api' };
    expect(decodeEngineState(JSON.stringify(damaged))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/designPhase\.startedAtMs/),
    });
  });

  it('keeps fields it does not know (a newer build may have added them)', () => {
    const state = { ...versionOneState(), workspace: { files: { 'a.js': 'x' } } };
    const decoded = decodeEngineState(JSON.stringify(state));
    expect(decoded.ok && (decoded.state as unknown as typeof state).workspace).toEqual({ files: { 'a.js': 'x' } });
  });

  it.each([
    ['round: null', (s: Record<string, unknown>) => ({ ...s, round: null }), /round: .*expected object/i],
    ['no turns', (s: Record<string, unknown>) => ({ ...s, turns: undefined }), /turns: /],
    [
      'a turn with a negative question index',
      (s: Record<string, unknown>) => ({ ...s, turns: [{ ...(s.turns as object[])[0], questionIndex: -1 }] }),
      /turns\.0\.questionIndex/,
    ],
    ['an unknown phase', (s: Record<string, unknown>) => ({ ...s, phase: 'lunch' }), /phase: /],
    [
      'a message of an unknown kind',
      (s: Record<string, unknown>) => ({
        ...s,
        messages: [{ id: 1, speaker: 'interviewer', kind: 'joke', text: 'x', at: 1 }],
      }),
      /messages\.0\.kind/,
    ],
  ])('refuses %s, saying where', (_label, damage, reason) => {
    const damaged = damage(versionOneState() as unknown as Record<string, unknown>);
    const decoded = decodeEngineState(JSON.stringify(damaged));
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toMatch(/^the interview state is damaged \(/);
    expect(!decoded.ok && decoded.reason).toMatch(reason);
  });

  it('refuses text that is not JSON, a missing version and a newer version', () => {
    expect(decodeEngineState('{"turns": ')).toEqual({ ok: false, reason: 'the interview state is not readable JSON' });
    expect(decodeEngineState('null')).toEqual({ ok: false, reason: 'the interview state has no known format version' });
    expect(decodeEngineState('{"v": 7}')).toEqual({
      ok: false,
      reason: 'the interview state was saved by a newer version of the app (format 7)',
    });
    expect(decodeEngineState(42)).toEqual({ ok: false, reason: 'the interview state is not text' });
  });
});
