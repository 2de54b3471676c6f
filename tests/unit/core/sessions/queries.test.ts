import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  HistoryFilters,
  ProgressView,
  QuestionAttempts,
  SessionDetail,
  SessionPage,
} from '../../../../main/contract/services/sessions.js';
import { STATS_VERSION } from '../../../../main/core/sessions/stats.js';
import { addRecording, call, failure, openTestData, question, seedSession, type TestData } from './helpers.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 10, 9, 0);

describe('history list and filters', () => {
  let data: TestData;
  beforeEach(() => {
    data = openTestData();
    // Five sessions over five days: two roles, two round kinds, one interrupted.
    seedSession(data.db, {
      sessionId: 'a',
      createdAt: T0,
      answers: [
        'I listened first, then built a prototype. The result: fewer tickets.',
        'I listened to the whole team.',
      ],
    });
    seedSession(data.db, {
      sessionId: 'b',
      createdAt: T0 + DAY,
      roundKind: 'system_design',
      roundTitle: 'System design',
      answers: ['A queue.'],
    });
    seedSession(data.db, {
      sessionId: 'c',
      createdAt: T0 + 2 * DAY,
      roleId: 'pm',
      roleTitle: 'Product Manager',
      company: 'Acme',
      answers: [null, 'We built a prototype.'],
    });
    seedSession(data.db, { sessionId: 'd', createdAt: T0 + 3 * DAY, answers: ['Half an answer'], unfinished: true });
    seedSession(data.db, {
      sessionId: 'e',
      createdAt: T0 + 4 * DAY,
      roleId: 'pm',
      roleTitle: 'Product Manager',
      company: 'Acme Corp',
      roundKind: 'system_design',
      roundTitle: 'System design',
      answers: ['x'],
    });
  });
  afterEach(() => data.close());

  const list = (input?: object) => call<SessionPage>(data.dispatch, 'list', input);
  const ids = async (input?: object) => (await list(input)).items.map((i) => i.sessionId);

  it('lists newest first with the figures of each session', async () => {
    const page = await list();
    expect(page.items.map((i) => i.sessionId)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(page.hasMore).toBe(false);
    const a = page.items.find((i) => i.sessionId === 'a');
    expect(a).toMatchObject({
      roleId: 'backend-engineer',
      roleTitle: 'Backend Engineer',
      roundKind: 'behavioral',
      status: 'completed',
      createdAt: T0,
      questionsAsked: 2,
      questionsAnswered: 2,
      hasAudio: false,
    });
    // Rule feedback gives no score: only a model's judgement fills it (next test).
    expect(a?.modelScorePct).toBeNull();
    // Two answers of 60 s each plus the steps around them.
    expect(a?.durationMs).toBeGreaterThanOrEqual(120_000);
    expect(a?.durationMs).toBeLessThan(200_000);
    const c = page.items.find((i) => i.sessionId === 'c');
    expect(c).toMatchObject({ company: 'Acme', questionsAsked: 2, questionsAnswered: 1, modelScorePct: null });
  });

  it('shows the model’s mean score for a session a model judged, and none for rule feedback', async () => {
    const insert = data.db.prepare(
      'INSERT INTO feedback (turn_id, round_id, source, body_json, created_at) VALUES (?, ?, ?, ?, 1)',
    );
    const judged = (scores: { dimension: string; score: number; max: number }[]) =>
      JSON.stringify({ v: 1, type: 'question', questionId: 'q', key: 'k', judgement: null, note: null, scores });
    // Two judged answers of session a: 3/4 and (4/5, 2/4) → mean of 75, 80, 50.
    insert.run('a:t1', null, 'llm', judged([{ dimension: 'clarity', score: 3, max: 4 }]));
    insert.run(
      'a:t2',
      null,
      'llm',
      judged([
        { dimension: 'clarity', score: 4, max: 5 },
        { dimension: 'structure', score: 2, max: 4 },
      ]),
    );
    // Rule feedback on b, shaped as if it had scores: still no score.
    insert.run(null, 'b:r1', 'rules', JSON.stringify({ scores: { structure: 3 } }));
    const page = await list();
    expect(page.items.map((i) => [i.sessionId, i.modelScorePct])).toEqual([
      ['e', null],
      ['d', null],
      ['c', null],
      ['b', null],
      ['a', 68],
    ]);
  });

  it('marks an interrupted session', async () => {
    const d = (await list()).items.find((i) => i.sessionId === 'd');
    expect(d?.status).toBe('in_progress');
    expect(d?.endedAt).toBeNull();
  });

  it('filters by role, round kind, status and date, and combines them', async () => {
    expect(await ids({ roleId: 'pm' })).toEqual(['e', 'c']);
    expect(await ids({ roundKind: 'system_design' })).toEqual(['e', 'b']);
    expect(await ids({ roleId: 'pm', roundKind: 'system_design' })).toEqual(['e']);
    expect(await ids({ status: 'in_progress' })).toEqual(['d']);
    expect(await ids({ from: T0 + DAY, to: T0 + 3 * DAY })).toEqual(['c', 'b']);
    expect(await ids({ roleId: 'nobody' })).toEqual([]);
  });

  it('sorts oldest first or by role', async () => {
    expect(await ids({ sort: 'oldest' })).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await ids({ sort: 'role' })).toEqual(['d', 'b', 'a', 'e', 'c']);
  });

  it('pages without counting everything', async () => {
    const first = await list({ limit: 2 });
    expect(first.items.map((i) => i.sessionId)).toEqual(['e', 'd']);
    expect(first.hasMore).toBe(true);
    const last = await list({ limit: 2, offset: 4 });
    expect(last.items.map((i) => i.sessionId)).toEqual(['a']);
    expect(last.hasMore).toBe(false);
  });

  it('says which sessions have a recording', async () => {
    addRecording(data.db, data.dir, 'b', 1, [{ startMs: 0, endMs: 900, text: 'A queue.' }]);
    const page = await list();
    expect(page.items.filter((i) => i.hasAudio).map((i) => i.sessionId)).toEqual(['b']);
  });

  it('offers the roles and round kinds present', async () => {
    const filters = await call<HistoryFilters>(data.dispatch, 'filters');
    expect(filters.roles).toEqual([
      { roleId: 'backend-engineer', roleTitle: 'Backend Engineer', company: null },
      { roleId: 'pm', roleTitle: 'Product Manager', company: 'Acme Corp' },
    ]);
    expect(filters.roundKinds).toEqual(['behavioral', 'system_design']);
    expect(filters.totalSessions).toBe(5);
  });

  it('caches each session’s figures and recomputes them when the session changes', async () => {
    await list();
    const cached = data.db.prepare('SELECT session_id, version FROM session_stats ORDER BY session_id').all();
    expect(cached).toEqual(['a', 'b', 'c', 'd', 'e'].map((id) => ({ session_id: id, version: STATS_VERSION })));
    const asked = async () => (await list()).items.find((i) => i.sessionId === 'a')?.questionsAsked;
    // A cache entry is used while it is current (a planted figure shows)…
    data.db
      .prepare(
        "UPDATE session_stats SET stats_json = json_set(stats_json, '$.questionsAsked', 9) WHERE session_id = 'a'",
      )
      .run();
    expect(await asked()).toBe(9);
    // …and not trusted once the session was saved since, or written by an older version.
    data.db.prepare("UPDATE sessions SET updated_at = updated_at + 1 WHERE id = 'a'").run();
    expect(await asked()).toBe(2);
    data.db
      .prepare(
        "UPDATE session_stats SET stats_json = json_set(stats_json, '$.questionsAsked', 9), version = version - 1 WHERE session_id = 'a'",
      )
      .run();
    expect(await asked()).toBe(2);
  });

  it('refuses bad filters', async () => {
    expect((await failure(data.dispatch, 'list', { limit: 1000 })).code).toBe('VALIDATION');
    expect((await failure(data.dispatch, 'list', { sort: 'random' })).code).toBe('VALIDATION');
  });
});

