/**
 * Export and import of all data, between two installations (two data folders), through the
 * sessions service as the UI calls it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ImportReport,
  SearchResults,
  SessionDetail,
  SessionPage,
} from '../../../main/contract/services/sessions.js';
import {
  addRecording,
  call,
  failure,
  openTestData,
  seedSession,
  type TestData,
} from '../../unit/core/sessions/helpers.js';

const T0 = Date.UTC(2025, 5, 1, 10, 0);

/** Every row of every table that export covers, for comparing installations. */
function snapshot(data: TestData): Record<string, unknown[]> {
  const q = (sql: string) => data.db.prepare(sql).all();
  return {
    sessions: q('SELECT * FROM sessions ORDER BY id'),
    rounds: q('SELECT * FROM rounds ORDER BY id'),
    turns: q('SELECT * FROM turns ORDER BY id'),
    segments: q('SELECT turn_id, start_ms, end_ms, text, status, created_at FROM segments ORDER BY turn_id, start_ms'),
    recordings: q('SELECT * FROM recordings ORDER BY id'),
    feedback: q('SELECT turn_id, round_id, source, body_json, created_at FROM feedback ORDER BY created_at'),
  };
}

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    if (!fs.existsSync(folder)) return;
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full).toString('base64');
    }
  };
  walk(path.join(dir, 'sessions'));
  return out;
}

