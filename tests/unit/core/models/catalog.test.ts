import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFileSchema, downloadUrl, loadCatalog, parseCatalog } from '../../../../main/core/models/catalog.js';
import { sha256File } from '../../../../main/core/models/verify.js';
import { extraFixturePath } from '../../../helpers/fixtures.js';

const CATALOG_FILE = path.resolve(import.meta.dirname, '../../../../models/catalog.json');
const raw = () =>
  JSON.parse(fs.readFileSync(CATALOG_FILE, 'utf8')) as { version: number; models: Record<string, unknown>[] };

function entry(overrides: Record<string, unknown> = {}) {
  return {
    id: 'test-model',
    kind: 'llm',
    tier: 'small',
    name: 'Test model',
    fileName: 'test-model.gguf',
    source: 'https://example.com/test-model.gguf',
    sizeBytes: 1000,
    licence: 'MIT',
    memoryBytes: 2000,
    goodFor: 'tests',
    ...overrides,
  };
}

describe('the bundled catalog (models/catalog.json)', () => {
  it('passes the schema', () => {
    const result = catalogFileSchema.safeParse(raw());
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('covers every hardware tier and both speech models', () => {
    const models = parseCatalog(raw(), 'catalog');
    const llmTiers = new Set(models.filter((m) => m.kind === 'llm').map((m) => m.tier));
    expect([...llmTiers].sort()).toEqual(['mid', 'small', 'strong']);
    // Whisper for sherpa-onnx: a folder of three files (int8 encoder and decoder, tokens).
    const whisper = models.filter((m) => m.kind === 'whisper');
    expect(whisper.map((m) => m.fileName)).toEqual(['sherpa-onnx-whisper-base.en', 'sherpa-onnx-whisper-small.en']);
    for (const m of whisper) {
      const size = m.fileName.replace('sherpa-onnx-whisper-', '');
      expect(m.files.map((f) => f.fileName)).toEqual([
        `${size}-encoder.int8.onnx`,
        `${size}-decoder.int8.onnx`,
        `${size}-tokens.txt`,
      ]);
      expect(m.sizeBytes).toBe(m.files.reduce((sum, f) => sum + f.sizeBytes, 0));
    }
    expect(models.filter((m) => m.kind === 'vad').map((m) => m.fileName)).toEqual(['silero-vad-v5.onnx']);
  });

  it('pins the Silero VAD file by its SHA-256, and the pin is the real file’s', async () => {
    // The test fixture is byte for byte the file the catalog's address serves (silero-vad v5.1.2's
    // src/silero_vad/data/silero_vad.onnx: same git blob b3e3a900…), so hashing it checks the pin.
    const [vad] = parseCatalog(raw(), 'catalog').filter((m) => m.kind === 'vad');
    const file = await extraFixturePath('silero-vad-v5.onnx');
    expect(vad?.files[0]?.sizeBytes).toBe(fs.statSync(file).size);
    expect(vad?.files[0]?.sha256).toBe(await sha256File(file));
    expect(vad?.files[0]?.source).toMatch(/silero-vad\/raw\/v5\.1\.2\//);
  });

  it('every file comes over https from Hugging Face (Silero VAD from its own GitHub repository), with its name at the end', () => {
    for (const m of parseCatalog(raw(), 'catalog')) {
      for (const f of m.files) {
        const url = new URL(downloadUrl(f.source));
        expect(url.protocol).toBe('https:');
        if (m.kind === 'vad') expect(url.href).toMatch(/^https:\/\/github\.com\/snakers4\/silero-vad\/raw\//);
        else {
          expect(url.hostname).toBe('huggingface.co');
          expect(url.pathname.endsWith(`/${f.fileName}`), `${m.id}: ${url.pathname}`).toBe(true);
        }
      }
    }
  });

  it('is what loadCatalog returns when there is no extra file', () => {
    expect(loadCatalog().entries.map((e) => e.id)).toEqual(raw().models.map((m) => m.id));
  });
});

describe('catalog validation', () => {
  const parse = (models: unknown[]) => () => parseCatalog({ version: 1, models }, 'test.json');

  it('accepts a minimal valid entry', () => {
    expect(parse([entry()])()).toHaveLength(1);
  });

  it.each([
    ['a path in the file name', { fileName: '../evil.gguf' }, /fileName/],
    ['a language model in a .bin file', { fileName: 'x.bin' }, /must end in \.gguf/],
    ['a speech model with an LLM tier', { kind: 'whisper', fileName: 'w.bin', tier: 'small' }, /tier/],
    ['an unknown URI scheme', { source: 'ftp://example.com/x.gguf' }, /source/],
    ['an hf: URI without a file', { source: 'hf:user/repo' }, /source/],
    ['a size of zero', { sizeBytes: 0 }, /sizeBytes/],
    ['a malformed sha256', { sha256: 'abc' }, /sha256/],
    ['an unknown field', { url: 'x' }, /url|Unrecognized/i],
  ])('rejects %s', (_label, overrides, message) => {
    expect(parse([entry(overrides)])).toThrow(message);
  });

  const whisperSet = (files: unknown[], overrides: Record<string, unknown> = {}) => {
    const {
      source: _source,
      sizeBytes: _size,
      ...rest
    } = entry({
      kind: 'whisper',
      tier: 'speech',
      fileName: 'whisper-x',
      ...overrides,
    });
    return { ...rest, files };
  };
  const file = (fileName: string, extra: Record<string, unknown> = {}) => ({
    fileName,
    source: `https://example.com/${fileName}`,
    sizeBytes: 10,
    ...extra,
  });

  it('reads a Whisper model as a set of files with a total size', () => {
    const [m] = parse([
      whisperSet([file('x-encoder.onnx'), file('x-decoder.onnx'), file('x-tokens.txt', { sizeBytes: 5 })]),
    ])();
    expect(m).toMatchObject({ isSet: true, sizeBytes: 25, source: 'https://example.com/x-encoder.onnx' });
    expect(m!.files.map((f) => f.fileName)).toEqual(['x-encoder.onnx', 'x-decoder.onnx', 'x-tokens.txt']);
    // A one-file model has itself as its only file.
    const [single] = parse([entry({ sha256: 'a'.repeat(64) })])();
    expect(single).toMatchObject({ isSet: false, files: [{ fileName: 'test-model.gguf', sha256: 'a'.repeat(64) }] });
  });

  it.each([
    ['without its tokens file', [file('e.onnx'), file('d.onnx')], /two \.onnx files/],
    ['with a .bin file', [file('e.onnx'), file('d.onnx'), file('t.bin')], /onnx or \.txt/],
    ['with a path in a file name', [file('../e.onnx'), file('d.onnx'), file('t.txt')], /plain file name/],
  ])('rejects a Whisper set %s', (_label, files, message) => {
    expect(parse([whisperSet(files)])).toThrow(message);
  });

  it('rejects a Whisper model given as one file, and a VAD model that is not .onnx', () => {
    expect(parse([entry({ kind: 'whisper', tier: 'speech', fileName: 'w.onnx' })])).toThrow(/lists its files/);
    expect(parse([entry({ kind: 'vad', tier: 'speech', fileName: 'vad.bin' })])).toThrow(/must end in \.onnx/);
  });

  it('rejects duplicate ids and duplicate file names', () => {
    expect(parse([entry(), entry({ fileName: 'other.gguf' })])).toThrow(/duplicate id/);
    expect(parse([entry(), entry({ id: 'other' })])).toThrow(/duplicate file name/);
  });
});

describe('an extra catalog file (REHEARSAL_CATALOG_FILE)', () => {
  const write = (content: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ir-catalog-')), 'extra.json');
    fs.writeFileSync(file, content);
    return file;
  };

  it('adds new entries and replaces bundled ones with the same id', () => {
    const bundledFirst = raw().models[0] as { id: string; fileName: string };
    const file = write(
      JSON.stringify({
        version: 1,
        models: [entry(), entry({ id: bundledFirst.id, fileName: bundledFirst.fileName, name: 'Replaced' })],
      }),
    );
    const { entries, problems } = loadCatalog(file);
    expect(problems).toEqual([]);
    expect(entries.find((e) => e.id === bundledFirst.id)?.name).toBe('Replaced');
    expect(entries.at(-1)?.id).toBe('test-model');
    expect(entries).toHaveLength(raw().models.length + 1);
  });

  it('is reported as a problem, not a crash, when broken; the bundled catalog stays', () => {
    const { entries, problems } = loadCatalog(write('{ not json'));
    expect(entries).toHaveLength(raw().models.length);
    expect(problems[0]).toMatch(/extra model catalog could not be used/);
    expect(loadCatalog('/no/such/file.json').problems).toHaveLength(1);
  });
});

describe('downloadUrl', () => {
  it('resolves hf: file URIs like node-llama-cpp, with an optional branch', () => {
    expect(downloadUrl('hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf')).toBe(
      'https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf',
    );
    expect(downloadUrl('hf:user/repo/sub/dir/model.gguf#dev')).toBe(
      'https://huggingface.co/user/repo/resolve/dev/sub/dir/model.gguf',
    );
    expect(downloadUrl('http://127.0.0.1:8080/m.gguf')).toBe('http://127.0.0.1:8080/m.gguf');
  });
});

describe('fetching a catalog model on another computer', () => {
  it('every file has a plain https address; the files of a set end in their exact names', () => {
    for (const entry of loadCatalog().entries) {
      for (const file of entry.files) {
        const address = downloadUrl(file.source);
        expect(address, entry.id).toMatch(/^https:\/\//);
        // A set's folder must hold these names; a single file is recognised by its content.
        if (entry.isSet) expect(address.endsWith(`/${file.fileName}`), `${entry.id}: ${address}`).toBe(true);
        expect(file.sizeBytes).toBeGreaterThan(0);
      }
    }
  });
});