describe('session detail and notes', () => {
  let data: TestData;
  beforeEach(() => {
    data = openTestData();
    seedSession(data.db, { sessionId: 's', createdAt: T0, answers: ['I listened to everyone first.', null] });
  });
  afterEach(() => data.close());

  const detail = () => call<SessionDetail>(data.dispatch, 'detail', { sessionId: 's' });

  it('gives the conversation with each message’s turn, and the turns', async () => {
    const d = await detail();
    expect(d).toMatchObject({
      sessionId: 's',
      roleTitle: 'Backend Engineer',
      roundKind: 'behavioral',
      status: 'completed',
      notes: '',
    });
    expect(d.conversation.map((m) => `${m.kind}:${m.turnSeq ?? '-'}`)).toEqual([
      'intro:-',
      'question:1',
      'answer:1',
      'question:2',
      'skip:2',
      'wrap_up:-',
      'closing:-',
    ]);
    expect(d.conversation[1]).toMatchObject({ kind: 'question', turnSeq: 1, text: 'Tell me about q1.' });
    expect(d.turns.map((t) => [t.seq, t.status, t.answer])).toEqual([
      [1, 'answered', 'I listened to everyone first.'],
      [2, 'skipped', null],
    ]);
    expect(d.turns[0]?.elapsedMs).toBe(60_000);
    expect(d.summary.questions).toHaveLength(2);
    expect(d.feedback).toEqual([]);
    expect(d.modelScorePct).toBeNull();
  });

  it('shows a recording only while its file exists, and the transcript either way', async () => {
    const { file } = addRecording(data.db, data.dir, 's', 1, [
      { startMs: 1200, endMs: 2000, text: 'everyone first.' },
      { startMs: 0, endMs: 1200, text: 'I listened to' },
    ]);
    let d = await detail();
    expect(d.turns[0]?.recording).toMatchObject({ id: 'rec-s-1', available: true });
    expect(d.turns[0]?.segments.map((s) => s.startMs)).toEqual([0, 1200]);
    const audio = await call<{ mimeType: string; base64: string }>(data.dispatch, 'audio', { recordingId: 'rec-s-1' });
    expect(audio.mimeType).toBe('audio/wav');
    expect(Buffer.from(audio.base64, 'base64').subarray(0, 4).toString()).toBe('RIFF');

    (await import('node:fs')).rmSync(file);
    d = await detail();
    expect(d.turns[0]?.recording).toMatchObject({ available: false });
    expect(d.turns[0]?.segments).toHaveLength(2);
    expect(await failure(data.dispatch, 'audio', { recordingId: 'rec-s-1' })).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/transcript is still here/),
    });
  });

  it('refuses to serve a recording path outside the data folder', async () => {
    data.db
      .prepare(
        `INSERT INTO recordings (id, turn_id, path, sample_rate, duration_ms, status, created_at) VALUES ('evil', 's:t1', '../../etc/passwd', 16000, 1, 'done', 1)`,
      )
      .run();
    expect((await failure(data.dispatch, 'audio', { recordingId: 'evil' })).code).toBe('NOT_FOUND');
  });

  it('reads feedback rows and their scores', async () => {
    const insert = data.db.prepare(
      'INSERT INTO feedback (turn_id, round_id, source, body_json, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    // The model's judgement as the feedback service stores it (feedback/stored-body.ts).
    const judged = {
      v: 1,
      type: 'question',
      questionId: 'q1',
      key: 'k',
      judgement: { summary: 'Clear.' },
      note: null,
      scores: [{ dimension: 'clarity', score: 3, max: 4 }],
    };
    insert.run('s:t1', null, 'llm', JSON.stringify(judged), 5);
    // A shape this version does not write carries no scores, whatever its keys look like.
    insert.run(null, 's:r1', 'rules', JSON.stringify({ scores: { structure: 3 } }), 6);
    insert.run(null, 's:r1', 'rules', 'not json', 7);
    const d = await detail();
    expect(d.feedback.map((f) => ({ source: f.source, turnSeq: f.turnSeq, scores: f.scores }))).toEqual([
      { source: 'llm', turnSeq: 1, scores: [{ dimension: 'clarity', value: 75 }] },
      { source: 'rules', turnSeq: null, scores: [] },
      { source: 'rules', turnSeq: null, scores: [] },
    ]);
    expect(d.feedback[0]?.body).toMatchObject({ judgement: { summary: 'Clear.' } });
    expect(d.modelScorePct).toBe(75);
  });

  it('saves notes without touching the interview’s own timestamps, and they are searchable', async () => {
    const before = data.db.prepare("SELECT updated_at FROM sessions WHERE id = 's'").get();
    await call(data.dispatch, 'setNotes', { sessionId: 's', notes: 'Slow down on the intro.' });
    expect((await detail()).notes).toBe('Slow down on the intro.');
    expect(data.db.prepare("SELECT updated_at FROM sessions WHERE id = 's'").get()).toEqual(before);
    expect((await call<{ hits: unknown[] }>(data.dispatch, 'search', { query: 'intro' })).hits).toHaveLength(1);
  });

  it('answers NOT_FOUND for a session that does not exist', async () => {
    expect((await failure(data.dispatch, 'detail', { sessionId: 'nope' })).code).toBe('NOT_FOUND');
    expect((await failure(data.dispatch, 'setNotes', { sessionId: 'nope', notes: 'x' })).code).toBe('NOT_FOUND');
    expect((await failure(data.dispatch, 'setNotes', { sessionId: 's', notes: 'x'.repeat(20_001) })).code).toBe(
      'VALIDATION',
    );
  });
});