describe('export all and import into another installation', () => {
  let source: TestData;
  let target: TestData;

  beforeEach(() => {
    source = openTestData('ir-export-');
    target = openTestData('ir-import-');
    seedSession(source.db, {
      sessionId: 'one',
      createdAt: T0,
      answers: ['We used idempotency keys.', 'Sharding by customer.'],
    });
    seedSession(source.db, {
      sessionId: 'two',
      createdAt: T0 + 1000,
      roleTitle: 'Product Manager',
      roleId: 'pm',
      answers: ['Talk to users first.'],
      unfinished: true,
    });
    addRecording(source.db, source.dir, 'one', 1, [
      { startMs: 0, endMs: 1500, text: 'We used' },
      { startMs: 1500, endMs: 3000, text: 'idempotency keys.' },
    ]);
    addRecording(source.db, source.dir, 'one', 2, [{ startMs: 0, endMs: 1000, text: 'Sharding by customer.' }]);
    source.db.prepare("UPDATE sessions SET notes = 'Good pace.' WHERE id = 'one'").run();
    source.db
      .prepare(
        "INSERT INTO feedback (turn_id, round_id, source, body_json, created_at) VALUES ('one:t1', NULL, 'llm', '{\"scores\":{\"clarity\":4}}', 9)",
      )
      .run();
    source.db
      .prepare(
        "INSERT INTO feedback (turn_id, round_id, source, body_json, created_at) VALUES (NULL, 'one:r1', 'rules', '{\"fillers\":2}', 10)",
      )
      .run();
  });
  afterEach(() => {
    source.close();
    target.close();
  });

  async function exportZip(): Promise<Uint8Array> {
    const zip = await call<{ fileName: string; base64: string; sessions: number }>(source.dispatch, 'exportArchive');
    expect(zip.sessions).toBe(2);
    expect(zip.fileName).toMatch(/^interview-rehearsal-export-\d{4}-\d\d-\d\d-\d{6}\.zip$/);
    return new Uint8Array(Buffer.from(zip.base64, 'base64'));
  }

  it('round-trips every row and every recording through a zip archive', async () => {
    const zip = await exportZip();
    const names = Object.keys(unzipSync(zip)).sort();
    expect(names).toEqual([
      'manifest.json',
      'sessions/one/1.wav',
      'sessions/one/2.wav',
      'sessions/one/session.json',
      'sessions/two/session.json',
    ]);

    const report = await call<ImportReport>(target.dispatch, 'importArchive', { bytes: zip });
    expect(report).toEqual({ imported: 2, skipped: 0, sessionIds: ['one', 'two'] });
    expect(snapshot(target)).toEqual(snapshot(source));
    expect(files(target.dir)).toEqual(files(source.dir));

    // The imported sessions work everywhere: list, detail with playable audio, search.
    const page = await call<SessionPage>(target.dispatch, 'list');
    expect(page.items.map((i) => [i.sessionId, i.status, i.hasAudio])).toEqual([
      ['two', 'in_progress', false],
      ['one', 'completed', true],
    ]);
    const detail = await call<SessionDetail>(target.dispatch, 'detail', { sessionId: 'one' });
    expect(detail.turns[0]?.recording?.available).toBe(true);
    expect(detail.feedback).toHaveLength(2);
    await call(target.dispatch, 'audio', { recordingId: 'rec-one-1' });
    const found = await call<SearchResults>(target.dispatch, 'search', { query: 'idempotency' });
    expect(found.hits.map((h) => [h.sessionId, h.kind])).toEqual([['one', 'transcript']]);
    expect((await call<SearchResults>(target.dispatch, 'search', { query: 'pace' })).hits.map((h) => h.kind)).toEqual([
      'notes',
    ]);
  });

  it('imports the same export twice without duplicates, and keeps local changes', async () => {
    const zip = await exportZip();
    await call(target.dispatch, 'importArchive', { bytes: zip });
    await call(target.dispatch, 'setNotes', { sessionId: 'one', notes: 'Edited here.' });
    const again = await call<ImportReport>(target.dispatch, 'importArchive', { bytes: zip });
    expect(again).toEqual({ imported: 0, skipped: 2, sessionIds: [] });
    expect(target.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 2 });
    expect(target.db.prepare('SELECT COUNT(*) AS n FROM segments').get()).toEqual({ n: 3 });
    expect(target.db.prepare("SELECT notes FROM sessions WHERE id = 'one'").get()).toEqual({ notes: 'Edited here.' });
  });

  it('imports only the sessions that are new', async () => {
    seedSession(target.db, { sessionId: 'two', createdAt: T0, answers: ['Local version.'] });
    const report = await call<ImportReport>(target.dispatch, 'importArchive', { bytes: await exportZip() });
    expect(report).toEqual({ imported: 1, skipped: 1, sessionIds: ['one'] });
    expect(target.db.prepare("SELECT answer_text FROM turns WHERE id = 'two:t1'").get()).toEqual({
      answer_text: 'Local version.',
    });
  });

  it('round-trips through a folder as well', async () => {
    const parent = fs.mkdtempSync(path.join(path.dirname(source.dir), 'ir-export-folder-'));
    try {
      const result = await call<{ path: string; sessions: number; files: number }>(source.dispatch, 'exportToFolder', {
        folder: parent,
      });
      expect(result.sessions).toBe(2);
      expect(path.dirname(result.path)).toBe(parent);
      expect(
        fs
          .readFileSync(path.join(result.path, 'sessions', 'one', '1.wav'))
          .subarray(0, 4)
          .toString(),
      ).toBe('RIFF');
      // The folder the export was written into is accepted too.
      const report = await call<ImportReport>(target.dispatch, 'importFolder', { folder: parent });
      expect(report.imported).toBe(2);
      expect(snapshot(target)).toEqual(snapshot(source));
      // A second export in the same second does not overwrite the first.
      const second = await call<{ path: string }>(source.dispatch, 'exportToFolder', { folder: parent });
      expect(second.path).not.toBe(result.path);
      expect(fs.existsSync(path.join(result.path, 'manifest.json'))).toBe(true);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('says clearly when the export folder cannot be written, and leaves nothing behind', async () => {
    const file = path.join(source.dir, 'a-file.txt');
    fs.writeFileSync(file, 'not a folder');
    // Tests run as root, who may write anywhere: a path under a file fails for everyone.
    for (const folder of [path.join(file, 'inside'), file, path.join(source.dir, 'missing', 'deeper')]) {
      const error = await failure(source.dispatch, 'exportToFolder', { folder });
      expect(error.code).toBe('EXPORT_FAILED');
      expect(error.message).toContain(folder);
      expect(error.message).toMatch(/Choose a folder you can write to/);
    }
    const inside = await failure(source.dispatch, 'exportToFolder', { folder: path.join(source.dir, 'sessions') });
    expect(inside).toMatchObject({ code: 'EXPORT_FAILED', message: expect.stringMatching(/data folder/) });
    expect(fs.readdirSync(source.dir).filter((n) => n.startsWith('interview-rehearsal-export'))).toEqual([]);
  });

  describe('a damaged or foreign archive is refused with nothing imported', () => {
    async function refused(bytes: Uint8Array, pattern: RegExp): Promise<void> {
      const before = { rows: snapshot(target), files: files(target.dir) };
      const error = await failure(target.dispatch, 'importArchive', { bytes });
      expect(error.code).toBe('IMPORT_FAILED');
      expect(error.message).toMatch(pattern);
      expect(snapshot(target)).toEqual(before.rows);
      expect(files(target.dir)).toEqual(before.files);
    }

    /** The real export with one file replaced (or removed, with null). */
    async function tampered(name: string, content: string | null): Promise<Uint8Array> {
      const entries = unzipSync(await exportZip());
      if (content === null) delete entries[name];
      else entries[name] = strToU8(content);
      return zipSync(entries);
    }

    it('not a zip at all', async () => {
      await refused(strToU8('%PDF-1.7 this is a pdf'), /not an Interview Rehearsal export.*zip/);
      await refused(new Uint8Array(0), /not an Interview Rehearsal export/);
    });

    it('a zip from something else', async () => {
      await refused(zipSync({ 'readme.txt': strToU8('hello') }), /no manifest\.json/);
      await refused(
        zipSync({ 'manifest.json': strToU8('{"format":"other-app","formatVersion":1}') }),
        /manifest\.json is not one the app wrote/,
      );
    });

    it('from a newer version of the app', async () => {
      const manifest = {
        format: 'interview-rehearsal-export',
        formatVersion: 99,
        exportedAt: 1,
        schemaVersion: 99,
        sessionIds: [],
      };
      await refused(zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)) }), /newer version/);
    });

    it('a session file missing, cut short or inconsistent', async () => {
      await refused(await tampered('sessions/two/session.json', null), /sessions\/two\/session\.json is missing/);
      await refused(
        await tampered('sessions/two/session.json', '{"session": {"id": "two"'),
        /damaged: sessions\/two\/session\.json could not be read/,
      );
      const bundle = JSON.parse(
        Buffer.from(unzipSync(await exportZip())['sessions/one/session.json'] ?? []).toString(),
      ) as Record<string, Record<string, unknown>[]>;
      const withForeignTurn = {
        ...bundle,
        segments: [
          ...(bundle.segments ?? []),
          { turn_id: 'elsewhere:t1', start_ms: 0, end_ms: 1, text: 'x', status: 'done', created_at: 1 },
        ],
      };
      await refused(
        await tampered('sessions/one/session.json', JSON.stringify(withForeignTurn)),
        /segment of another session/,
      );
      const escaping = {
        ...bundle,
        recordings: (bundle.recordings ?? []).map((r) => ({ ...r, path: 'one/../../../evil.wav' })),
      };
      await refused(await tampered('sessions/one/session.json', JSON.stringify(escaping)), /outside its folder/);
      const badState = { ...bundle, rounds: (bundle.rounds ?? []).map((r) => ({ ...r, state_json: '{"turns": 3}' })) };
      await refused(
        await tampered('sessions/one/session.json', JSON.stringify(badState)),
        /session one \(sessions\/one\/session\.json\) cannot be read: the interview state has no known format version/,
      );
    });

    it('a failure while writing rows undoes the files already written', async () => {
      // A row that passes every check but collides in the database: the transaction fails.
      target.db
        .prepare(
          `INSERT INTO sessions (id, role_id, role_title, status, created_at, updated_at) VALUES ('other', 'r', 'R', 'completed', 1, 1)`,
        )
        .run();
      target.db
        .prepare(
          `INSERT INTO rounds (id, session_id, round_id, kind, title, budget_ms, state_json, started_at) VALUES ('other:r1', 'other', 'x', 'behavioral', 'B', 1, '{}', 1)`,
        )
        .run();
      target.db
        .prepare(
          `INSERT INTO turns (id, round_id, seq, kind, prompt_text, status, asked_at) VALUES ('other:t1', 'other:r1', 1, 'question', 'P', 'answered', 1)`,
        )
        .run();
      target.db
        .prepare(
          `INSERT INTO recordings (id, turn_id, path, sample_rate, status, created_at) VALUES ('rec-one-2', 'other:t1', 'other/1.wav', 16000, 'done', 1)`,
        )
        .run();
      await refused(await exportZip(), /import stopped and was undone/);
      expect(fs.existsSync(path.join(target.dir, 'sessions', 'one'))).toBe(false);
    });
  });
});
