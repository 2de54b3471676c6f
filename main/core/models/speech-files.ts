/**
 * The speech models' files, checked before the engine sees them. sherpa-onnx ends the whole
 * process (instead of throwing) on a model it cannot use — a missing metadata key, an ONNX file
 * of the wrong kind, a cut-off file — so every file is read here first and refused with a
 * message that says what is wrong and what to do.
 *
 * A Whisper model is a set: encoder, decoder and tokens.txt in one folder (sherpa-onnx's
 * layout, e.g. base.en-encoder.int8.onnx, base.en-decoder.int8.onnx, base.en-tokens.txt).
 * The Silero VAD is one .onnx file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../contract/result.js';
import { OnnxFormatError, readOnnxSummary, type OnnxSummary } from './onnx-file.js';

export interface WhisperSetFiles {
  encoder: string;
  decoder: string;
  tokens: string;
}

export type OnnxRole = 'whisper-encoder' | 'whisper-decoder' | 'silero-vad' | 'other';

const ENCODER_OUTPUTS = ['n_layer_cross_k', 'n_layer_cross_v'];
const DECODER_INPUTS = [
  'tokens',
  'in_n_layer_self_k_cache',
  'in_n_layer_self_v_cache',
  'n_layer_cross_k',
  'n_layer_cross_v',
  'offset',
];
const DECODER_OUTPUTS = ['logits', 'out_n_layer_self_k_cache', 'out_n_layer_self_v_cache'];
/** Encoder metadata sherpa-onnx reads (it exits when one is missing or negative). */
const REQUIRED_METADATA = [
  'n_mels',
  'n_text_layer',
  'n_text_ctx',
  'n_text_state',
  'n_vocab',
  'sot',
  'eot',
  'blank_id',
  'translate',
  'transcribe',
  'is_multilingual',
  'no_timestamps',
  'no_speech',
];

function invalid(message: string): AppError {
  return new AppError('MODEL_INVALID', message);
}

const remembered = new Map<string, { key: string; value: unknown }>();

/** What read(file) gave, remembered while the file's size and time stay the same (checks run on every status call). */
function remember<T>(kind: string, file: string, read: (file: string) => T): T {
  const stat = fs.statSync(file);
  const key = `${stat.size}:${stat.mtimeMs}`;
  const hit = remembered.get(`${kind}:${file}`);
  if (hit?.key === key) return hit.value as T;
  const value = read(file);
  remembered.set(`${kind}:${file}`, { key, value });
  return value;
}

export function onnxSummary(file: string): OnnxSummary {
  return remember('onnx', file, readOnnxSummary);
}

const names = (values: { name: string }[]) => values.map((v) => v.name);
const startsWith = (list: string[], prefix: string[]) => prefix.every((name, i) => list[i] === name);

export function onnxRole(summary: OnnxSummary): OnnxRole {
  const inputs = names(summary.inputs);
  const outputs = names(summary.outputs);
  if (inputs.length === 1 && inputs[0] === 'mel' && startsWith(outputs, ENCODER_OUTPUTS)) return 'whisper-encoder';
  if (startsWith(inputs, DECODER_INPUTS) && startsWith(outputs, DECODER_OUTPUTS)) return 'whisper-decoder';
  // Silero v5/v6: input, state, sr → output, stateN; v4: input, sr, h, c → output, hn, cn.
  if (
    inputs[0] === 'input' &&
    ((inputs.length === 3 && outputs.length === 2) || (inputs.length === 4 && outputs.length === 3))
  )
    return 'silero-vad';
  return 'other';
}

/** The role of an .onnx file, or null when it is not a readable ONNX model. */
export function onnxFileRole(file: string): OnnxRole | null {
  try {
    return onnxRole(onnxSummary(file));
  } catch {
    return null;
  }
}

function readable(file: string): OnnxSummary {
  try {
    return onnxSummary(file);
  } catch (error) {
    if (error instanceof OnnxFormatError)
      throw invalid(`${path.basename(file)} is not a complete ONNX model (${error.message}). Download it again.`);
    throw invalid(`${path.basename(file)} could not be read (${(error as Error).message}).`);
  }
}

function checkEncoder(file: string, summary: OnnxSummary): void {
  const meta = summary.metadata;
  const missing = REQUIRED_METADATA.filter((key) => !/^\d+$/.test(meta[key] ?? ''));
  if (!/^\d+(,\d+)*$/.test(meta.sot_sequence ?? '')) missing.push('sot_sequence');
  if (missing.length > 0)
    throw invalid(
      `${path.basename(file)} is a Whisper encoder without the settings sherpa-onnx needs (${missing.join(', ')}). Use a model exported with sherpa-onnx's export-onnx.py, such as the ones in the catalog.`,
    );
  if (meta.is_multilingual === '1') {
    const tokens = (meta.all_language_tokens ?? '').split(',').filter(Boolean);
    const codes = (meta.all_language_codes ?? '').split(',').filter(Boolean);
    if (tokens.length === 0 || tokens.length !== codes.length || !codes.includes('en'))
      throw invalid(
        `${path.basename(file)} is a multilingual Whisper encoder with a broken language list. Download it again.`,
      );
  }
}

