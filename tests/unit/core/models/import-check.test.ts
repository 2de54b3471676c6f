import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../../main/contract/result.js';
import { inspectModelFile } from '../../../../main/core/models/import-check.js';
import { fixturePath } from '../../../helpers/fixtures.js';

let dir: string;
let gguf: string;
let whisper: string;
let vad: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-import-check-'));
  gguf = await fixturePath('llama-2-tiny-random.gguf');
  whisper = await fixturePath('for-tests-ggml-tiny.en.bin');
  vad = await fixturePath('silero-vad-v6.2.0-ggml.bin');
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

  it('the whisper fixture as whisper and the Silero fixture as VAD', async () => {
    expect((await inspectModelFile(whisper)).kind).toBe('whisper');
    expect((await inspectModelFile(whisper, 'whisper')).kind).toBe('whisper');
    expect((await inspectModelFile(vad, 'vad')).kind).toBe('vad');
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

  it('a whisper file chosen as the language model', async () => {
    const r = await refusal(inspectModelFile(whisper, 'llm'));
    expect(r.code).toBe('MODEL_INVALID');
    expect(r.message).toMatch(
      /is a whisper speech-recognition model, not a language model \(the interviewer\)\. Choose a \.gguf file/,
    );
  });

  it('a GGUF chosen as the speech model', async () => {
    const r = await refusal(inspectModelFile(gguf, 'whisper'));
    expect(r.message).toMatch(/is a language model .* not a whisper speech-recognition model/);
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
    expect(r.message).toMatch(/is not a GGUF language model or a whisper\/VAD model file/);
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

  it('a valid header with only zeros after it (GGUF and whisper)', async () => {
    const { readGgufFileInfo } = await import('node-llama-cpp');
    const info = await readGgufFileInfo(gguf, { sourceType: 'filesystem', logWarnings: false });
    const bytes = fs.readFileSync(gguf);
    bytes.fill(0, info.infoEndOffset);
    const hollow = await refusal(inspectModelFile(file('hollow.gguf', bytes), 'llm'));
    expect(hollow).toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/mostly zeros/) });
    const whisperBytes = fs.readFileSync(whisper);
    const empty = Buffer.concat([whisperBytes.subarray(0, 4096), Buffer.alloc(whisperBytes.length)]);
    expect(await refusal(inspectModelFile(file('hollow.bin', empty), 'whisper'))).toMatchObject({
      message: expect.stringMatching(/mostly zeros/),
    });
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
