import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEADER_BYTES, sniffHeader } from '../../../../main/core/models/model-headers.js';
import { OnnxFormatError, readOnnxSummary } from '../../../../main/core/models/onnx-file.js';
import { onnxFileRole } from '../../../../main/core/models/speech-files.js';
import { fixturePath } from '../../../helpers/fixtures.js';
import { testVadModel } from '../../../helpers/speech-models.js';

let dir: string;
let vad: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-onnx-'));
  vad = await testVadModel();
});

const write = (name: string, bytes: Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

describe('readOnnxSummary', () => {
  it('reads the Silero VAD’s graph inputs, outputs and opset without loading it', () => {
    const summary = readOnnxSummary(vad);
    expect(summary.inputs.map((i) => i.name)).toEqual(['input', 'state', 'sr']);
    expect(summary.outputs.map((o) => o.name)).toEqual(['output', 'stateN']);
    expect(summary.irVersion).toBeGreaterThan(0);
    expect(summary.opsets.some((o) => o.domain === '' && o.version > 0)).toBe(true);
    expect(onnxFileRole(vad)).toBe('silero-vad');
  });

  it('refuses a file cut off part-way, an empty file and bytes that are not protobuf', async () => {
    const bytes = fs.readFileSync(vad);
    for (const share of [0.1, 0.5, 0.99]) {
      const cut = write(`cut-${share}.onnx`, bytes.subarray(0, Math.floor(bytes.length * share)));
      expect(() => readOnnxSummary(cut)).toThrow(OnnxFormatError);
      expect(onnxFileRole(cut)).toBeNull();
    }
    expect(() => readOnnxSummary(write('empty.onnx', new Uint8Array(0)))).toThrow(/empty/);
    const wav = await fixturePath('jfk.wav');
    expect(() => readOnnxSummary(wav)).toThrow(OnnxFormatError);
  });
});

describe('sniffHeader', () => {
  it('recognises an ONNX model by its first bytes, and not a WAV or a text file', async () => {
    expect(sniffHeader(fs.readFileSync(vad).subarray(0, HEADER_BYTES))).toEqual({ kind: 'onnx' });
    expect(sniffHeader(fs.readFileSync(await fixturePath('jfk.wav')).subarray(0, HEADER_BYTES)).kind).toBe('unknown');
    expect(sniffHeader(Buffer.from('IQ== 0\nIg== 1\n')).kind).toBe('text');
  });
});
