import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GGML_MAGIC, HEADER_BYTES, sniffHeader } from '../../../../main/core/models/model-headers.js';
import { fixturePath, MINI_WHISPER_HPARAMS } from '../../../helpers/fixtures.js';

const head = async (name: Parameters<typeof fixturePath>[0]) =>
  fs.readFileSync(await fixturePath(name)).subarray(0, HEADER_BYTES);

/** A whisper header with the given hparams (the mini model's by default). */
function whisperHeader(hparams: readonly number[] = MINI_WHISPER_HPARAMS): Buffer {
  const b = Buffer.alloc(HEADER_BYTES);
  b.writeUInt32LE(GGML_MAGIC, 0);
  hparams.forEach((v, i) => b.writeInt32LE(v, 4 + i * 4));
  return b;
}

describe('sniffHeader on the fixture models', () => {
  it('recognises the GGUF, both whisper models and the VAD model', async () => {
    expect(sniffHeader(await head('llama-2-tiny-random.gguf'))).toEqual({ kind: 'gguf' });
    const tiny = sniffHeader(await head('for-tests-ggml-tiny.en.bin'));
    expect(tiny.kind).toBe('whisper');
    if (tiny.kind === 'whisper') expect(tiny.hparams).toMatchObject({ nVocab: 51864, nAudioCtx: 1500, nMels: 80 });
    const mini = sniffHeader(await head('for-tests-ggml-mini.bin'));
    expect(mini.kind === 'whisper' && mini.hparams.nAudioLayer).toBe(1);
    expect(sniffHeader(await head('silero-vad-v6.2.0-ggml.bin'))).toEqual({ kind: 'vad', modelType: 'silero-16k' });
  });

  it('a WAV file is not a model', async () => {
    expect(sniffHeader(await head('jfk.wav')).kind).toBe('unknown');
  });
});

describe('sniffHeader on bad input', () => {
  it('names empty files, text, HTML pages and random bytes', () => {
    expect(sniffHeader(Buffer.alloc(0))).toEqual({ kind: 'empty' });
    expect(sniffHeader(Buffer.from('# My notes\nThis is not a model.\n'))).toEqual({
      kind: 'text',
      preview: '# My notes This is not a model.',
    });
    expect(sniffHeader(Buffer.from('\n  <!DOCTYPE html><html><head><title>Sign in</title>'))).toEqual({ kind: 'html' });
    expect(sniffHeader(Buffer.from([0x00, 0x01, 0xfe, 0x80, 0x00, 0x33, 0x10, 0x00])).kind).toBe('unknown');
  });

  it('flags a whisper header with impossible values or cut short', () => {
    expect(sniffHeader(whisperHeader()).kind).toBe('whisper');
    const badMels: number[] = [...MINI_WHISPER_HPARAMS];
    badMels[9] = 81;
    expect(sniffHeader(whisperHeader(badMels))).toEqual({
      kind: 'bad-whisper',
      reason: 'its mel band count (81) is not 80 or 128',
    });
    const badVocab: number[] = [...MINI_WHISPER_HPARAMS];
    badVocab[0] = 7;
    expect(sniffHeader(whisperHeader(badVocab)).kind).toBe('bad-whisper');
    expect(sniffHeader(whisperHeader().subarray(0, 20))).toEqual({
      kind: 'bad-whisper',
      reason: 'the header is cut off',
    });
  });

  it('accepts quantised whisper files, whose ftype carries the quantisation version', () => {
    const q8: number[] = [...MINI_WHISPER_HPARAMS];
    q8[10] = 2008;
    expect(sniffHeader(whisperHeader(q8)).kind).toBe('whisper');
  });
});
