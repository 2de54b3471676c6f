import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelRope } from '../../../../bench/standins/onnx-graph.js';
import { encoderMetadata, whisperEncoderGraph } from '../../../../bench/standins/onnx-whisper.js';
import { Rope, writeRope } from '../../../../bench/standins/protobuf.js';
import { WHISPER_SHAPES } from '../../../../bench/standins/whisper-shapes.js';
import { isAppError } from '../../../../main/contract/result.js';
import { inspectModelFile, inspectModelPath } from '../../../../main/core/models/import-check.js';
import { fixturePath } from '../../../helpers/fixtures.js';
import { testVadModel, testWhisperModel } from '../../../helpers/speech-models.js';

let dir: string;
let gguf: string;
/** A sherpa-onnx Whisper folder (stand-in), and whisper.cpp's ggml files from earlier versions. */
let whisper: string;
let vad: string;
let ggmlWhisper: string;
let ggmlVad: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-import-check-'));
  gguf = await fixturePath('llama-2-tiny-random.gguf');
  whisper = await testWhisperModel();
  vad = await testVadModel();
  ggmlWhisper = await fixturePath('for-tests-ggml-tiny.en.bin');
  ggmlVad = await fixturePath('silero-vad-v6.2.0-ggml.bin');
});

function file(name: string, content: Buffer | string): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, content);
  return target;
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('inspectModelFile accepts', () => {
  it('the fixture GGUF as a language model, with its architecture and a memory estimate', async () => {
    const report = await inspectModelFile(gguf, 'llm');
    expect(report).toMatchObject({ kind: 'llm', architecture: 'llama', sizeBytes: fs.statSync(gguf).size });
    expect(report.memoryBytes).toBeGreaterThan(report.sizeBytes / 2);
  });

  it('a Whisper folder (or one of its files) as whisper, with its three files, and the Silero file as VAD', async () => {
    const report = await inspectModelPath(whisper);
    expect(report).toMatchObject({ kind: 'whisper', path: whisper });
    expect(report.files?.map((f) => path.basename(f)).sort()).toEqual(
      fs
        .readdirSync(whisper)
        .filter((n) => n !== 'manifest.json')
        .sort(),
    );
    const tokens = fs.readdirSync(whisper).find((n) => n.endsWith('.txt'))!;
    expect((await inspectModelPath(path.join(whisper, tokens), 'whisper')).path).toBe(whisper);
    expect((await inspectModelFile(vad)).kind).toBe('vad');
    expect((await inspectModelPath(vad, 'vad')).kind).toBe('vad');
  });
});

