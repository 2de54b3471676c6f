/**
 * Speech stand-in models for benchmarks and tests, made on demand and cached:
 * `ensureSpeechStandin('base', 'sherpa-onnx')` returns a folder holding a base.en-shaped
 * Whisper in sherpa-onnx's format; `ensureSpeechStandin('base', 'whisper.cpp')` a ggml file.
 * The cache is the stand-ins folder (cache.ts; REHEARSAL_STANDINS_DIR moves it) and a
 * stand-in is rebuilt from its seed whenever its manifest does not match the files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fixturePath } from '../../tests/helpers/fixtures.js';
import { standinsDir } from './cache.js';
import { modelRope } from './onnx-graph.js';
import {
  encoderMetadata,
  STANDIN_TOKENS_PER_SECOND,
  tokensText,
  whisperDecoderGraph,
  whisperEncoderGraph,
} from './onnx-whisper.js';
import { writeRope } from './protobuf.js';
import { ggmlVocabulary, writeWhisperGgml } from './whisper-ggml.js';
import { WHISPER_SHAPES, type WhisperShapeName } from './whisper-shapes.js';

export type SpeechEngineName = 'whisper.cpp' | 'sherpa-onnx';

export interface SpeechStandinOptions {
  seed?: number;
  /** sherpa-onnx only: float32 weights instead of the int8 files the app downloads. */
  float32?: boolean;
  /**
   * sherpa-onnx only: tokens per second of speech the decoder produces before it ends
   * (default STANDIN_TOKENS_PER_SECOND); 0 ends at once, to time the encoder alone.
   */
  tokensPerSecond?: number;
  cacheDir?: string;
}

export interface SpeechStandin {
  engine: SpeechEngineName;
  shape: WhisperShapeName;
  /** The ggml file (whisper.cpp) or the model folder (sherpa-onnx). */
  path: string;
  files: string[];
  bytes: number;
}

/** Bump when the writers change what they write, so old cached files are not reused. */
const WRITER_VERSION = 2;
const DEFAULT_SEED = 7;

interface Manifest {
  version: number;
  files: Record<string, number>;
}

function cached(dir: string): string[] | null {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.version !== WRITER_VERSION) return null;
    const files = Object.entries(manifest.files);
    if (
      files.length === 0 ||
      files.some(([name, size]) => fs.statSync(path.join(dir, name), { throwIfNoEntry: false })?.size !== size)
    )
      return null;
    return files.map(([name]) => path.join(dir, name));
  } catch {
    return null;
  }
}

function finish(dir: string, names: string[]): void {
  const manifest: Manifest = {
    version: WRITER_VERSION,
    files: Object.fromEntries(names.map((n) => [n, fs.statSync(path.join(dir, n)).size])),
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
}

/** Writes the sherpa-onnx files for a shape into dir: <name>-encoder[.int8].onnx, -decoder, -tokens.txt. */
export async function writeSherpaWhisper(
  dir: string,
  shapeName: WhisperShapeName,
  seed: number,
  float32 = false,
  tokensPerSecond = STANDIN_TOKENS_PER_SECOND,
): Promise<string[]> {
  const shape = WHISPER_SHAPES[shapeName];
  const suffix = float32 ? '' : '.int8';
  const int8 = !float32;
  fs.mkdirSync(dir, { recursive: true });
  const names = [
    `${shape.name}-encoder${suffix}.onnx`,
    `${shape.name}-decoder${suffix}.onnx`,
    `${shape.name}-tokens.txt`,
  ];
  writeRope(path.join(dir, names[0]!), modelRope(whisperEncoderGraph(shape, seed, int8), encoderMetadata(shape)));
  writeRope(path.join(dir, names[1]!), modelRope(whisperDecoderGraph(shape, seed, int8, tokensPerSecond), {}));
  const vocabulary = ggmlVocabulary(fs.readFileSync(await fixturePath('for-tests-ggml-tiny.en.bin')));
  fs.writeFileSync(path.join(dir, names[2]!), tokensText(vocabulary));
  return names;
}

/** The stand-in for a Whisper size and engine, written once and then reused from the cache. */
export async function ensureSpeechStandin(
  shapeName: WhisperShapeName,
  engine: SpeechEngineName,
  options: SpeechStandinOptions = {},
): Promise<SpeechStandin> {
  const seed = options.seed ?? DEFAULT_SEED;
  const tokens = options.tokensPerSecond ?? STANDIN_TOKENS_PER_SECOND;
  const variant =
    engine === 'whisper.cpp'
      ? 'ggml-f16'
      : `${options.float32 ? 'onnx-f32' : 'onnx-int8'}${tokens === STANDIN_TOKENS_PER_SECOND ? '' : `-tps${tokens}`}`;
  const dir = path.join(options.cacheDir ?? standinsDir(), `whisper-${shapeName}-${variant}-seed${seed}`);
  let files = cached(dir);
  if (!files) {
    // Written next to the cache entry and moved into place whole, so test processes running
    // side by side never see (or delete) each other's half-written files.
    const building = `${dir}.${process.pid}.building`;
    fs.rmSync(building, { recursive: true, force: true });
    fs.mkdirSync(building, { recursive: true });
    if (engine === 'whisper.cpp') {
      const name = `ggml-${WHISPER_SHAPES[shapeName].name}.bin`;
      const fixture = await fixturePath('for-tests-ggml-tiny.en.bin');
      writeWhisperGgml(fixture, path.join(building, name), WHISPER_SHAPES[shapeName], seed);
      finish(building, [name]);
    } else {
      finish(building, await writeSherpaWhisper(building, shapeName, seed, options.float32, tokens));
    }
    if (!cached(dir)) {
      fs.rmSync(dir, { recursive: true, force: true });
      try {
        fs.renameSync(building, dir);
      } catch {
        // Another process moved its copy in first.
      }
    }
    fs.rmSync(building, { recursive: true, force: true });
    files = cached(dir);
    if (!files) throw new Error(`The speech stand-in in ${dir} could not be written.`);
  }
  const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  return { engine, shape: shapeName, path: engine === 'whisper.cpp' ? files[0]! : dir, files, bytes };
}