function checkDecoder(file: string, summary: OnnxSummary, encoder: OnnxSummary): void {
  const cache = summary.inputs[1]?.dims ?? [];
  const meta = encoder.metadata;
  const expected = [Number(meta.n_text_layer), Number(meta.n_text_ctx), Number(meta.n_text_state)];
  const actual = [cache[0], cache[2], cache[3]];
  if (actual.some((d, i) => typeof d === 'number' && d !== expected[i]))
    throw invalid(
      `${path.basename(file)} does not belong with this encoder (a different Whisper size). Keep the encoder, decoder and tokens of one model together.`,
    );
}

function checkTokens(file: string): void {
  const problem = remember('tokens', file, tokensProblem);
  if (problem) throw invalid(problem);
}

function tokensProblem(file: string): string | null {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const bad = lines.findIndex((l) => !/^\S+ \d+$/.test(l));
  if (lines.length >= 1000 && bad < 0) return null;
  const why = bad >= 0 ? `line ${bad + 1} is "${lines[bad]!.slice(0, 30)}"` : `${lines.length} lines`;
  return `${path.basename(file)} is not a Whisper tokens.txt (${why}). Use the tokens file that came with the model.`;
}

/** ONNX files in a folder by role; int8 files first (smaller and faster on a CPU). */
function onnxByRole(dir: string): Map<OnnxRole, string[]> {
  const byRole = new Map<OnnxRole, string[]>();
  const files = fs
    .readdirSync(dir)
    .filter((n) => /\.onnx$/i.test(n) && !n.startsWith('.'))
    .sort((a, b) => Number(b.includes('int8')) - Number(a.includes('int8')) || a.localeCompare(b));
  for (const name of files) {
    const file = path.join(dir, name);
    const role = onnxFileRole(file) ?? 'other';
    byRole.set(role, [...(byRole.get(role) ?? []), file]);
  }
  return byRole;
}

/** The decoder that goes with an encoder: same name with "decoder" for "encoder", else the first. */
function pairDecoder(encoder: string, decoders: string[]): string | undefined {
  const twin = path.join(path.dirname(encoder), path.basename(encoder).replace('encoder', 'decoder'));
  return decoders.find((d) => d === twin) ?? decoders[0];
}

/**
 * The files of the Whisper model in a folder, checked. A partial set (say, no tokens file)
 * is refused with what is missing.
 */
export function inspectWhisperSet(dir: string): WhisperSetFiles {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new AppError('NOT_FOUND', `There is no speech model at ${dir}. Choose another on the Models screen.`);
  }
  if (!stat.isDirectory())
    throw invalid(
      `${path.basename(dir)} is a single file; a Whisper model is a folder holding its encoder, decoder and tokens files (e.g. base.en-encoder.int8.onnx, base.en-decoder.int8.onnx, base.en-tokens.txt).`,
    );
  const byRole = onnxByRole(dir);
  const encoder = byRole.get('whisper-encoder')?.[0];
  const decoder = encoder
    ? pairDecoder(encoder, byRole.get('whisper-decoder') ?? [])
    : byRole.get('whisper-decoder')?.[0];
  const tokens = fs
    .readdirSync(dir)
    .filter((n) => /tokens.*\.txt$/i.test(n))
    .map((n) => path.join(dir, n))[0];
  const missing = [
    !encoder && 'the encoder (*-encoder.onnx)',
    !decoder && 'the decoder (*-decoder.onnx)',
    !tokens && 'the tokens file (*-tokens.txt)',
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length > 0) {
    const damaged = (byRole.get('other') ?? []).map((f) => path.basename(f));
    throw invalid(
      `The speech model in ${path.basename(dir)} is incomplete: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing${damaged.length > 0 ? ` (${damaged.join(', ')} could not be read as one)` : ''}. Download the model again, or import the folder with all three files.`,
    );
  }
  const encoderSummary = readable(encoder!);
  checkEncoder(encoder!, encoderSummary);
  checkDecoder(decoder!, readable(decoder!), encoderSummary);
  checkTokens(tokens!);
  return { encoder: encoder!, decoder: decoder!, tokens: tokens! };
}

/** Throws unless the file is a Silero VAD model sherpa-onnx can run. */
export function inspectVadFile(file: string): void {
  if (onnxRole(readable(file)) !== 'silero-vad')
    throw invalid(
      `${path.basename(file)} is an ONNX model but not a Silero VAD (its inputs and outputs differ). Download Silero VAD on the Models screen.`,
    );
}
