/**
 * The benchmark's speech stand-ins: real Whisper architectures with random weights, written by
 * the project's own code. They must load in the real engines and hold exactly the real models'
 * parameters, or the benchmark's figures mean nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWhisperCpp } from '../../../bench/engines/whisper-cpp.js';
import { modelRope } from '../../../bench/standins/onnx-graph.js';
import { encoderMetadata, whisperDecoderGraph, whisperEncoderGraph } from '../../../bench/standins/onnx-whisper.js';
import { ensureSpeechStandin, writeSherpaWhisper } from '../../../bench/standins/speech.js';
import { ggmlRope } from '../../../bench/standins/whisper-ggml.js';
import {
  elementCount,
  parameterCount,
  WHISPER_SHAPES,
  whisperTensors,
} from '../../../bench/standins/whisper-shapes.js';
import { readOnnxSummary } from '../../../main/core/models/onnx-file.js';
import { inspectWhisperSet } from '../../../main/core/models/speech-files.js';
import { samplesToFloat32 } from '../../../main/core/speech/pcm.js';
import { loadSherpa } from '../../../main/core/speech/sherpa.js';
import { WHISPER_TAIL_PADDING_FRAMES } from '../../../main/core/speech/whisper-onnx-config.js';
import { loadWhisperOnnx } from '../../../main/core/speech/whisper-onnx.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { readWavFile } from '../../unit/core/speech/audio.js';

/**
 * OpenAI's Whisper English models, counted as sum(p.numel() for p in model.parameters()); the
 * encoder's sinusoidal position table (1500 × width) is a buffer on top. (Published as 39 M,
 * 74 M and 244 M for the multilingual models; Hugging Face lists 37.8 M, 72.6 M and 242 M for
 * the .en models, which count the position table too.)
 */
