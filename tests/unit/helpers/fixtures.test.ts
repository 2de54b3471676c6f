import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  deriveMiniWhisperModel,
  downloadFixtures,
  FIXTURE_NAMES,
  FIXTURE_SHA256,
  FIXTURE_UPSTREAM,
  fixturePath,
  fixturesDir,
  SHARED_FIXTURES_DIR,
  verifyFixtures,
} from '../../helpers/fixtures.js';

const hasShared = fs.existsSync(SHARED_FIXTURES_DIR);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const temps: string[] = [];
function tempCopyOfShared(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-fixtures-'));
  temps.push(dir);
  for (const name of FIXTURE_NAMES) {
    fs.copyFileSync(path.join(SHARED_FIXTURES_DIR, name), path.join(dir, name));
    fs.chmodSync(path.join(dir, name), 0o644);
  }
  return dir;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('fixture constants', () => {
  it('cover every upstream file, and the mini model is the only derived one', () => {
    expect(Object.keys(FIXTURE_UPSTREAM).sort()).toEqual(
      FIXTURE_NAMES.filter((n) => n !== 'for-tests-ggml-mini.bin').sort(),
    );
    for (const sum of Object.values(FIXTURE_SHA256)) expect(sum).toMatch(/^[0-9a-f]{64}$/);
  });

  it.skipIf(!hasShared)('match the shared SHA256SUMS file', () => {
    const listed = Object.fromEntries(
      fs
        .readFileSync(path.join(SHARED_FIXTURES_DIR, 'SHA256SUMS'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/\s+/).reverse()),
    );
    expect(listed).toEqual(FIXTURE_SHA256);
  });
});

describe.skipIf(!hasShared)('fixturesDir with the shared folder', () => {
  it('finds ../shared/fixtures when FIXTURES_DIR is not set', async () => {
    vi.stubEnv('FIXTURES_DIR', '');
    const fresh = await import('../../helpers/fixtures.js');
    await expect(fresh.fixturesDir()).resolves.toBe(SHARED_FIXTURES_DIR);
    await expect(fresh.fixturePath('jfk.wav')).resolves.toBe(path.join(SHARED_FIXTURES_DIR, 'jfk.wav'));
  });

  it('gives paths to files whose sha256 matches', async () => {
    const dir = await fixturesDir();
    for (const name of FIXTURE_NAMES) {
      const file = await fixturePath(name);
      expect(path.dirname(file)).toBe(dir);
      expect(sha256(fs.readFileSync(file)), name).toBe(FIXTURE_SHA256[name]);
    }
  });

  it('the mini-model derivation reproduces for-tests-ggml-mini.bin byte for byte', () => {
    const tiny = fs.readFileSync(path.join(SHARED_FIXTURES_DIR, 'for-tests-ggml-tiny.en.bin'));
    const mini = fs.readFileSync(path.join(SHARED_FIXTURES_DIR, 'for-tests-ggml-mini.bin'));
    const derived = deriveMiniWhisperModel(tiny);
    expect(derived.length).toBe(mini.length);
    expect(Buffer.from(derived).equals(mini)).toBe(true);
    expect(sha256(derived)).toBe(FIXTURE_SHA256['for-tests-ggml-mini.bin']);
    // The input is left alone.
    expect(sha256(tiny)).toBe(FIXTURE_SHA256['for-tests-ggml-tiny.en.bin']);
  });

  it('honours FIXTURES_DIR', async () => {
    const dir = tempCopyOfShared();
    vi.stubEnv('FIXTURES_DIR', dir);
    const fresh = await import('../../helpers/fixtures.js');
    await expect(fresh.fixturesDir()).resolves.toBe(dir);
  });

  it('refuses a folder with a damaged or missing file, naming it', async () => {
    const dir = tempCopyOfShared();
    const wav = path.join(dir, 'jfk.wav');
    const bytes = fs.readFileSync(wav);
    bytes[1000] = (bytes[1000]! + 1) % 256;
    fs.writeFileSync(wav, bytes);
    fs.rmSync(path.join(dir, 'llama-2-tiny-random.gguf'));
    expect(() => verifyFixtures(dir)).toThrow(/jfk\.wav: sha256 [0-9a-f]{64}, expected 59dfb9a4/);
    expect(() => verifyFixtures(dir)).toThrow(/llama-2-tiny-random\.gguf: missing/);
    expect(() => verifyFixtures(dir)).not.toThrow(/silero/);

    vi.stubEnv('FIXTURES_DIR', dir);
    const fresh = await import('../../helpers/fixtures.js');
    await expect(fresh.fixturesDir()).rejects.toThrow(/do not match SHA256SUMS/);
  });
});

describe.skipIf(!hasShared)('downloadFixtures', () => {
  it('fetches every upstream file, derives the mini model, and skips files already right', async () => {
    const requested: string[] = [];
    const server = http.createServer((req, res) => {
      const name = path.basename(req.url ?? '');
      requested.push(name);
      const file = path.join(SHARED_FIXTURES_DIR, name);
      if (!fs.existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const upstream = Object.fromEntries(Object.keys(FIXTURE_UPSTREAM).map((name) => [name, `${base}/${name}`]));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-download-'));
      temps.push(dir);

      await downloadFixtures(dir, upstream);
      expect(() => verifyFixtures(dir)).not.toThrow();
      expect(requested.sort()).toEqual(Object.keys(FIXTURE_UPSTREAM).sort());
      expect(fs.readdirSync(dir).sort()).toEqual([...FIXTURE_NAMES].sort());

      // A second run fetches only what went bad.
      requested.length = 0;
      fs.writeFileSync(path.join(dir, 'jfk.wav'), 'truncated');
      fs.rmSync(path.join(dir, 'for-tests-ggml-mini.bin'));
      await downloadFixtures(dir, upstream);
      expect(requested).toEqual(['jfk.wav']);
      expect(() => verifyFixtures(dir)).not.toThrow();

      // An upstream error is reported with its address.
      fs.rmSync(path.join(dir, 'jfk.wav'));
      await expect(downloadFixtures(dir, { ...upstream, 'jfk.wav': `${base}/gone.wav` })).rejects.toThrow(
        /gone\.wav failed: HTTP 404/,
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('deriveMiniWhisperModel', () => {
  it('rewrites exactly bytes 4–47 with the mini hparams', () => {
    const input = new Uint8Array(64).fill(0xee);
    new DataView(input.buffer).setUint32(0, 0x67676d6c, true);
    const out = deriveMiniWhisperModel(input);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    const hparams = Array.from({ length: 11 }, (_, i) => view.getInt32(4 + i * 4, true));
    expect(hparams).toEqual([51864, 1500, 64, 1, 1, 64, 64, 1, 1, 80, 1]);
    expect(Array.from(out.subarray(0, 4))).toEqual(Array.from(input.subarray(0, 4)));
    expect(Array.from(out.subarray(48))).toEqual(new Array(16).fill(0xee));
    expect(input[4]).toBe(0xee);
  });

  it('refuses a file that is not a ggml model', () => {
    expect(() => deriveMiniWhisperModel(new Uint8Array(100))).toThrow(/not a ggml whisper model/);
    expect(() => deriveMiniWhisperModel(new Uint8Array([0x6c, 0x6d, 0x67, 0x67]))).toThrow(/not a ggml whisper model/);
  });
});
