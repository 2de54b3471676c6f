import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DELETE_ALL_CONFIRMATION,
  type DataInfo,
  type SearchResults,
} from '../../../main/contract/services/sessions.js';
import {
  addRecording,
  call,
  failure,
  openTestData,
  seedSession,
  type TestData,
} from '../../unit/core/sessions/helpers.js';

const T0 = Date.UTC(2025, 6, 1, 8, 0);
const TABLES = ['sessions', 'rounds', 'turns', 'segments', 'recordings', 'feedback', 'session_stats'];

function rowsOf(data: TestData, sessionId: string): Record<string, number> {
  const like = `${sessionId}:%`;
  const count = (sql: string, ...params: string[]) => (data.db.prepare(sql).get(...params) as { n: number }).n;
  return {
    sessions: count('SELECT COUNT(*) AS n FROM sessions WHERE id = ?', sessionId),
    rounds: count('SELECT COUNT(*) AS n FROM rounds WHERE session_id = ?', sessionId),
    turns: count('SELECT COUNT(*) AS n FROM turns WHERE id LIKE ?', like),
    segments: count('SELECT COUNT(*) AS n FROM segments WHERE turn_id LIKE ?', like),
    recordings: count('SELECT COUNT(*) AS n FROM recordings WHERE turn_id LIKE ?', like),
    feedback: count('SELECT COUNT(*) AS n FROM feedback WHERE turn_id LIKE ? OR round_id LIKE ?', like, like),
    session_stats: count('SELECT COUNT(*) AS n FROM session_stats WHERE session_id = ?', sessionId),
  };
}

describe('deleting sessions', () => {
  let data: TestData;
  beforeEach(async () => {
    data = openTestData('ir-delete-');
    for (const id of ['keep', 'gone']) {
      seedSession(data.db, { sessionId: id, createdAt: T0, answers: [`Answer about kafka from ${id}.`] });
      addRecording(data.db, data.dir, id, 1, [{ startMs: 0, endMs: 1000, text: `kafka from ${id}` }]);
      data.db
        .prepare(
          "INSERT INTO feedback (turn_id, round_id, source, body_json, created_at) VALUES (?, ?, 'rules', '{}', 1)",
        )
        .run(`${id}:t1`, `${id}:r1`);
      data.db.prepare('UPDATE sessions SET notes = ? WHERE id = ?').run(`notes about kafka for ${id}`, id);
    }
    await call(data.dispatch, 'list'); // fills session_stats
  });
  afterEach(() => data.close());

  it('removes one session’s rows, search entries and files, and nothing else', async () => {
    expect(Object.values(rowsOf(data, 'gone')).every((n) => n > 0)).toBe(true);
    const keptBefore = rowsOf(data, 'keep');
    await call(data.dispatch, 'delete', { sessionId: 'gone' });

    expect(rowsOf(data, 'gone')).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
    expect(rowsOf(data, 'keep')).toEqual(keptBefore);
    expect(fs.existsSync(path.join(data.dir, 'sessions', 'gone'))).toBe(false);
    expect(fs.existsSync(path.join(data.dir, 'sessions', 'keep', '1.wav'))).toBe(true);
    const hits = await call<SearchResults>(data.dispatch, 'search', { query: 'kafka' });
    expect(new Set(hits.hits.map((h) => h.sessionId))).toEqual(new Set(['keep']));
  });

  it('works when the audio file is already gone', async () => {
    fs.rmSync(path.join(data.dir, 'sessions', 'gone'), { recursive: true });
    await call(data.dispatch, 'delete', { sessionId: 'gone' });
    expect(rowsOf(data, 'gone').sessions).toBe(0);
  });

  it('also removes a recording kept elsewhere in the data folder, but never a file outside it', async () => {
    const stray = path.join(data.dir, 'old-recordings', 'gone-1.wav');
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.writeFileSync(stray, 'RIFF');
    const outside = path.join(path.dirname(data.dir), `outside-${path.basename(data.dir)}.wav`);
    fs.writeFileSync(outside, 'RIFF');
    try {
      data.db.prepare("UPDATE recordings SET path = ? WHERE turn_id = 'gone:t1'").run(stray);
      seedSession(data.db, { sessionId: 'third', createdAt: T0, answers: ['x'] });
      data.db
        .prepare(
          `INSERT INTO recordings (id, turn_id, path, sample_rate, status, created_at) VALUES ('r3', 'third:t1', ?, 16000, 'done', 1)`,
        )
        .run(outside);
      await call(data.dispatch, 'delete', { sessionId: 'gone' });
      await call(data.dispatch, 'delete', { sessionId: 'third' });
      expect(fs.existsSync(stray)).toBe(false);
      expect(fs.existsSync(outside)).toBe(true);
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  it('answers NOT_FOUND for a session that is not there', async () => {
    await call(data.dispatch, 'delete', { sessionId: 'gone' });
    expect((await failure(data.dispatch, 'delete', { sessionId: 'gone' })).code).toBe('NOT_FOUND');
  });

  it('deletes everything only with the typed confirmation, keeping settings and models', async () => {
    data.db.prepare("INSERT INTO settings (key, value_json) VALUES ('theme', '\"dark\"')").run();
    fs.mkdirSync(path.join(data.dir, 'models'), { recursive: true });
    fs.writeFileSync(path.join(data.dir, 'models', 'model.gguf'), Buffer.alloc(4096));

    expect((await failure(data.dispatch, 'deleteAll', {})).code).toBe('VALIDATION');
    expect((await failure(data.dispatch, 'deleteAll', { confirmation: 'yes' })).code).toBe('VALIDATION');
    expect((await call<DataInfo>(data.dispatch, 'dataInfo')).sessions).toBe(2);

    expect(await call(data.dispatch, 'deleteAll', { confirmation: DELETE_ALL_CONFIRMATION })).toEqual({ deleted: 2 });
    for (const table of TABLES)
      expect(data.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    expect(fs.existsSync(path.join(data.dir, 'sessions'))).toBe(false);
    expect((await call<SearchResults>(data.dispatch, 'search', { query: 'kafka' })).hits).toEqual([]);
    expect(data.db.prepare("SELECT value_json FROM settings WHERE key = 'theme'").get()).toEqual({
      value_json: '"dark"',
    });
    expect(fs.existsSync(path.join(data.dir, 'models', 'model.gguf'))).toBe(true);

    // The app keeps working afterwards.
    seedSession(data.db, { sessionId: 'after', createdAt: T0, answers: ['kafka again'] });
    expect(
      (await call<SearchResults>(data.dispatch, 'search', { query: 'kafka' })).hits.map((h) => h.sessionId),
    ).toEqual(['after']);
  });

  it('reports the data folder and what takes space in it', async () => {
    fs.mkdirSync(path.join(data.dir, 'models'), { recursive: true });
    fs.writeFileSync(path.join(data.dir, 'models', 'model.gguf'), Buffer.alloc(10_000));
    const info = await call<DataInfo>(data.dispatch, 'dataInfo');
    expect(info.dataDir).toBe(data.dir);
    expect(info.sessions).toBe(2);
    expect(info.modelsBytes).toBe(10_000);
    expect(info.sessionFilesBytes).toBe(fs.statSync(path.join(data.dir, 'sessions', 'keep', '1.wav')).size * 2);
    expect(info.databaseBytes).toBeGreaterThan(0);
    expect(info.totalBytes).toBeGreaterThanOrEqual(info.databaseBytes + info.modelsBytes + info.sessionFilesBytes);
  });
});
