import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase, type Db } from '../../../../main/core/storage/database.js';
import { currentVersion, migrate } from '../../../../main/core/storage/migrate.js';
import { MIGRATIONS } from '../../../../main/core/storage/migrations/index.js';

type Row = Record<string, string | number | null>;

/**
 * Representative rows for every table, parents before children. Each row is inserted with the
 * columns its table has at the version under test, so when a migration adds a table, add its
 * rows here (the test below fails until you do); when it adds a column, add the column here.
 */
function seedRows(tag: string, n: number): { table: string; row: Row }[] {
  const t = 1_700_000_000_000 + n;
  return [
    { table: 'settings', row: { key: `theme-${tag}`, value_json: JSON.stringify('dark') } },
    {
      table: 'sessions',
      row: {
        id: `session-${tag}`,
        role_id: 'backend-engineer',
        role_title: 'Backend Engineer',
        company: 'Acme',
        status: 'completed',
        interviewer: 'scripted',
        notes: `notes ${tag}`,
        created_at: t,
        updated_at: t + 1,
        ended_at: t + 2,
      },
    },
    {
      table: 'rounds',
      row: {
        id: `round-${tag}`,
        session_id: `session-${tag}`,
        round_id: 'system-design',
        kind: 'system_design',
        title: 'System design',
        budget_ms: 2_700_000,
        state_json: '{"phase":"done"}',
        started_at: t,
        ended_at: t + 10,
      },
    },
    {
      table: 'turns',
      row: {
        id: `turn-${tag}`,
        round_id: `round-${tag}`,
        seq: 1,
        kind: 'question',
        question_id: 'q-1',
        prompt_text: 'Design a URL shortener.',
        answer_text: 'I would start with the API.',
        raw_transcript: 'i would start with the api',
        draft_text: '',
        status: 'answered',
        budget_ms: 300_000,
        asked_at: t,
        answer_started_at: t + 1,
        answer_ended_at: t + 5,
      },
    },
    {
      table: 'segments',
      row: {
        id: 1000 + n,
        turn_id: `turn-${tag}`,
        start_ms: 0,
        end_ms: 2_270,
        text: 'I would start',
        status: 'done',
        created_at: t,
      },
    },
    {
      table: 'recordings',
      row: {
        id: `rec-${tag}`,
        turn_id: `turn-${tag}`,
        path: `sessions/session-${tag}/turn-1.wav`,
        sample_rate: 16_000,
        duration_ms: 5_000,
        status: 'complete',
        created_at: t,
      },
    },
    {
      table: 'feedback',
      row: {
        id: 2000 + n,
        turn_id: `turn-${tag}`,
        round_id: null,
        source: 'rules',
        body_json: '{"fillers":3}',
        created_at: t,
      },
    },
    {
      table: 'feedback',
      row: {
        id: 3000 + n,
        turn_id: null,
        round_id: `round-${tag}`,
        source: 'llm',
        body_json: '{"summary":"ok"}',
        created_at: t,
      },
    },
    {
      table: 'session_stats',
      row: { session_id: `session-${tag}`, updated_at: t + 1, version: 1, stats_json: '{"durationMs":10}' },
    },
    {
      table: 'boards',
      row: {
        session_id: `session-${tag}`,
        scene: '{"type":"excalidraw","elements":[]}',
        notes_json: '{}',
        updated_at: t,
      },
    },
    {
      table: 'board_snapshots',
      row: {
        session_id: `session-${tag}`,
        turn_seq: 1,
        created_at: t,
        scene: '{"type":"excalidraw","elements":[]}',
        notes_json: '{}',
        description: 'The board is empty.',
        update_text: 'The board is empty.',
        board_text: `board ${tag}`,
        svg: null,
        png: null,
      },
    },
    {
      table: 'workspace_files',
      row: {
        session_id: `session-${tag}`,
        question_id: 'q-1',
        language: 'python',
        file: 'solution',
        text: 'def f():\n    return 1\n',
        updated_at: t + 3,
      },
    },
    {
      table: 'workspace_progress',
      row: { session_id: `session-${tag}`, question_id: 'q-1', state_json: '{"language":"python"}', updated_at: t + 3 },
    },
    {
      table: 'workspace_snapshots',
      row: {
        id: 4000 + n,
        session_id: `session-${tag}`,
        question_id: 'q-1',
        at: t + 3,
        reason: 'run',
        part: 0,
        language: 'python',
        files_json: '{"solution":"def f():\\n    return 1\\n","tests":""}',
        results_json: '{"passed":1,"total":1,"status":"ok"}',
        code_text: 'def f():\n    return 1\n',
      },
    },
    {
      table: 'project_files',
      row: {
        session_id: `session-${tag}`,
        question_id: 'bb-1',
        path: 'src/a.js',
        text: 'export {};\n',
        updated_at: t + 4,
      },
    },
    {
      table: 'project_progress',
      row: { session_id: `session-${tag}`, question_id: 'bb-1', state_json: '{"revealed":1}', updated_at: t + 4 },
    },
    {
      table: 'project_snapshots',
      row: {
        id: 5000 + n,
        session_id: `session-${tag}`,
        question_id: 'bb-1',
        at: t + 4,
        reason: 'run',
        files_json: '{"src/a.js":"export {};\\n"}',
        run_json: '{"status":"failed","tests":[]}',
        code_text: 'src/a.js\nexport {};\n',
      },
    },
    { table: 'question_marks', row: { role_id: 'backend-engineer', question_id: `q-${tag}`, marked_at: t } },
  ];
}

