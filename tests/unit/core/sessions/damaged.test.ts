/**
 * One session whose stored state is damaged (say `round: null`, from a bad import or a disk
 * error) must not take History down: the list, the progress chart, the attempts view and the
 * export leave it out and name it; opening it says what is wrong.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressView, QuestionAttempts, SessionPage } from '../../../../main/contract/services/sessions.js';
import { call, failure, openTestData, seedSession, type TestData } from './helpers.js';

const T0 = Date.UTC(2025, 5, 1, 10, 0);
let data: TestData;

beforeEach(() => {
  data = openTestData('ir-damaged-');
  seedSession(data.db, { sessionId: 'good', createdAt: T0, answers: ['We listened to users.'] });
  seedSession(data.db, { sessionId: 'bad', createdAt: T0 + 1000, answers: ['Built a prototype.'] });
  const state = JSON.parse(
    (data.db.prepare("SELECT state_json FROM rounds WHERE session_id = 'bad'").get() as { state_json: string })
      .state_json,
  ) as Record<string, unknown>;
  data.db
    .prepare("UPDATE rounds SET state_json = ? WHERE session_id = 'bad'")
    .run(JSON.stringify({ ...state, round: null }));
  // Nothing cached yet: figures are computed from the stored state.
  data.db.prepare('DELETE FROM session_stats').run();
});
afterEach(() => data.close());

const reason = expect.stringMatching(/^the interview state is damaged \(round: /);

describe('a damaged session', () => {
  it('is left out of the history list, which names it', async () => {
    const page = await call<SessionPage>(data.dispatch, 'list', {});
    expect(page.items.map((i) => i.sessionId)).toEqual(['good']);
    expect(page.damaged).toEqual([{ sessionId: 'bad', reason }]);
  });

  it('is left out of progress and attempts, which name it', async () => {
    const view = await call<ProgressView>(data.dispatch, 'progress', {});
    expect(view.points.map((p) => p.sessionId)).toEqual(['good']);
    expect(view.damaged).toEqual([{ sessionId: 'bad', reason }]);
    const attempts = await call<QuestionAttempts>(data.dispatch, 'attempts', { questionId: 'q1' });
    expect(attempts.attempts.map((a) => a.sessionId)).toEqual(['good']);
    expect(attempts.damaged).toEqual([{ sessionId: 'bad', reason }]);
  });

  it('is left out of an export (which an import would refuse), and named', async () => {
    const zip = await call<{ sessions: number; damaged?: unknown[] }>(data.dispatch, 'exportArchive');
    expect(zip.sessions).toBe(1);
    expect(zip.damaged).toEqual([{ sessionId: 'bad', reason }]);
  });

  it('opening it says what is wrong, with its id', async () => {
    const error = await failure(data.dispatch, 'detail', { sessionId: 'bad' });
    expect(error.code).toBe('DATA_DAMAGED');
    expect(error.message).toMatch(/^Session bad cannot be opened: the interview state is damaged \(round: /);
    expect((await call<{ sessionId: string }>(data.dispatch, 'detail', { sessionId: 'good' })).sessionId).toBe('good');
  });
});
