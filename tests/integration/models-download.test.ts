/**
 * Model downloads end to end in Node: node-llama-cpp's downloader against a local HTTP server
 * on 127.0.0.1 serving the fixture GGUF, through the models service (catalog entry → preflight
 * → download → verify → installed and active).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../main/contract/events.js';
import { isAppError } from '../../main/contract/result.js';
import type { DownloadInfo, DownloadProgress, Hardware } from '../../main/contract/services/models.js';
import type { Settings } from '../../main/contract/services/settings.js';
import { EventBus } from '../../main/core/events.js';
import type { HardwareProbe } from '../../main/core/models/hardware.js';
import { createModelsService, type ModelsService } from '../../main/core/models/models-service.js';
import { fixturePath } from '../helpers/fixtures.js';
import { startRangeServer, type RangeServer } from '../helpers/range-server.js';
import { testWhisperModel } from '../helpers/speech-models.js';

const CHUNK = 5 * 1024 * 1024; // ipull's chunk size: the unit a resume keeps

const roomyMachine: Hardware = {
  cpuName: 'test cpu',
  cpuCores: 8,
  cpuThreads: 8,
  memoryReadGBps: null,
  totalRamBytes: 32e9,
  freeRamBytes: 16e9,
  gpu: null,
  gpuNames: [],
  vramBytes: 0,
  freeVramBytes: 0,
  note: null,
};
const probe = (hw: Hardware): HardwareProbe => ({ get: async () => hw, peek: () => hw });

let server: RangeServer;
let gguf: Buffer;
/**
 * The fixture followed by random bytes up to 16 MB: several chunks, so a resume has something to
 * keep. Random, like real weights: a body of zeros is refused as a download that never finished.
 */
let bigGguf: Buffer;
let root: string;
const services: ModelsService[] = [];

beforeAll(async () => {
  gguf = fs.readFileSync(await fixturePath('llama-2-tiny-random.gguf'));
  bigGguf = Buffer.concat([gguf, randomBytes(16 * 1024 * 1024 - gguf.length)]);
  server = await startRangeServer();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-download-'));
});

afterEach(() => {
  for (const s of services.splice(0)) s.close();
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Harness {
  service: ModelsService;
  events: EventEnvelope[];
  settings: Pick<Settings, 'activeLlmModel' | 'activeWhisperModel'>;
  modelsDir: string;
  dataDir: string;
}

let counter = 0;

function catalogFile(
  entries: { id: string; urlPath: string; sizeBytes: number; fileName?: string; sha256?: string }[],
): string {
  const file = path.join(root, `catalog-${++counter}.json`);
  const models = entries.map((e) => ({
    id: e.id,
    kind: 'llm',
    tier: 'small',
    name: `Test ${e.id}`,
    fileName: e.fileName ?? `${e.id}.gguf`,
    source: server.url(e.urlPath),
    sizeBytes: e.sizeBytes,
    ...(e.sha256 ? { sha256: e.sha256 } : {}),
    licence: 'test',
    memoryBytes: 100e6,
    goodFor: 'tests',
  }));
  fs.writeFileSync(file, JSON.stringify({ version: 1, models }));
  return file;
}

function harness(
  extraCatalogFile: string,
  options: { dataDir?: string; hardware?: Hardware; freeSpace?: (dir: string) => Promise<number> } = {},
): Harness {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(root, 'data-'));
  const bus = new EventBus();
  const events: EventEnvelope[] = [];
  bus.subscribe((e) => events.push(e));
  const settings: Harness['settings'] = { activeLlmModel: null, activeWhisperModel: null };
  const modelsDir = path.join(dataDir, 'models');
  const service = createModelsService({
    modelsDir,
    bundledModelsDir: null,
    extraCatalogFile,
    events: bus,
    settings: { read: () => ({ ...settings }), write: (patch) => Object.assign(settings, patch) },
    hardware: probe(options.hardware ?? roomyMachine),
    freeSpace: options.freeSpace,
    log: () => {},
  });
  services.push(service);
  return { service, events, settings, modelsDir, dataDir };
}

/** Resolves with the first download:state event for `id` whose state is one of `states`. */
function waitForState(h: Harness, id: string, states: DownloadInfo['state'][]): Promise<DownloadInfo> {
  return new Promise((resolve) => {
    const check = () => {
      const hit = h.events.find(
        (e) =>
          e.name === 'download:state' &&
          (e.payload as DownloadInfo).id === id &&
          states.includes((e.payload as DownloadInfo).state),
      );
      if (hit) return resolve(hit.payload as DownloadInfo);
      setTimeout(check, 20);
    };
    check();
  });
}

function waitForProgress(h: Harness, id: string, atLeast: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const hit = h.events.some((e) => {
        if (e.name !== 'download:progress') return false;
        const p = e.payload as DownloadProgress;
        return p.id === id && p.downloadedBytes >= atLeast;
      });
      if (hit) return resolve();
      setTimeout(check, 20);
    };
    check();
  });
}

