import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../../main/core/create-core.js';
import { DATABASE_FILE, openDatabase } from '../../../../main/core/storage/database.js';

const bundledRolesDir = path.resolve(import.meta.dirname, '../../../../content/roles');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-dberr-'));
});
afterEach(() => {
  try {
    fs.chmodSync(dir, 0o700);
  } catch {
    // already gone
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeCorrupt(dataDir: string, bytes: Uint8Array | string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('openDatabase failures', () => {
  it.each([
    ['random bytes', () => randomBytes(64 * 1024)],
    ['text', () => 'These are my interview notes, not a database.\n'.repeat(200)],
    [
      'the SQLite magic followed by garbage',
      () => Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), randomBytes(8192)]),
    ],
  ])('reports a file of %s as damaged, naming the path and what to do, without throwing', (_label, make) => {
    const file = writeCorrupt(dir, make());
    const before = fs.readFileSync(file);
    let opened: ReturnType<typeof openDatabase> | undefined;
    expect(() => {
      opened = openDatabase(dir);
    }).not.toThrow();
    expect(opened?.ok).toBe(false);
    expect(opened?.status.ok).toBe(false);
    expect(opened?.status.path).toBe(file);
    expect(opened?.status.message).toContain(file);
    expect(opened?.status.message).toMatch(/damaged/);
    expect(opened?.status.message).toMatch(/Move the file somewhere safe/);
    // The damaged file is left exactly as it was, so it can still be recovered.
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a SQLite file whose pages are damaged', () => {
    // A real database with a few pages, then garbage over everything but the header.
    const good = openDatabase(dir);
    if (!good.ok) throw new Error(good.status.message);
    good.db.exec('CREATE TABLE filler (x TEXT)');
    const insert = good.db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 200; i += 1) insert.run('x'.repeat(500));
    good.db.pragma('wal_checkpoint(TRUNCATE)');
    good.db.pragma('journal_mode = DELETE');
    good.db.close();
    const file = path.join(dir, DATABASE_FILE);
    const bytes = fs.readFileSync(file);
    bytes.fill(0xa5, 100); // deterministic garbage, so the test never flakes
    fs.writeFileSync(file, bytes);

    const opened = openDatabase(dir);
    expect(opened.ok).toBe(false);
    expect(opened.status.message).toContain(file);
    expect(opened.status.message).toMatch(/damaged/);
  });

  it('reports a data folder that cannot be created or written', () => {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    let dataDir: string;
    if (isRoot || process.platform === 'win32') {
      // chmod does not stop root: put the data folder under a file so mkdir must fail.
      const blocker = path.join(dir, 'not-a-folder');
      fs.writeFileSync(blocker, 'a file');
      dataDir = path.join(blocker, 'data');
    } else {
      const locked = path.join(dir, 'locked');
      fs.mkdirSync(locked);
      fs.chmodSync(locked, 0o500);
      dataDir = path.join(locked, 'data');
    }
    let opened: ReturnType<typeof openDatabase> | undefined;
    expect(() => {
      opened = openDatabase(dataDir);
    }).not.toThrow();
    expect(opened?.ok).toBe(false);
    expect(opened?.status.path).toBe(path.join(dataDir, DATABASE_FILE));
    expect(opened?.status.message).toContain(path.join(dataDir, DATABASE_FILE));
    expect(opened?.status.message).toMatch(/cannot write/);
    expect(opened?.status.message).toMatch(/permission/);
  });
});

describe('createCore with a corrupt database', () => {
  let core: Core | undefined;
  afterEach(() => core?.close());

  it('still answers app.info and settings.get, and refuses writes with DB_UNAVAILABLE', async () => {
    const file = writeCorrupt(dir, randomBytes(8192));
    const log = vi.fn();
    core = createCore({ dataDir: dir, bundledRolesDir, transport: 'bridge', version: '9.9.9', log });
    expect(core.db).toBeNull();
    expect(log).toHaveBeenCalled();

    const info = await core.dispatch('app:info', undefined);
    expect(info.ok).toBe(true);
    if (info.ok) {
      expect(info.value).toMatchObject({
        version: '9.9.9',
        transport: 'bridge',
        dataDir: dir,
        database: { ok: false, path: file },
      });
      expect((info.value as { database: { message?: string } }).database.message).toMatch(/damaged/);
    }

    const settings = await core.dispatch('settings:get', undefined);
    expect(settings).toMatchObject({ ok: true, value: { theme: 'system', readAloud: false } });

    const update = await core.dispatch('settings:update', { theme: 'dark' });
    expect(update.ok).toBe(false);
    if (!update.ok) {
      expect(update.error.code).toBe('DB_UNAVAILABLE');
      expect(update.error.message).toContain(file);
    }

    // The role library does not need the database.
    const library = await core.dispatch('content:library', undefined);
    expect(library.ok).toBe(true);
  });
});
