import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../../main/contract/result.js';
import type { Hardware } from '../../../../main/contract/services/models.js';
import type { Settings } from '../../../../main/contract/services/settings.js';
import { EventBus } from '../../../../main/core/events.js';
import { createModelsService, type ModelsService } from '../../../../main/core/models/models-service.js';
import { fixturePath } from '../../../helpers/fixtures.js';
import { testVadModel, testWhisperModel } from '../../../helpers/speech-models.js';

const hardware = (ramBytes: number): Hardware => ({
  cpuName: 'cpu',
  cpuCores: 4,
  cpuThreads: 4,
  memoryReadGBps: null,
  totalRamBytes: ramBytes,
  freeRamBytes: ramBytes / 2,
  gpu: null,
  gpuNames: [],
  vramBytes: 0,
  freeVramBytes: 0,
  note: null,
});

let gguf: string;
/** A Whisper model for sherpa-onnx: a folder of encoder, decoder and tokens (a stand-in). */
let whisper: string;
let vad: string;
/** A whisper.cpp model, the format earlier versions used. */
let ggml: string;
const open: ModelsService[] = [];

beforeAll(async () => {
  gguf = await fixturePath('llama-2-tiny-random.gguf');
  whisper = await testWhisperModel();
  vad = await testVadModel();
  ggml = await fixturePath('for-tests-ggml-tiny.en.bin');
});

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function setup(options: { ramBytes?: number; bundled?: string[] } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-models-'));
  const modelsDir = path.join(root, 'models');
  let bundledDir: string | null = null;
  if (options.bundled) {
    bundledDir = path.join(root, 'resources-models');
    fs.mkdirSync(bundledDir);
    for (const file of options.bundled)
      fs.cpSync(file, path.join(bundledDir, path.basename(file)), { recursive: true });
  }
  const settings: Pick<Settings, 'activeLlmModel' | 'activeWhisperModel'> = {
    activeLlmModel: null,
    activeWhisperModel: null,
  };
  const hw = hardware(options.ramBytes ?? 16e9);
  const service = createModelsService({
    modelsDir,
    bundledModelsDir: bundledDir,
    events: new EventBus(),
    settings: { read: () => ({ ...settings }), write: (patch) => Object.assign(settings, patch) },
    hardware: { get: async () => hw, peek: () => hw },
    log: () => {},
  });
  open.push(service);
  return { service, settings, modelsDir, root };
}

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (isAppError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('import from file', () => {
  it('copies the fixture GGUF into models/, lists it and makes it the active interviewer model', async () => {
    const { service, settings, modelsDir } = setup();
    const model = await service.import({ path: gguf, kind: 'llm' });
    expect(model).toMatchObject({
      kind: 'llm',
      source: 'import',
      deletable: true,
      name: 'llama-2-tiny-random.gguf',
      path: path.join(modelsDir, 'llama-2-tiny-random.gguf'),
    });
    expect(fs.readFileSync(model.path).equals(fs.readFileSync(gguf))).toBe(true);
    expect(settings.activeLlmModel).toBe(model.path);
    expect(service.status().installed.map((m) => m.path)).toEqual([model.path]);
  });

  it('imports a Whisper folder as the speech model (its three files only) and the Silero file as VAD', async () => {
    const { service, settings, modelsDir } = setup();
    const w = await service.import({ path: whisper });
    expect(w).toMatchObject({ kind: 'whisper', problem: null, path: path.join(modelsDir, path.basename(whisper)) });
    expect(fs.readdirSync(w.path).sort()).toEqual(
      fs
        .readdirSync(whisper)
        .filter((n) => n !== 'manifest.json')
        .sort(),
    );
    expect(settings.activeWhisperModel).toBe(w.path);
    expect((await service.import({ path: vad })).kind).toBe('vad');
    expect(settings.activeLlmModel).toBeNull();
  });

  it('imports the whole Whisper folder when given one of its files', async () => {
    const { service } = setup();
    const encoder = fs.readdirSync(whisper).find((n) => n.includes('encoder'))!;
    const w = await service.import({ path: path.join(whisper, encoder), kind: 'whisper' });
    expect(w.kind).toBe('whisper');
    expect(fs.readdirSync(w.path)).toHaveLength(3);
  });

  it('refuses a partial Whisper folder, naming what is missing, and a whisper.cpp file from earlier versions', async () => {
    const { service, root, modelsDir } = setup();
    const partial = path.join(root, 'half-a-model');
    fs.mkdirSync(partial);
    for (const n of fs.readdirSync(whisper).filter((n) => n.endsWith('.onnx')))
      fs.copyFileSync(path.join(whisper, n), path.join(partial, n));
    expect(await codeOf(service.import({ path: partial, kind: 'whisper' }))).toMatch(
      /^MODEL_INVALID: The speech model in half-a-model is incomplete: the tokens file \(\*-tokens\.txt\) is missing/,
    );
    expect(await codeOf(service.import({ path: ggml, kind: 'whisper' }))).toMatch(
      /^MODEL_INVALID: for-tests-ggml-tiny\.en\.bin is a whisper\.cpp \(ggml\) speech model, which this version no longer runs\./,
    );
    expect(fs.existsSync(modelsDir) ? fs.readdirSync(modelsDir) : []).toEqual([]);
  });

  it('a second import of a file with the same name gets its own name, and the first active model stays active', async () => {
    const { service, settings } = setup();
    const first = await service.import({ path: gguf });
    const second = await service.import({ path: gguf });
    expect(path.basename(second.path)).toBe('llama-2-tiny-random-2.gguf');
    expect(settings.activeLlmModel).toBe(first.path);
  });

  it('refuses a speech model chosen as the language model, and copies nothing', async () => {
    const { service, modelsDir } = setup();
    expect(await codeOf(service.import({ path: vad, kind: 'llm' }))).toMatch(
      /^MODEL_INVALID: .*voice-activity-detection \(VAD\) model, not a language model/,
    );
    const encoder = fs.readdirSync(whisper).find((n) => n.includes('encoder'))!;
    expect(await codeOf(service.import({ path: path.join(whisper, encoder), kind: 'llm' }))).toMatch(
      /^MODEL_INVALID: .*one part of a Whisper model \(its encoder\)/,
    );
    expect(fs.existsSync(modelsDir) ? fs.readdirSync(modelsDir) : []).toEqual([]);
  });

  it('refuses a text file renamed .gguf and a 0-byte file', async () => {
    const { service, root } = setup();
    const text = path.join(root, 'fake.gguf');
    fs.writeFileSync(text, 'hello, I am not a model\n');
    expect(await codeOf(service.import({ path: text, kind: 'llm' }))).toMatch(
      /^MODEL_INVALID: fake\.gguf is a text file/,
    );
    const empty = path.join(root, 'empty.bin');
    fs.writeFileSync(empty, '');
    expect(await codeOf(service.import({ path: empty }))).toMatch(/^MODEL_INVALID: empty\.bin is empty \(0 bytes\)/);
  });

  it('refuses a model too large for this machine unless allowed', async () => {
    // The fixture needs about 90 MB at a 4k context by node-llama-cpp's estimate.
    const { service } = setup({ ramBytes: 100e6 });
    expect(await codeOf(service.import({ path: gguf }))).toMatch(
      /^CONFLICT: llama-2-tiny-random\.gguf is probably too large for this computer\. Needs about \d+ MB.*"Import anyway"/,
    );
    expect((await service.import({ path: gguf, allowLarge: true })).kind).toBe('llm');
  });
});

describe('active models and delete', () => {
  it('setActive takes an installed model of the right kind, or null', async () => {
    const { service, settings } = setup();
    const llm = await service.import({ path: gguf });
    const w = await service.import({ path: whisper });
    expect(await codeOf(() => service.setActive({ kind: 'llm', path: w.path }))).toMatch(
      /^MODEL_INVALID: .*cannot be used for the interviewer/,
    );
    expect(await codeOf(() => service.setActive({ kind: 'whisper', path: '/elsewhere/x' }))).toMatch(/^NOT_FOUND/);
    expect(service.setActive({ kind: 'llm', path: null }).activeLlm).toBeNull();
    expect(service.setActive({ kind: 'llm', path: llm.path }).activeLlm).toBe(llm.path);
    expect(settings.activeWhisperModel).toBe(w.path);
  });

  it('lists a Whisper folder that lost a file with what is wrong; it cannot be made active, and delete removes the folder', async () => {
    const { service, settings } = setup();
    const w = await service.import({ path: whisper });
    const tokens = fs.readdirSync(w.path).find((n) => n.endsWith('.txt'))!;
    fs.rmSync(path.join(w.path, tokens));
    const listed = service.status().installed.find((m) => m.path === w.path);
    expect(listed?.problem).toMatch(/incomplete: the tokens file/);
    service.setActive({ kind: 'whisper', path: null });
    expect(await codeOf(() => service.setActive({ kind: 'whisper', path: w.path }))).toMatch(
      /^MODEL_INVALID: .*cannot be used: .*incomplete/,
    );
    expect(service.delete({ path: w.path }).installed).toEqual([]);
    expect(fs.existsSync(w.path)).toBe(false);
    expect(settings.activeWhisperModel).toBeNull();
  });

  it('delete removes the file and clears it where it was active; only installed files can be deleted', async () => {
    const { service, settings, root } = setup();
    const llm = await service.import({ path: gguf });
    const outside = path.join(root, 'keep.gguf');
    fs.copyFileSync(gguf, outside);
    expect(await codeOf(() => service.delete({ path: outside }))).toMatch(/^NOT_FOUND/);
    expect(fs.existsSync(outside)).toBe(true);
    const status = service.delete({ path: llm.path });
    expect(status.installed).toEqual([]);
    expect(fs.existsSync(llm.path)).toBe(false);
    expect(settings.activeLlmModel).toBeNull();
  });
});

describe('models bundled with an offline installer', () => {
  it('are listed without a download, made active when nothing is, and cannot be deleted', () => {
    const { service, settings } = setup({ bundled: [gguf, whisper] });
    const installed = service.status().installed;
    expect(installed.map((m) => [m.id, m.kind, m.source, m.deletable])).toEqual([
      ['bundled:llama-2-tiny-random.gguf', 'llm', 'bundled', false],
      [`bundled:${path.basename(whisper)}`, 'whisper', 'bundled', false],
    ]);
    expect(settings.activeLlmModel).toBe(installed[0]?.path);
    expect(settings.activeWhisperModel).toBe(installed[1]?.path);
    return expect(codeOf(() => service.delete({ path: installed[0]?.path ?? '' }))).resolves.toMatch(
      /^CONFLICT: .*came with the app/,
    );
  });
});

describe('catalog', () => {
  it('lists every bundled entry with a fit, one recommendation per kind, and what is installed', async () => {
    const { service, modelsDir } = setup({ ramBytes: 8e9 });
    fs.mkdirSync(modelsDir, { recursive: true });
    fs.cpSync(whisper, path.join(modelsDir, 'sherpa-onnx-whisper-base.en'), { recursive: true });
    const { models, hardware: hw } = await service.catalog();
    expect(hw.totalRamBytes).toBe(8e9);
    // What fetching a model on another computer needs: exact file name, size, hash (when known) and address.
    for (const m of models) {
      expect(m.address, m.id).toMatch(/^https:\/\/.+/);
      // A model made of several files (a Whisper folder) lists each file with its own address.
      for (const f of m.files ?? []) expect(f.address.endsWith(`/${f.fileName}`), m.id).toBe(true);
      expect(m.sizeBytes).toBeGreaterThan(0);
      expect(m.sha256 === null || /^[0-9a-f]{64}$/.test(m.sha256)).toBe(true);
    }
    expect(models.filter((m) => m.recommended).map((m) => m.id)).toEqual([
      'qwen2.5-1.5b-instruct-q4_k_m',
      'whisper-base.en-int8',
      'silero-vad-v5',
    ]);
    expect(models.find((m) => m.id === 'llama-3.1-8b-instruct-q4_k_m')?.fit).toBe('tight');
    expect(models.filter((m) => m.installed).map((m) => m.id)).toEqual(['whisper-base.en-int8']);
    expect(models.find((m) => m.id === 'whisper-base.en-int8')?.files).toHaveLength(3);
    expect(service.status().installed[0]).toMatchObject({
      source: 'download',
      catalogId: 'whisper-base.en-int8',
      name: 'Whisper base.en (int8)',
      problem: null,
    });
  });

  it('answers unknown ids with NOT_FOUND', async () => {
    const { service } = setup();
    expect(await codeOf(service.download({ id: 'no-such-model' }))).toMatch(/^NOT_FOUND/);
    expect(await codeOf(service.resume({ id: 'qwen2.5-1.5b-instruct-q4_k_m' }))).toMatch(
      /^NOT_FOUND: There is no paused download/,
    );
  });
});