async function expectAppError(promise: Promise<unknown>, code: string, text: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error), `expected an AppError ${code}, got ${String(error)}`).toBe(true);
  if (isAppError(error)) {
    expect(error.code).toBe(code);
    expect(error.message).toMatch(text);
  }
}

describe('downloading a catalog model from 127.0.0.1', () => {
  it('pushes progress events, verifies the file, installs it and makes it the active interviewer model', async () => {
    server.route('/ok.gguf', { body: gguf, bytesPerTick: 128 * 1024, tickMs: 40 });
    const h = harness(catalogFile([{ id: 'ok', urlPath: '/ok.gguf', sizeBytes: gguf.length, sha256: sha(gguf) }]));

    const started = await h.service.download({ id: 'ok' });
    expect(started.state).toBe('downloading');
    expect(started.totalBytes).toBe(gguf.length);
    const done = await waitForState(h, 'ok', ['done', 'failed']);
    expect(done.error).toBeNull();
    expect(done.state).toBe('done');

    const progress = h.events.filter((e) => e.name === 'download:progress').map((e) => e.payload as DownloadProgress);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.totalBytes === gguf.length)).toBe(true);
    const bytes = progress.map((p) => p.downloadedBytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(progress.some((p) => p.bytesPerSecond > 0)).toBe(true);
    expect(h.events.filter((e) => e.name === 'download:state').map((e) => (e.payload as DownloadInfo).state)).toEqual([
      'downloading',
      'verifying',
      'done',
    ]);

    const installedPath = path.join(h.modelsDir, 'ok.gguf');
    expect(done.path).toBe(installedPath);
    expect(sha(fs.readFileSync(installedPath))).toBe(sha(gguf));
    const status = h.service.status();
    expect(status.installed.map((m) => [m.catalogId, m.kind, m.source])).toEqual([['ok', 'llm', 'download']]);
    expect(status.downloads).toEqual([]);
    expect(h.settings.activeLlmModel).toBe(installedPath);
    // Nothing is left in the partial-download folder.
    expect(fs.readdirSync(path.join(h.modelsDir, '.downloads')).filter((f) => f !== 'downloads.json')).toEqual([]);
    expect((await h.service.catalog()).models.find((m) => m.id === 'ok')?.installed).toBe(true);
  });

  it('finishes with an identical file when the server drops the connection half-way, asking again with a Range request', async () => {
    server.route('/drop.gguf', { body: gguf, dropAfterBytes: Math.floor(gguf.length / 2) });
    const h = harness(catalogFile([{ id: 'drop', urlPath: '/drop.gguf', sizeBytes: gguf.length }]));
    await h.service.download({ id: 'drop' });
    const done = await waitForState(h, 'drop', ['done', 'failed']);
    expect(done.error).toBeNull();
    expect(sha(fs.readFileSync(path.join(h.modelsDir, 'drop.gguf')))).toBe(sha(gguf));
    const ranged = server.requests.filter((r) => r.path === '/drop.gguf' && r.range);
    // The preflight, the dropped request, and at least one retry, all by range.
    expect(ranged.length).toBeGreaterThanOrEqual(3);
  });

  it('after a drop in a later chunk, asks again from that chunk, not from byte 0', async () => {
    server.route('/drop-big.gguf', { body: bigGguf, dropAfterBytes: CHUNK / 2, dropWhen: (start) => start === CHUNK });
    const h = harness(catalogFile([{ id: 'drop-big', urlPath: '/drop-big.gguf', sizeBytes: bigGguf.length }]));
    await h.service.download({ id: 'drop-big' });
    const done = await waitForState(h, 'drop-big', ['done', 'failed']);
    expect(done.error).toBeNull();
    expect(sha(fs.readFileSync(path.join(h.modelsDir, 'drop-big.gguf')))).toBe(sha(bigGguf));
    const starts = server.requests.filter((r) => r.path === '/drop-big.gguf' && r.range).map((r) => r.start);
    expect(starts.filter((s) => s === CHUNK).length).toBeGreaterThanOrEqual(2);
    // Chunk 0 was fetched once by the downloader (plus the 64-byte preflight).
    expect(starts.filter((s) => s === 0).length).toBe(2);
  });

  it('pauses, survives an app restart as a paused download, and resumes without fetching finished chunks again', async () => {
    // Chunk 0 arrives at once; the rest trickles, so the pause lands after chunk 0 and before the end.
    server.route('/resume.gguf', { body: bigGguf, bytesPerTick: 64 * 1024, tickMs: 50, slowFrom: 1 });
    const file = catalogFile([
      { id: 'resume', urlPath: '/resume.gguf', sizeBytes: bigGguf.length, sha256: sha(bigGguf) },
    ]);
    const first = harness(file);
    await first.service.download({ id: 'resume' });
    await waitForProgress(first, 'resume', CHUNK + 256 * 1024);
    const paused = await first.service.pause({ id: 'resume' });
    expect(paused.state).toBe('paused');
    // Only finished chunks count: chunk 0 (sent at once) and perhaps the short last one.
    expect(paused.downloadedBytes).toBeGreaterThanOrEqual(CHUNK);
    expect(paused.downloadedBytes).toBeLessThan(bigGguf.length);
    expect(fs.existsSync(path.join(first.modelsDir, '.downloads', 'resume.gguf.ipull'))).toBe(true);
    first.service.close();

    // A new service on the same data folder is the app after a restart.
    server.route('/resume.gguf', { body: bigGguf });
    const requestsBefore = server.requests.length;
    const second = harness(file, { dataDir: first.dataDir });
    const restored = second.service.status().downloads;
    expect(restored.map((d) => [d.id, d.state])).toEqual([['resume', 'paused']]);
    expect(restored[0]?.downloadedBytes).toBe(paused.downloadedBytes);

    const resumed = await second.service.resume({ id: 'resume' });
    expect(resumed.state).toBe('downloading');
    const done = await waitForState(second, 'resume', ['done', 'failed']);
    expect(done.error).toBeNull();
    expect(sha(fs.readFileSync(path.join(second.modelsDir, 'resume.gguf')))).toBe(sha(bigGguf));
    const afterRestart = server.requests
      .slice(requestsBefore)
      .filter((r) => r.path === '/resume.gguf' && r.range && r.range !== 'bytes=0-63');
    expect(afterRestart.length).toBeGreaterThan(0);
    expect(afterRestart.every((r) => r.start >= CHUNK)).toBe(true);
  });

  it('cancel stops the download and deletes the partial file', async () => {
    server.route('/cancel.gguf', { body: bigGguf, bytesPerTick: 32 * 1024, tickMs: 50 });
    const h = harness(catalogFile([{ id: 'cancel', urlPath: '/cancel.gguf', sizeBytes: bigGguf.length }]));
    await h.service.download({ id: 'cancel' });
    await waitForProgress(h, 'cancel', 1);
    const status = await h.service.cancel({ id: 'cancel' });
    expect(status.downloads).toEqual([]);
    expect((await waitForState(h, 'cancel', ['cancelled'])).state).toBe('cancelled');
    expect(fs.readdirSync(path.join(h.modelsDir, '.downloads')).filter((f) => f !== 'downloads.json')).toEqual([]);
    expect(status.installed).toEqual([]);
  });
});