describe('progress', () => {
  let data: TestData;
  const shared = question('conflict');
  beforeEach(() => {
    data = openTestData();
    seedSession(data.db, {
      sessionId: 'p1',
      createdAt: T0,
      questions: [shared],
      answers: ['I listened to the whole team.'],
    });
    seedSession(data.db, {
      sessionId: 'p2',
      createdAt: T0 + DAY,
      questions: [shared, question('other')],
      answers: ['I listened and built a prototype.', 'Nothing.'],
    });
    seedSession(data.db, {
      sessionId: 'p3',
      createdAt: T0 + 2 * DAY,
      roleId: 'pm',
      roleTitle: 'Product Manager',
      questions: [shared],
      answers: ['I listened, built a prototype, and the result was good.'],
    });
  });
  afterEach(() => data.close());

  it('charts only the model’s scores, oldest first; sessions judged by rules have none', async () => {
    data.db
      .prepare('INSERT INTO feedback (turn_id, round_id, source, body_json, created_at) VALUES (?, NULL, ?, ?, 1)')
      .run(
        'p2:t1',
        'llm',
        JSON.stringify({
          v: 1,
          type: 'question',
          questionId: 'conflict',
          key: 'k',
          judgement: null,
          note: null,
          scores: [
            { dimension: 'clarity', score: 4, max: 5 },
            { dimension: 'structure', score: 2, max: 4 },
          ],
        }),
      );
    const view = await call<ProgressView>(data.dispatch, 'progress');
    expect(view.points.map((p) => [p.sessionId, p.scores])).toEqual([
      ['p1', {}],
      ['p2', { clarity: 80, structure: 50 }],
      ['p3', {}],
    ]);
    expect(view.dimensions).toEqual([
      { id: 'clarity', label: 'Clarity', source: 'feedback' },
      { id: 'structure', label: 'Structure', source: 'feedback' },
    ]);
    // Typed answers have no delivery figures.
    expect(view.points[0]?.delivery).toEqual({ wordsPerMinute: null, fillersPer100Words: null });
  });

  it('computes pace and fillers from spoken answers', async () => {
    addRecording(data.db, data.dir, 'p1', 1, [{ startMs: 0, endMs: 6000, text: 'um I listened uh you know to them' }], {
      durationMs: 6000,
    });
    const view = await call<ProgressView>(data.dispatch, 'progress', { roleId: 'backend-engineer' });
    expect(view.points.map((p) => p.sessionId)).toEqual(['p1', 'p2']);
    // 8 words in 6 s = 80 per minute; "um", "uh", "you know" = 3 fillers in 8 words.
    expect(view.points[0]?.delivery).toEqual({ wordsPerMinute: 80, fillersPer100Words: 37.5 });
  });

  it('lists questions answered more than once and shows every attempt side by side', async () => {
    const view = await call<ProgressView>(data.dispatch, 'progress');
    expect(view.repeatedQuestions).toEqual([
      { questionId: 'conflict', prompt: 'Tell me about conflict.', attempts: 3, lastAt: expect.any(Number) },
    ]);
    const attempts = await call<QuestionAttempts>(data.dispatch, 'attempts', { questionId: 'conflict' });
    expect(attempts.prompt).toBe('Tell me about conflict.');
    expect(attempts.attempts.map((a) => [a.sessionId, a.covered.length, a.answers.map((x) => x.text)])).toEqual([
      ['p1', 1, ['I listened to the whole team.']],
      ['p2', 2, ['I listened and built a prototype.']],
      ['p3', 3, ['I listened, built a prototype, and the result was good.']],
    ]);
    expect(attempts.attempts[0]).not.toHaveProperty('coveragePct');
    expect(attempts.attempts[0]?.missing).toEqual(['Point 2 of conflict', 'Point 3 of conflict']);
    expect((await failure(data.dispatch, 'attempts', { questionId: 'never-asked' })).code).toBe('NOT_FOUND');
  });

  it('filters progress by role', async () => {
    const view = await call<ProgressView>(data.dispatch, 'progress', { roleId: 'pm' });
    expect(view.points.map((p) => p.sessionId)).toEqual(['p3']);
    expect(view.repeatedQuestions).toEqual([]);
  });
});