function tables(db: Db): string[] {
  return (
    (
      db
        // Ordinary tables only: full-text indexes (virtual tables and their shadow tables) are derived from them.
        .prepare(
          "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((r) => r.name)
  );
}

function columns(db: Db, table: string): { name: string; pk: number }[] {
  return db.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as { name: string; pk: number }[];
}

function insertSeed(db: Db, seed: { table: string; row: Row }[]): { table: string; row: Row }[] {
  const present = new Set(tables(db));
  const missing = [...present].filter((name) => !seed.some((s) => s.table === name));
  if (missing.length > 0)
    throw new Error(`Add representative rows to seedRows() for the table(s): ${missing.join(', ')}`);
  const inserted: { table: string; row: Row }[] = [];
  for (const { table, row } of seed) {
    if (!present.has(table)) continue;
    const cols = new Set(columns(db, table).map((c) => c.name));
    const kept = Object.fromEntries(Object.entries(row).filter(([k]) => cols.has(k)));
    const names = Object.keys(kept);
    db.prepare(
      `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
    ).run(kept);
    inserted.push({ table, row: kept });
  }
  return inserted;
}

function expectRowsPresent(db: Db, inserted: { table: string; row: Row }[]): void {
  const present = new Set(tables(db));
  for (const { table, row } of inserted) {
    expect(present.has(table), `table ${table} survives`).toBe(true);
    const cols = columns(db, table);
    const pk = cols.filter((c) => c.pk > 0).map((c) => c.name);
    expect(pk.length, `table ${table} has a primary key`).toBeGreaterThan(0);
    const where = pk.map((k) => `"${k}" = @${k}`).join(' AND ');
    const found = db
      .prepare(`SELECT * FROM "${table}" WHERE ${where}`)
      .get(Object.fromEntries(pk.map((k) => [k, row[k]]))) as Row | undefined;
    expect(found, `row ${JSON.stringify(row)} in ${table}`).toBeDefined();
    const stillThere = new Set(cols.map((c) => c.name));
    const expected = Object.fromEntries(Object.entries(row).filter(([k]) => stillThere.has(k)));
    expect(found).toMatchObject(expected);
  }
}

function memoryDb(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

const LATEST = MIGRATIONS.at(-1)?.version ?? 0;

describe('MIGRATIONS', () => {
  it('are numbered 1, 2, 3… in order with unique names', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });
});

describe('migrate', () => {
  it('brings an empty database to the latest version and records every step', () => {
    const db = memoryDb();
    expect(currentVersion(db)).toBe(0);
    expect(migrate(db, MIGRATIONS)).toBe(LATEST);
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(currentVersion(db)).toBe(LATEST);
    // Running again is a no-op.
    expect(migrate(db, MIGRATIONS)).toBe(LATEST);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    db.close();
  });

  it('stops at the target version', () => {
    const db = memoryDb();
    const first = MIGRATIONS[0]!.version;
    expect(migrate(db, MIGRATIONS, first)).toBe(first);
    expect(currentVersion(db)).toBe(first);
    db.close();
  });

  describe.each(MIGRATIONS.map((m) => [m.version, m.name] as const))('from version %i (%s)', (version) => {
    it('keeps the rows written at that version and the newest schema works', () => {
      const db = memoryDb();
      expect(migrate(db, MIGRATIONS, version)).toBe(version);
      const old = insertSeed(db, seedRows(`v${version}`, version));
      expect(old.length).toBeGreaterThan(0);

      expect(migrate(db, MIGRATIONS)).toBe(LATEST);
      expectRowsPresent(db, old);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

      // The newest schema accepts a full set of fresh rows alongside the old ones.
      const fresh = insertSeed(db, seedRows('latest', 500));
      expectRowsPresent(db, fresh);
      expectRowsPresent(db, old);
      db.close();
    });
  });

  it('007 makes project snapshots written before it searchable, by file path and by word', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS, 6);
    insertSeed(db, seedRows('old', 1));
    db.prepare('UPDATE project_snapshots SET files_json = ?').run(
      JSON.stringify({ 'src/ledger.js': 'export function reconcileLedger() {\n  return 1;\n}\n' }),
    );
    migrate(db, MIGRATIONS, 7);
    const match = (query: string) =>
      db.prepare('SELECT rowid FROM project_snapshots_fts WHERE project_snapshots_fts MATCH ?').all(query);
    expect(match('reconcileLedger')).toEqual([{ rowid: 5001 }]);
    expect(match('ledger')).toEqual([{ rowid: 5001 }]);
    // Line breaks split words: "return" is found, not "nreturn".
    expect(match('return')).toEqual([{ rowid: 5001 }]);
    db.prepare('DELETE FROM project_snapshots').run();
    expect(match('reconcileLedger')).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer app, with a clear message', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      LATEST + 5,
      'future',
      Date.now(),
    );
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer version of the app/);
    expect(() => migrate(db, MIGRATIONS)).toThrow(`schema ${LATEST + 5}, this app knows ${LATEST}`);
    db.close();
  });

  it('rolls back a failing migration as a whole and leaves the version unchanged', () => {
    const db = memoryDb();
    const broken = [
      ...MIGRATIONS,
      { version: LATEST + 1, name: 'broken', up: 'CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table;' },
    ];
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(currentVersion(db)).toBe(LATEST);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });

  it('deleting a session removes its rounds, turns, segments, recordings and feedback', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS);
    insertSeed(db, seedRows('gone', 1));
    insertSeed(db, seedRows('kept', 2));
    const count = (table: string, column: string, like: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE "${column}" LIKE ?`).get(like) as { n: number }).n;
    expect(count('segments', 'turn_id', '%-gone')).toBe(1);

    db.prepare('DELETE FROM sessions WHERE id = ?').run('session-gone');
    expect(count('rounds', 'id', '%-gone')).toBe(0);
    expect(count('turns', 'id', '%-gone')).toBe(0);
    expect(count('segments', 'turn_id', '%-gone')).toBe(0);
    expect(count('recordings', 'id', '%-gone')).toBe(0);
    expect(count('feedback', 'turn_id', '%-gone') + count('feedback', 'round_id', '%-gone')).toBe(0);
    expect(count('boards', 'session_id', '%-gone')).toBe(0);
    expect(count('board_snapshots', 'session_id', '%-gone')).toBe(0);
    for (const table of [
      'workspace_files',
      'workspace_progress',
      'workspace_snapshots',
      'project_files',
      'project_progress',
      'project_snapshots',
    ]) {
      expect(count(table, 'session_id', '%-gone')).toBe(0);
      expect(count(table, 'session_id', '%-kept')).toBe(1);
    }
    // The other session is untouched.
    expect(count('board_snapshots', 'session_id', '%-kept')).toBe(1);
    expect(count('rounds', 'id', '%-kept')).toBe(1);
    expect(count('turns', 'id', '%-kept')).toBe(1);
    expect(count('segments', 'turn_id', '%-kept')).toBe(1);
    expect(count('recordings', 'id', '%-kept')).toBe(1);
    expect(count('feedback', 'turn_id', '%-kept') + count('feedback', 'round_id', '%-kept')).toBe(2);
    db.close();
  });

  it('enforces foreign keys: a round for a missing session is refused', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS);
    const round = seedRows('orphan', 1).find((s) => s.table === 'rounds')!.row;
    const names = Object.keys(round);
    const insert = db.prepare(
      `INSERT INTO rounds (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
    );
    expect(() => insert.run(round)).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM rounds').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('openDatabase on a folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-db-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the folder and file, migrates to the latest version, and turns on WAL and foreign keys', () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const opened = openDatabase(dataDir);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const { db } = opened;
    expect(opened.status).toEqual({ ok: true, path: path.join(dataDir, DATABASE_FILE) });
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(currentVersion(db)).toBe(LATEST);
    insertSeed(db, seedRows('file', 1));
    db.close();

    // Reopening keeps the data and applies nothing twice.
    const again = openDatabase(dataDir);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    expect(again.db.prepare('SELECT role_title FROM sessions WHERE id = ?').get('session-file')).toEqual({
      role_title: 'Backend Engineer',
    });
    again.db.close();
  });

  it('reports a database from a newer app version without touching it', () => {
    const file = path.join(dir, DATABASE_FILE);
    const raw = new Database(file);
    migrate(raw, MIGRATIONS);
    raw
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(LATEST + 1, 'future', 1);
    raw.close();

    const opened = openDatabase(dir);
    expect(opened.ok).toBe(false);
    expect(opened.status.path).toBe(file);
    expect(opened.status.message).toContain(file);
    expect(opened.status.message).toMatch(/newer version of the app/);
    expect(opened.status.message).toMatch(/Update the app/);
    // Only a newer app helps: no advice to restart or to throw the file away.
    expect(opened.status.message).not.toMatch(/damaged|Restart the app|move the file aside/i);
    expect(opened.status.message).not.toContain('..');

    const check = new Database(file, { readonly: true });
    expect(currentVersion(check)).toBe(LATEST + 1);
    check.close();
  });
});