describe('downloads that cannot work say why at once', () => {
  it('404: DOWNLOAD_FAILED naming the status, nothing started', async () => {
    const h = harness(catalogFile([{ id: 'missing', urlPath: '/nothing-here.gguf', sizeBytes: gguf.length }]));
    await expectAppError(h.service.download({ id: 'missing' }), 'DOWNLOAD_FAILED', /HTTP 404.*import/);
    expect(h.service.status().downloads).toEqual([]);
    expect(h.events).toEqual([]);
  });

  it('500: DOWNLOAD_FAILED at once (the downloader alone would retry for minutes)', async () => {
    server.route('/broken.gguf', { body: gguf, status: 500 });
    const h = harness(catalogFile([{ id: 'broken', urlPath: '/broken.gguf', sizeBytes: gguf.length }]));
    await expectAppError(h.service.download({ id: 'broken' }), 'DOWNLOAD_FAILED', /HTTP 500.*try again later/);
  });

  it('an HTML page instead of the file: DOWNLOAD_FAILED', async () => {
    const page = Buffer.from('<!DOCTYPE html><html><body>Please sign in</body></html>'.padEnd(gguf.length, ' '));
    server.route('/page.gguf', { body: page, contentType: 'text/html; charset=utf-8' });
    const h = harness(catalogFile([{ id: 'page', urlPath: '/page.gguf', sizeBytes: page.length }]));
    await expectAppError(h.service.download({ id: 'page' }), 'DOWNLOAD_FAILED', /web page/);
  });

  it('a file of another size than the catalog says: DOWNLOAD_FAILED before downloading', async () => {
    server.route('/size.gguf', { body: gguf });
    const h = harness(catalogFile([{ id: 'size', urlPath: '/size.gguf', sizeBytes: 3_000_000 }]));
    const before = server.requests.length;
    await expectAppError(
      h.service.download({ id: 'size' }),
      'DOWNLOAD_FAILED',
      /offers 1\.8 MB .* catalog expects 3\.0 MB/,
    );
    expect(server.requests.slice(before).map((r) => r.range)).toEqual(['bytes=0-63']);
  });

  it('a checksum that does not match: the download fails at verification and the file is removed', async () => {
    server.route('/sum.gguf', { body: gguf });
    const h = harness(
      catalogFile([{ id: 'sum', urlPath: '/sum.gguf', sizeBytes: gguf.length, sha256: '0'.repeat(64) }]),
    );
    await h.service.download({ id: 'sum' });
    const failed = await waitForState(h, 'sum', ['done', 'failed']);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('DOWNLOAD_FAILED');
    expect(failed.error?.message).toMatch(/checksum.*start the download again/);
    expect(h.service.status().installed).toEqual([]);
    expect(fs.existsSync(path.join(h.modelsDir, 'sum.gguf'))).toBe(false);
  });

  it('no server listening: DOWNLOAD_FAILED saying it could not be reached', async () => {
    const file = path.join(root, 'unreachable.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        models: [
          {
            id: 'gone',
            kind: 'llm',
            tier: 'small',
            name: 'Gone',
            fileName: 'gone.gguf',
            source: 'http://127.0.0.1:9/gone.gguf',
            sizeBytes: 1000,
            licence: 't',
            memoryBytes: 1e6,
            goodFor: 't',
          },
        ],
      }),
    );
    const h = harness(file);
    await expectAppError(h.service.download({ id: 'gone' }), 'DOWNLOAD_FAILED', /Could not reach 127\.0\.0\.1:9/);
  });

  it('not enough disk space: DISK_FULL before starting', async () => {
    server.route('/space.gguf', { body: gguf });
    const h = harness(catalogFile([{ id: 'space', urlPath: '/space.gguf', sizeBytes: gguf.length }]), {
      freeSpace: async () => 50e6,
    });
    await expectAppError(h.service.download({ id: 'space' }), 'DISK_FULL', /free space.*Free some space/);
    expect(h.service.status().downloads).toEqual([]);
  });

  it('the disk filling up mid-download pauses it with DISK_FULL, keeps the finished chunks, and Resume finishes it', async () => {
    server.route('/fill.gguf', { body: bigGguf, bytesPerTick: 128 * 1024, tickMs: 50, slowFrom: 1 });
    let free = 10e9;
    const h = harness(catalogFile([{ id: 'fill', urlPath: '/fill.gguf', sizeBytes: bigGguf.length }]), {
      freeSpace: async () => free,
    });
    await h.service.download({ id: 'fill' });
    await waitForProgress(h, 'fill', CHUNK + 128 * 1024);
    free = 10e6; // another program filled the disk
    const paused = await waitForState(h, 'fill', ['paused', 'failed', 'done']);
    expect(paused.state).toBe('paused');
    expect(paused.error?.code).toBe('DISK_FULL');
    expect(paused.error?.message).toMatch(/almost full.*Resume/);
    expect(paused.downloadedBytes).toBeGreaterThanOrEqual(CHUNK);
    expect(paused.downloadedBytes).toBeLessThan(bigGguf.length);
    expect(fs.existsSync(path.join(h.modelsDir, '.downloads', 'fill.gguf.ipull'))).toBe(true);

    free = 10e9;
    server.route('/fill.gguf', { body: bigGguf });
    const before = server.requests.length;
    await h.service.resume({ id: 'fill' });
    const done = await waitForState(h, 'fill', ['done', 'failed']);
    expect(done.error).toBeNull();
    expect(sha(fs.readFileSync(path.join(h.modelsDir, 'fill.gguf')))).toBe(sha(bigGguf));
    const refetched = server.requests
      .slice(before)
      .filter((r) => r.path === '/fill.gguf' && r.range && r.range !== 'bytes=0-63');
    expect(refetched.every((r) => r.start >= CHUNK)).toBe(true);
  });

  it('a model larger than this machine can hold: CONFLICT with what to do, unless allowed', async () => {
    server.route('/large.gguf', { body: gguf });
    const small: Hardware = { ...roomyMachine, totalRamBytes: 100e6 };
    const h = harness(catalogFile([{ id: 'large', urlPath: '/large.gguf', sizeBytes: gguf.length }]), {
      hardware: small,
    });
    await expectAppError(h.service.download({ id: 'large' }), 'CONFLICT', /too large.*smaller model.*Download anyway/);
    const started = await h.service.download({ id: 'large', allowLarge: true });
    expect(started.state).toBe('downloading');
    expect((await waitForState(h, 'large', ['done', 'failed'])).state).toBe('done');
  });
});

