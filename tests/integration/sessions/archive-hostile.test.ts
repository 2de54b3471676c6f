/**
 * Hostile or broken archives: each is refused (or contained) with a clear reason, nothing of it
 * lands anywhere, and files that were already in the data folder are never touched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { strToU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportReport } from '../../../main/contract/services/sessions.js';
import {
  addRecording,
  call,
  failure,
  openTestData,
  seedSession,
  type TestData,
} from '../../unit/core/sessions/helpers.js';

const T0 = Date.UTC(2025, 5, 1, 10, 0);
const GB = 1024 ** 3;

/** A zip entry given as raw deflate data with its declared size and CRC, for archives fflate would not make. */
interface RawEntry {
  name: string;
  compressed: Uint8Array;
  size: number;
  crc: number;
}

function buildZip(entries: RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.compressed.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.compressed));
    centrals.push(central, name);
    offset += 30 + name.length + e.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

function deflated(name: string, data: Uint8Array): RawEntry {
  return { name, compressed: zlib.deflateRawSync(data), size: data.length, crc: zlib.crc32(data) };
}

/** `megabytes` MB of zeros as deflate data, built by repeating one flushed block: ~1 KB per MB. */
function zeros(name: string, megabytes: number): RawEntry {
  const mb = Buffer.alloc(1024 * 1024);
  const block = zlib.deflateRawSync(mb, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  let crc = 0;
  for (let i = 0; i < megabytes; i++) crc = zlib.crc32(mb, crc);
  const compressed = Buffer.concat([...Array.from({ length: megabytes }, () => block), finalEmptyBlock]);
  return { name, compressed, size: megabytes * 1024 * 1024, crc };
}

let source: TestData;
let target: TestData;
let outside: string;

beforeEach(() => {
  source = openTestData('ir-hostile-export-');
  seedSession(source.db, { sessionId: 'one', createdAt: T0, answers: ['We used idempotency keys.', 'Sharding.'] });
  addRecording(source.db, source.dir, 'one', 1, [{ startMs: 0, endMs: 1500, text: 'We used idempotency keys.' }]);
  addRecording(source.db, source.dir, 'one', 2, [{ startMs: 0, endMs: 1000, text: 'Sharding.' }]);
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-outside-'));
});
afterEach(() => {
  source.close();
  target?.close();
  fs.rmSync(outside, { recursive: true, force: true });
});

async function exportEntries(): Promise<Record<string, Uint8Array>> {
  const zip = await call<{ base64: string }>(source.dispatch, 'exportArchive');
  return unzipSync(new Uint8Array(Buffer.from(zip.base64, 'base64')));
}

/** The export's small files as raw entries, plus whatever a test adds or replaces. */
async function withEntries(extra: RawEntry[], drop: string[] = []): Promise<Uint8Array> {
  const entries = await exportEntries();
  const replaced = new Set([...extra.map((e) => e.name), ...drop]);
  const kept = Object.entries(entries)
    .filter(([name]) => !replaced.has(name))
    .map(([name, data]) => deflated(name, data));
  return buildZip([...kept, ...extra]);
}

function sessionFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string, prefix: string) => {
    if (!fs.existsSync(folder)) return;
    for (const e of fs.readdirSync(folder, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(folder, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

async function refused(bytes: Uint8Array, code: string, pattern: RegExp): Promise<void> {
  const before = sessionFiles(target.dir);
  const error = await failure(target.dispatch, 'importArchive', { bytes });
  expect(error.code).toBe(code);
  expect(error.message).toMatch(pattern);
  expect(sessionFiles(target.dir)).toEqual(before);
  expect((target.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n).toBe(0);
}

describe('hostile archives', () => {
  it('a zip bomb: 2 MB that declares (honestly) 2 GB is refused before anything is unpacked', async () => {
    target = openTestData('ir-hostile-import-');
    const bomb = await withEntries([zeros('sessions/one/1.wav', 2048)]);
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    const rss = process.memoryUsage().rss;
    await refused(
      bomb,
      'IMPORT_FAILED',
      /sessions\/one\/1\.wav would unpack to 2\.0 GB, and a recording may be at most 1\.0 GB/,
    );
    expect(process.memoryUsage().rss - rss).toBeLessThan(512 * 1024 * 1024);
  });

  it('the same bomb under a higher file cap is refused against the free disk space', async () => {
    target = openTestData('ir-hostile-import-', { maxFileBytes: 4 * GB, freeSpace: async () => 1 * GB });
    await refused(
      await withEntries([zeros('sessions/one/1.wav', 2048)]),
      'DISK_FULL',
      /needs 2\.3 GB of free disk space and 1\.0 GB is free/,
    );
  });

  it('an entry that unpacks to more than it declares is stopped at its declared size and undone', async () => {
    target = openTestData('ir-hostile-import-');
    const lying = { ...zeros('sessions/one/2.wav', 8), size: 1000 };
    await refused(
      await withEntries([lying]),
      'IMPORT_FAILED',
      /sessions\/one\/2\.wav unpacks to more than it declared/,
    );
    expect(fs.readdirSync(target.dir).filter((n) => n.startsWith('.import-'))).toEqual([]);
  });

  it.each([
    '../../evil.txt',
    '/etc/evil.txt',
    'sessions/one/../../../evil.txt',
    'C:/evil.txt',
    'sessions\\..\\evil.txt',
  ])('zip-slip name %s refuses the whole archive', async (name) => {
    target = openTestData('ir-hostile-import-');
    await refused(await withEntries([deflated(name, strToU8('pwned'))]), 'IMPORT_FAILED', /points outside its folder/);
    expect(fs.existsSync(path.join(target.dir, '..', 'evil.txt'))).toBe(false);
  });

  it('a state_json with round: null is refused, naming the session', async () => {
    target = openTestData('ir-hostile-import-');
    const entries = await exportEntries();
    const bundle = JSON.parse(Buffer.from(entries['sessions/one/session.json']!).toString()) as {
      rounds: { state_json: string }[];
    };
    const state = JSON.parse(bundle.rounds[0]!.state_json) as Record<string, unknown>;
    bundle.rounds[0]!.state_json = JSON.stringify({ ...state, round: null });
    const bytes = await withEntries([deflated('sessions/one/session.json', strToU8(JSON.stringify(bundle)))]);
    await refused(
      bytes,
      'IMPORT_FAILED',
      /session one \(sessions\/one\/session\.json\) cannot be read: the interview state is damaged \(round: /,
    );
  });

  it('a recording is streamed to disk and checked against its size and checksum', async () => {
    target = openTestData('ir-hostile-import-');
    const report = await call<ImportReport>(target.dispatch, 'importArchive', {
      bytes: await withEntries([zeros('sessions/one/1.wav', 8)]),
    });
    expect(report.imported).toBe(1);
    expect(fs.statSync(path.join(target.dir, 'sessions', 'one', '1.wav')).size).toBe(8 * 1024 * 1024);
    target.close();
    target = openTestData('ir-hostile-import-');
    const corrupt = { ...zeros('sessions/one/1.wav', 8), crc: 12345 };
    await refused(
      await withEntries([corrupt]),
      'IMPORT_FAILED',
      /sessions\/one\/1\.wav is damaged \(checksum mismatch\)/,
    );
  });

  it('files no row references are left out', async () => {
    target = openTestData('ir-hostile-import-');
    const bytes = await withEntries([deflated('sessions/one/run-me.sh', strToU8('#!/bin/sh\nrm -rf ~'))]);
    const report = await call<ImportReport>(target.dispatch, 'importArchive', { bytes });
    expect(report.imported).toBe(1);
    expect(sessionFiles(path.join(target.dir, 'sessions'))).toEqual(['one/1.wav', 'one/2.wav']);
  });

  it('a symlink planted in sessions/ is never written through', async () => {
    target = openTestData('ir-hostile-import-');
    fs.mkdirSync(path.join(target.dir, 'sessions'), { recursive: true });
    fs.symlinkSync(outside, path.join(target.dir, 'sessions', 'one'));
    await refused(await withEntries([]), 'IMPORT_FAILED', /sessions\/one is a link or a file, not a folder/);
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('a rollback never touches a file that was already there', async () => {
    target = openTestData('ir-hostile-import-');
    const mine = path.join(target.dir, 'sessions', 'one', '2.wav');
    fs.mkdirSync(path.dirname(mine), { recursive: true });
    fs.writeFileSync(mine, 'my own recording');
    await refused(await withEntries([]), 'IMPORT_FAILED', /2\.wav already exists and belongs to something else/);
    expect(fs.readFileSync(mine, 'utf8')).toBe('my own recording');
    expect(fs.readdirSync(path.dirname(mine))).toEqual(['2.wav']);
  });

  it('a folder whose contents cannot be read gives a clear error, not INTERNAL', async () => {
    target = openTestData('ir-hostile-import-');
    const folder = path.join(outside, 'export');
    fs.mkdirSync(path.join(folder, 'sessions', 'one'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'manifest.json'), '{}');
    const real = fs.readdirSync;
    const spy = vi.spyOn(fs, 'readdirSync').mockImplementation(((dir: fs.PathLike, options?: unknown) => {
      if (String(dir).endsWith(path.join('sessions', 'one'))) {
        throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(dir)}'`), { code: 'EACCES' });
      }
      return real(dir, options as never);
    }) as typeof fs.readdirSync);
    try {
      const error = await failure(target.dispatch, 'importFolder', { folder });
      expect(error.code).toBe('IMPORT_FAILED');
      expect(error.message).toMatch(/^Could not read .*sessions\/one: the app is not allowed to read it\. /);
    } finally {
      spy.mockRestore();
    }
  });
});
