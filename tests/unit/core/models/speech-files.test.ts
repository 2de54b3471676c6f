/**
 * The checks that stand between a speech model file and sherpa-onnx, which ends the process
 * (instead of throwing) on a missing metadata key or a model of the wrong kind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelRope } from '../../../../bench/standins/onnx-graph.js';
import { encoderMetadata, whisperEncoderGraph } from '../../../../bench/standins/onnx-whisper.js';
import { writeRope } from '../../../../bench/standins/protobuf.js';
import { WHISPER_SHAPES } from '../../../../bench/standins/whisper-shapes.js';
import { isAppError } from '../../../../main/contract/result.js';
import { inspectVadFile, inspectWhisperSet } from '../../../../main/core/models/speech-files.js';
import { testVadModel, testWhisperModel } from '../../../helpers/speech-models.js';

let source: string;
let root: string;
beforeAll(async () => {
  source = await testWhisperModel();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-speech-files-'));
});

/** A copy of the stand-in's folder, to break one thing in. */
function copy(name: string): string {
  const dir = path.join(root, name);
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}

const file = (dir: string, part: string) =>
  path.join(
    dir,
    fs.readdirSync(dir).find((n) => n.includes(part))!,
  );

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('inspectWhisperSet', () => {
  it('finds the encoder, decoder and tokens of a complete folder by their contents', () => {
    const dir = copy('complete');
    const files = inspectWhisperSet(dir);
    expect(path.basename(files.encoder)).toMatch(/encoder/);
    expect(path.basename(files.decoder)).toMatch(/decoder/);
    expect(path.basename(files.tokens)).toMatch(/tokens\.txt$/);
  });

  it('refuses an encoder without the metadata sherpa-onnx reads, naming the missing keys', () => {
    const dir = copy('no-metadata');
    const shape = WHISPER_SHAPES.mini;
    const { eot: _eot, blank_id: _blank, ...metadata } = encoderMetadata(shape);
    writeRope(file(dir, 'encoder'), modelRope(whisperEncoderGraph(shape, 7, true), metadata));
    expect(problem(() => inspectWhisperSet(dir))).toMatch(
      /^MODEL_INVALID: .*encoder.* without the settings sherpa-onnx needs \(eot, blank_id\)/,
    );
  });

  it('refuses a decoder of another size than the encoder', () => {
    const dir = copy('mixed-sizes');
    const shape = { ...WHISPER_SHAPES.mini, state: 32, heads: 1 };
    writeRope(file(dir, 'encoder'), modelRope(whisperEncoderGraph(shape, 7, true), encoderMetadata(shape)));
    expect(problem(() => inspectWhisperSet(dir))).toMatch(/does not belong with this encoder/);
  });

  it('refuses a tokens file that is not one', () => {
    const dir = copy('bad-tokens');
    fs.writeFileSync(file(dir, 'tokens'), 'hello world, these are notes\n'.repeat(2000));
    expect(problem(() => inspectWhisperSet(dir))).toMatch(/is not a Whisper tokens\.txt \(line 1 is "hello world/);
  });

  it('names every missing part, and says when a file is there but unreadable', () => {
    const dir = copy('cut-decoder');
    const decoder = file(dir, 'decoder');
    fs.truncateSync(decoder, Math.floor(fs.statSync(decoder).size / 2));
    expect(problem(() => inspectWhisperSet(dir))).toMatch(
      /incomplete: the decoder \(\*-decoder\.onnx\) is missing \(.*decoder.*onnx could not be read as one\)/,
    );
    const empty = path.join(root, 'empty');
    fs.mkdirSync(empty);
    expect(problem(() => inspectWhisperSet(empty))).toMatch(
      /the encoder .*, the decoder .*, the tokens file .* are missing/,
    );
  });

  it('refuses a single file where a folder is expected', async () => {
    expect(problem(() => inspectWhisperSet(file(source, 'encoder')))).toMatch(
      /is a single file; a Whisper model is a folder/,
    );
    expect(problem(() => inspectVadFile(file(source, 'encoder')))).toMatch(/not a Silero VAD/);
    expect(() => inspectVadFile(path.resolve(source, '..', 'nope.onnx'))).toThrow();
    await expect(testVadModel().then((vad) => inspectVadFile(vad))).resolves.toBeUndefined();
  });
});