describe('downloading a Whisper model: a set of files installed as one folder', () => {
  let setFiles: { fileName: string; body: Buffer }[];

  beforeAll(async () => {
    const dir = await testWhisperModel();
    setFiles = fs
      .readdirSync(dir)
      .filter((n) => n !== 'manifest.json')
      .sort((a, b) => Number(a.endsWith('.txt')) - Number(b.endsWith('.txt')) || a.localeCompare(b))
      .map((fileName) => ({ fileName, body: fs.readFileSync(path.join(dir, fileName)) }));
  });

  function setCatalog(id: string, options: { sha256?: Record<string, string>; missing?: string } = {}): string {
    for (const f of setFiles) {
      if (f.fileName === options.missing) server.route(`/${id}/${f.fileName}`, { body: Buffer.alloc(0), status: 404 });
      else server.route(`/${id}/${f.fileName}`, { body: f.body, bytesPerTick: 512 * 1024, tickMs: 20 });
    }
    const file = path.join(root, `catalog-${++counter}.json`);
    const model = {
      id,
      kind: 'whisper',
      tier: 'speech',
      name: `Whisper ${id}`,
      fileName: `whisper-${id}`,
      files: setFiles.map((f) => ({
        fileName: f.fileName,
        source: server.url(`/${id}/${f.fileName}`),
        sizeBytes: f.body.length,
        ...(options.sha256?.[f.fileName] ? { sha256: options.sha256[f.fileName] } : {}),
      })),
      licence: 'test',
      memoryBytes: 100e6,
      goodFor: 'tests',
    };
    fs.writeFileSync(file, JSON.stringify({ version: 1, models: [model] }));
    return file;
  }

  it('fetches every file, checks each checksum and the set, installs the folder and makes it the speech model', async () => {
    const sums = Object.fromEntries(setFiles.map((f) => [f.fileName, sha(f.body)]));
    const h = harness(setCatalog('set-ok', { sha256: sums }));
    const total = setFiles.reduce((sum, f) => sum + f.body.length, 0);
    const started = await h.service.download({ id: 'set-ok' });
    expect(started.totalBytes).toBe(total);
    const done = await waitForState(h, 'set-ok', ['done', 'failed']);
    expect(done.error).toBeNull();
    const folder = path.join(h.modelsDir, 'whisper-set-ok');
    expect(done.path).toBe(folder);
    for (const f of setFiles) expect(sha(fs.readFileSync(path.join(folder, f.fileName)))).toBe(sums[f.fileName]);
    // Progress counts the whole set, file after file, and never goes back.
    const bytes = h.events
      .filter((e) => e.name === 'download:progress')
      .map((e) => e.payload as DownloadProgress)
      .filter((p) => p.id === 'set-ok')
      .map((p) => p.downloadedBytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(bytes.at(-1)).toBe(total);
    const status = h.service.status();
    expect(status.installed.map((m) => [m.catalogId, m.kind, m.problem])).toEqual([['set-ok', 'whisper', null]]);
    expect(h.settings.activeWhisperModel).toBe(folder);
    expect(fs.readdirSync(path.join(h.modelsDir, '.downloads')).filter((f) => f !== 'downloads.json')).toEqual([]);
  });

  it('a file of the set missing on the server: DOWNLOAD_FAILED naming it, before anything downloads', async () => {
    const tokens = setFiles.find((f) => f.fileName.endsWith('.txt'))!.fileName;
    const h = harness(setCatalog('set-404', { missing: tokens }));
    await expectAppError(
      h.service.download({ id: 'set-404' }),
      'DOWNLOAD_FAILED',
      new RegExp(`no file for Whisper set-404 \\(${tokens.replace(/\./g, '\\.')}\\) \\(HTTP 404\\)`),
    );
    expect(fs.existsSync(path.join(h.modelsDir, 'whisper-set-404'))).toBe(false);
  });

  it('one file with the wrong checksum: the set fails at verification, nothing is installed, the parts are removed', async () => {
    const decoder = setFiles.find((f) => f.fileName.includes('decoder'))!.fileName;
    const h = harness(setCatalog('set-sum', { sha256: { [decoder]: '0'.repeat(64) } }));
    await h.service.download({ id: 'set-sum' });
    const failed = await waitForState(h, 'set-sum', ['done', 'failed']);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toMatch(
      /\(.*decoder.*\) does not match the catalog's checksum.*Its files were removed/,
    );
    expect(fs.existsSync(path.join(h.modelsDir, 'whisper-set-sum'))).toBe(false);
    expect(fs.existsSync(path.join(h.modelsDir, '.downloads', 'whisper-set-sum'))).toBe(false);
    expect(h.service.status().installed).toEqual([]);
  });

  it('pauses in the middle of the set and resumes without fetching the finished files again', async () => {
    const [first, second] = setFiles;
    const h = harness(setCatalog('set-resume'));
    // The second file trickles, so the pause lands while it is downloading.
    server.route(`/set-resume/${second!.fileName}`, { body: second!.body, bytesPerTick: 16 * 1024, tickMs: 50 });
    await h.service.download({ id: 'set-resume' });
    await waitForProgress(h, 'set-resume', first!.body.length + 1);
    const paused = await h.service.pause({ id: 'set-resume' });
    expect(paused.state).toBe('paused');
    expect(paused.downloadedBytes).toBeGreaterThanOrEqual(first!.body.length);
    server.route(`/set-resume/${second!.fileName}`, { body: second!.body });
    const before = server.requests.length;
    await h.service.resume({ id: 'set-resume' });
    const done = await waitForState(h, 'set-resume', ['done', 'failed']);
    expect(done.error).toBeNull();
    const again = server.requests.slice(before).filter((r) => r.path === `/set-resume/${first!.fileName}`);
    expect(again).toEqual([]);
    expect(h.service.status().installed.map((m) => m.problem)).toEqual([null]);
  });
});
