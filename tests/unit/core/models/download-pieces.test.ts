import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../../main/contract/result.js';
import type { CatalogEntry } from '../../../../main/core/models/catalog.js';
import { holdDiskFullGuard } from '../../../../main/core/models/disk-full-guard.js';
import { ensureFreeSpace, freeSpace, isDiskFullError } from '../../../../main/core/models/disk.js';
import { keptBytes } from '../../../../main/core/models/partial-file.js';
import { verifyDownload } from '../../../../main/core/models/verify.js';
import { fixturePath } from '../../../helpers/fixtures.js';

let dir: string;
let gguf: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-download-pieces-'));
  gguf = await fixturePath('llama-2-tiny-random.gguf');
});

const entry = (overrides: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id: 'm',
  kind: 'llm',
  tier: 'small',
  name: 'Model M',
  fileName: 'm.gguf',
  source: 'https://example.com/m.gguf',
  sizeBytes: 1,
  licence: 'MIT',
  memoryBytes: 1,
  goodFor: 'tests',
  ...overrides,
});

async function messageOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return `${error.code}: ${error.message}`;
}

describe('verifyDownload', () => {
  it('passes the fixture with its real size and checksum', async () => {
    const size = fs.statSync(gguf).size;
    await expect(
      verifyDownload(gguf, entry({ sha256: '81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb' }), size),
    ).resolves.toBeUndefined();
  });

  it('fails a file whose size is not what the server announced', async () => {
    const size = fs.statSync(gguf).size;
    expect(await messageOf(verifyDownload(gguf, entry(), size + 10))).toMatch(
      /^DOWNLOAD_FAILED: The download of Model M is .* but the server announced \d+ bytes\. The file was removed; start the download again\.$/,
    );
  });

  it('fails a file of the wrong kind for its catalog entry', async () => {
    const whisper = await fixturePath('for-tests-ggml-tiny.en.bin');
    expect(await messageOf(verifyDownload(whisper, entry(), fs.statSync(whisper).size))).toMatch(
      /^DOWNLOAD_FAILED: .*is not a usable model: .*whisper/,
    );
  });
});

describe('keptBytes (what a paused download keeps)', () => {
  const record = (chunks: number[], chunkSize = 10) =>
    JSON.stringify({ part: 0, chunks, chunkSize, parallelStreams: 3 });

  it('counts finished chunks only, the last one at its real length', () => {
    const file = path.join(dir, 'a.ipull');
    fs.writeFileSync(file, Buffer.concat([Buffer.alloc(25), Buffer.from(record([2, 1, 2]))]));
    expect(keptBytes(file, 25)).toBe(15);
  });

  it('is 0 for a missing file, a file without a record, or a damaged record', () => {
    expect(keptBytes(path.join(dir, 'missing.ipull'), 25)).toBe(0);
    const bare = path.join(dir, 'bare.ipull');
    fs.writeFileSync(bare, Buffer.alloc(25));
    expect(keptBytes(bare, 25)).toBe(0);
    const broken = path.join(dir, 'broken.ipull');
    fs.writeFileSync(broken, Buffer.concat([Buffer.alloc(25), Buffer.from('{"part":0,"chu')]));
    expect(keptBytes(broken, 25)).toBe(0);
  });
});

describe('disk space', () => {
  it('freeSpace reports a positive number for a folder that does not exist yet (its parent is used)', async () => {
    expect(await freeSpace(path.join(dir, 'not', 'yet', 'made'))).toBeGreaterThan(0);
  });

  it('ensureFreeSpace refuses with DISK_FULL, saying how much is needed and free', async () => {
    const message = await messageOf(ensureFreeSpace('/data/models', 2e9, 'Downloading X', async () => 1e9));
    expect(message).toBe(
      'DISK_FULL: Downloading X needs 2.2 GB of free space on the disk that holds /data/models, and only 1.0 GB is free. Free some space (or delete models you no longer use) and try again.',
    );
    await expect(ensureFreeSpace('/data/models', 2e9, 'Downloading X', async () => 3e9)).resolves.toBeUndefined();
  });

  it('isDiskFullError knows ENOSPC and EDQUOT only', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect([err('ENOSPC'), err('EDQUOT'), err('EACCES'), new Error('x'), undefined].map(isDiskFullError)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('holdDiskFullGuard', () => {
  it('listens for unhandled rejections only while held, and absorbs disk-full ones', async () => {
    const before = process.listenerCount('unhandledRejection');
    const release = holdDiskFullGuard();
    const releaseToo = holdDiskFullGuard();
    expect(process.listenerCount('unhandledRejection')).toBe(before + 1);
    const listener = process.listeners('unhandledRejection').at(-1) as (
      reason: unknown,
      promise: Promise<unknown>,
    ) => void;
    expect(() => listener(Object.assign(new Error('no space'), { code: 'ENOSPC' }), Promise.resolve())).not.toThrow();
    release();
    expect(process.listenerCount('unhandledRejection')).toBe(before + 1);
    releaseToo();
    releaseToo();
    expect(process.listenerCount('unhandledRejection')).toBe(before);
  });
});