describe('inspectModelFile refuses, saying what the file is and what to do', () => {
  it('a text file renamed .gguf', async () => {
    const r = await refusal(
      inspectModelFile(file('notes.gguf', 'These are my interview notes.\nNot a model.\n'), 'llm'),
    );
    expect(r.code).toBe('MODEL_INVALID');
    expect(r.message).toMatch(/notes\.gguf is a text file, not a model/);
    expect(r.message).toMatch(/Pick a \.gguf/);
    // What the file says is never repeated back (it ends up in logs and screenshots).
    expect(r.message).not.toMatch(/interview notes/);
  });

  it('a 0-byte file', async () => {
    const r = await refusal(inspectModelFile(file('empty.gguf', ''), 'llm'));
    expect(r).toEqual({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/empty \(0 bytes\).*Download the model again/),
    });
  });

  it('a VAD file chosen as the language model', async () => {
    const r = await refusal(inspectModelFile(vad, 'llm'));
    expect(r.code).toBe('MODEL_INVALID');
    expect(r.message).toMatch(
      /is a voice-activity-detection \(VAD\) model, not a language model \(the interviewer\)\. Choose a \.gguf file/,
    );
  });

  it('a GGUF chosen as the speech model', async () => {
    const r = await refusal(inspectModelPath(gguf, 'whisper'));
    expect(r.message).toMatch(
      /is a language model .* not a Whisper speech-recognition model\. Choose a Whisper model folder/,
    );
  });

  it('whisper.cpp (ggml) files, which earlier versions used', async () => {
    expect((await refusal(inspectModelPath(ggmlWhisper, 'whisper'))).message).toMatch(
      /whisper\.cpp \(ggml\) speech model, which this version no longer runs\. This version runs speech models as ONNX files/,
    );
    expect((await refusal(inspectModelFile(ggmlVad))).message).toMatch(/whisper\.cpp \(ggml\) voice-detection model/);
  });

  it('an ONNX file cut off half-way, and one that is neither Whisper nor Silero', async () => {
    const bytes = fs.readFileSync(vad);
    const cut = await refusal(
      inspectModelFile(file('cut.onnx', bytes.subarray(0, Math.floor(bytes.length / 2))), 'vad'),
    );
    expect(cut.message).toMatch(/cut\.onnx starts like an ONNX model but could not be read to its end/);
    const encoder = fs.readdirSync(whisper).find((n) => n.includes('encoder'))!;
    expect((await refusal(inspectModelFile(path.join(whisper, encoder), 'vad'))).message).toMatch(
      /one part of a Whisper model \(its encoder\)\. Choose a Silero VAD \.onnx file/,
    );
  });

  it('a GGUF that was cut off half-way', async () => {
    const bytes = fs.readFileSync(gguf);
    const r = await refusal(
      inspectModelFile(file('half.gguf', bytes.subarray(0, Math.floor(bytes.length * 0.6))), 'llm'),
    );
    expect(r.code).toBe('MODEL_INVALID');
    expect(r.message).toMatch(/cut off\. Download it again/);
  });

  it('a GGUF whose header is damaged after the magic', async () => {
    const bytes = Buffer.from(fs.readFileSync(gguf).subarray(0, 4096));
    bytes.fill(0xff, 8, 400);
    const r = await refusal(inspectModelFile(file('corrupt.gguf', bytes), 'llm'));
    expect(r.code).toBe('MODEL_INVALID');
    expect(r.message).toMatch(/GGUF header but its contents could not be read .* damaged or cut off/);
  });

  it('an HTML page saved as .gguf', async () => {
    const r = await refusal(inspectModelFile(file('page.gguf', '<!DOCTYPE html><html><body>Sign in</body></html>')));
    expect(r.message).toMatch(/is a web page, not a model/);
  });

  it('binary data that is no model', async () => {
    const r = await refusal(inspectModelFile(await fixturePath('jfk.wav')));
    expect(r.message).toMatch(/is not a GGUF language model or an ONNX speech model/);
  });

  it('a pipe, named as not a regular file (and never opened, which would hang)', async () => {
    const fifo = path.join(dir, 'model.gguf.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(inspectModelFile(fifo))).toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/is not a regular file \(a device, pipe or socket\)/),
    });
    expect(await refusal(inspectModelFile('/dev/zero'))).toMatchObject({
      message: expect.stringMatching(/not a regular file/),
    });
  });

  it('a valid header with only zeros after it (GGUF, and one file of a Whisper set)', async () => {
    const { readGgufFileInfo } = await import('node-llama-cpp');
    const info = await readGgufFileInfo(gguf, { sourceType: 'filesystem', logWarnings: false });
    const bytes = fs.readFileSync(gguf);
    bytes.fill(0, info.infoEndOffset);
    const hollow = await refusal(inspectModelFile(file('hollow.gguf', bytes), 'llm'));
    expect(hollow).toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/mostly zeros/) });
    // The encoder's graph and metadata intact (sherpa-onnx would load it), every weight zero.
    const set = path.join(dir, 'hollow-whisper');
    fs.cpSync(whisper, set, { recursive: true });
    const encoder = fs.readdirSync(set).find((n) => n.includes('encoder'))!;
    const shape = WHISPER_SHAPES.mini;
    const rope = modelRope(whisperEncoderGraph(shape, 7, true), encoderMetadata(shape));
    const zeros = new Rope();
    for (const piece of rope.pieces)
      zeros.push(
        piece instanceof Uint8Array ? piece : { length: piece.length, produce: () => new Uint8Array(piece.length) },
      );
    writeRope(path.join(set, encoder), zeros);
    expect(await refusal(inspectModelPath(set, 'whisper'))).toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(new RegExp(`^${encoder.replace(/\./g, '\\.')} has a valid header .*mostly zeros`)),
    });
    // The same folder with the stand-in's random weights passes.
    fs.copyFileSync(path.join(whisper, encoder), path.join(set, encoder));
    expect((await inspectModelPath(set, 'whisper')).kind).toBe('whisper');
  });

  it('a path that does not exist, and a folder', async () => {
    expect(await refusal(inspectModelFile(path.join(dir, 'nope.gguf')))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no file at/),
    });
    expect(await refusal(inspectModelFile(dir))).toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/is a folder/),
    });
  });
});