const REAL_PARAMETERS = { tiny: 37_184_256, base: 71_825_408, small: 240_582_144 };

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Parameters stored in ONNX initializers: model weights only (not the stand-in's own constants). */
function onnxParameters(infos: { name: string; dims: number[] }[]) {
  const weights = infos.filter((t) => !t.name.startsWith('const/'));
  const buffer = weights.filter((t) => t.name === 'encoder.positional_embedding');
  const count = (list: typeof weights) => list.reduce((sum, t) => sum + elementCount(t.dims), 0);
  return { parameters: count(weights) - count(buffer), buffer: count(buffer), names: weights.map((t) => t.name) };
}

describe('Whisper shapes', () => {
  it.each(['tiny', 'base', 'small'] as const)('%s.en has the real model’s parameter count', (shape) => {
    expect(parameterCount(whisperTensors(WHISPER_SHAPES[shape]))).toBe(REAL_PARAMETERS[shape]);
  });
});

describe('sherpa-onnx stand-in (ONNX)', () => {
  it('at base.en shape holds exactly base.en’s parameters under whisper’s names, split between encoder and decoder', () => {
    const shape = WHISPER_SHAPES.base;
    for (const int8 of [false, true]) {
      const encoder = whisperEncoderGraph(shape, 1, int8).initializerInfo;
      const decoder = whisperDecoderGraph(shape, 1, int8).initializerInfo;
      const counted = onnxParameters([...encoder, ...decoder]);
      expect(counted.parameters).toBe(REAL_PARAMETERS.base);
      expect(counted.buffer).toBe(1500 * 512);
      const expected = whisperTensors(shape).map((t) => t.name);
      expect(counted.names.map((n) => n.replace('_quantized', '')).sort()).toEqual([...expected].sort());
    }
  });

  it('writes files that read back with the same parameters, sherpa-onnx’s inputs, outputs and metadata', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-onnx-'));
    temps.push(dir);
    await writeSherpaWhisper(dir, 'mini', 3);
    const files = inspectWhisperSet(dir);
    const encoder = readOnnxSummary(files.encoder);
    const decoder = readOnnxSummary(files.decoder);
    expect(encoder.inputs.map((i) => i.name)).toEqual(['mel']);
    expect(encoder.outputs.map((i) => i.name)).toEqual(['n_layer_cross_k', 'n_layer_cross_v']);
    expect(decoder.inputs.map((i) => i.name)).toEqual([
      'tokens',
      'in_n_layer_self_k_cache',
      'in_n_layer_self_v_cache',
      'n_layer_cross_k',
      'n_layer_cross_v',
      'offset',
    ]);
    expect(encoder.metadata).toMatchObject({ n_text_layer: '1', n_text_state: '64', n_vocab: '51864', eot: '50256' });
    const counted = onnxParameters([...encoder.initializers, ...decoder.initializers]);
    expect(counted.parameters).toBe(parameterCount(whisperTensors(WHISPER_SHAPES.mini)));
    // tokens.txt: the GPT-2 vocabulary of the English models, base64 like sherpa-onnx's export.
    const tokens = fs.readFileSync(files.tokens, 'utf8').trim().split('\n');
    expect(tokens).toHaveLength(50256);
    expect(tokens[220]).toBe(`${Buffer.from(' ').toString('base64')} 220`);
  });

  it('is the same file for the same seed and a different one for another seed', async () => {
    const [a, b, c] = [1, 1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'standin-seed-')));
    temps.push(a!, b!, c!);
    await writeSherpaWhisper(a!, 'mini', 1);
    await writeSherpaWhisper(b!, 'mini', 1);
    await writeSherpaWhisper(c!, 'mini', 2);
    const decoder = (dir: string) => sha(inspectWhisperSet(dir).decoder);
    expect(decoder(a!)).toBe(decoder(b!));
    expect(decoder(a!)).not.toBe(decoder(c!));
  });

  it('loads in sherpa-onnx and decodes 3.5 tokens per second of speech', async () => {
    const standin = await ensureSpeechStandin('mini', 'sherpa-onnx');
    const files = inspectWhisperSet(standin.path);
    const sherpa = await loadSherpa();
    const recognizer = await sherpa.OfflineRecognizer.createAsync({
      modelConfig: {
        whisper: { ...files, language: 'en', task: 'transcribe', tailPaddings: WHISPER_TAIL_PADDING_FRAMES },
        tokens: files.tokens,
        numThreads: 2,
      },
    });
    const jfk = readWavFile(await fixturePath('jfk.wav')).samples;
    for (const seconds of [2, 6]) {
      const stream = recognizer.createStream();
      stream.acceptWaveform({ samples: samplesToFloat32(jfk.subarray(0, seconds * 16_000)), sampleRate: 16_000 });
      const result = await recognizer.decodeAsync(stream);
      expect(result.tokens).toHaveLength(Math.floor(seconds * 3.5));
    }
    // The app's wrapper gives the text as one piece spanning the call.
    const whisper = await loadWhisperOnnx({ files, threads: 2, language: 'en' });
    try {
      const pieces = await whisper.transcribe(jfk.subarray(0, 32_000));
      expect(pieces).toEqual([{ text: expect.stringMatching(/\S/), startMs: 0, endMs: 2000 }]);
    } finally {
      await whisper.release();
    }
  });
});

describe('whisper.cpp stand-in (ggml)', () => {
  it('at base.en shape is the size of the Python cross-check script’s file (same tensors, names, types)', async () => {
    // /work/shared/tools/standins/mkwhisper.py … 512 8 6 writes 147,964,812 bytes with the same tensor list.
    const fixture = fs.readFileSync(await fixturePath('for-tests-ggml-tiny.en.bin'));
    expect(ggmlRope(fixture, WHISPER_SHAPES.base, 1).length).toBe(147_964_812);
  });

  it('loads in whisper.cpp (the app’s previous engine) and runs at a small shape', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-ggml-'));
    temps.push(dir);
    const file = path.join(dir, 'ggml-mini.bin');
    const { writeWhisperGgml } = await import('../../../bench/standins/whisper-ggml.js');
    writeWhisperGgml(await fixturePath('for-tests-ggml-tiny.en.bin'), file, WHISPER_SHAPES.mini, 1);
    const whisper = await loadWhisperCpp(file, 2);
    try {
      const pieces = await whisper.transcribe(new Int16Array(16_000));
      expect(Array.isArray(pieces)).toBe(true);
    } finally {
      await whisper.release();
    }
  });
});

describe('ONNX files as written', () => {
  it('serialise to the length the rope promised', () => {
    const shape = WHISPER_SHAPES.mini;
    const rope = modelRope(whisperEncoderGraph(shape, 1, true), encoderMetadata(shape));
    const produced = rope.pieces.reduce((sum, p) => sum + (p instanceof Uint8Array ? p.length : p.produce().length), 0);
    expect(produced).toBe(rope.length);
  });
});
