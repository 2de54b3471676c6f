/**
 * Whisper's architecture as a list of tensors (names and shapes as in OpenAI's PyTorch model),
 * for the English-only sizes the app offers. Both stand-in writers (whisper.cpp ggml and
 * sherpa-onnx ONNX) start from this list, so their parameter counts are the real model's.
 */

export interface WhisperShape {
  name: string;
  nVocab: number;
  nAudioCtx: number;
  nTextCtx: number;
  nMels: number;
  state: number;
  heads: number;
  layers: number;
}

const ENGLISH = { nVocab: 51864, nAudioCtx: 1500, nTextCtx: 448, nMels: 80 };

export const WHISPER_SHAPES = {
  /** For tests: the real vocabulary and contexts around a 1-layer, 64-wide network. */
  mini: { name: 'mini.en', ...ENGLISH, state: 64, heads: 2, layers: 1 },
  tiny: { name: 'tiny.en', ...ENGLISH, state: 384, heads: 6, layers: 4 },
  base: { name: 'base.en', ...ENGLISH, state: 512, heads: 8, layers: 6 },
  small: { name: 'small.en', ...ENGLISH, state: 768, heads: 12, layers: 12 },
} as const satisfies Record<string, WhisperShape>;

export type WhisperShapeName = keyof typeof WHISPER_SHAPES;

export function isWhisperShapeName(name: string): name is WhisperShapeName {
  return Object.hasOwn(WHISPER_SHAPES, name);
}

/**
 * How a stand-in fills a tensor: random weights, or the ones/zeros a freshly initialised layer
 * norm and bias hold (random norms would blow activations up and change nothing in cost).
 */
export type Fill = 'random' | 'one' | 'zero';

export interface WhisperTensor {
  name: string;
  /** PyTorch order (out, in) for linear weights. */
  dims: number[];
  fill: Fill;
  /** The encoder's sinusoidal positions are a buffer in OpenAI's model, not a trained parameter. */
  buffer?: boolean;
}

function linear(prefix: string, inputs: number, outputs: number, bias = true): WhisperTensor[] {
  const weight: WhisperTensor = { name: `${prefix}.weight`, dims: [outputs, inputs], fill: 'random' };
  return bias ? [weight, { name: `${prefix}.bias`, dims: [outputs], fill: 'zero' }] : [weight];
}

function norm(prefix: string, size: number): WhisperTensor[] {
  return [
    { name: `${prefix}.weight`, dims: [size], fill: 'one' },
    { name: `${prefix}.bias`, dims: [size], fill: 'zero' },
  ];
}

function attention(prefix: string, s: number): WhisperTensor[] {
  return [
    ...linear(`${prefix}.query`, s, s),
    ...linear(`${prefix}.key`, s, s, false),
    ...linear(`${prefix}.value`, s, s),
    ...linear(`${prefix}.out`, s, s),
  ];
}

function block(prefix: string, s: number, cross: boolean): WhisperTensor[] {
  return [
    ...attention(`${prefix}.attn`, s),
    ...norm(`${prefix}.attn_ln`, s),
    ...(cross ? [...attention(`${prefix}.cross_attn`, s), ...norm(`${prefix}.cross_attn_ln`, s)] : []),
    ...linear(`${prefix}.mlp.0`, s, 4 * s),
    ...linear(`${prefix}.mlp.2`, 4 * s, s),
    ...norm(`${prefix}.mlp_ln`, s),
  ];
}

export function whisperTensors(shape: WhisperShape): WhisperTensor[] {
  const s = shape.state;
  const tensors: WhisperTensor[] = [
    { name: 'encoder.positional_embedding', dims: [shape.nAudioCtx, s], fill: 'random', buffer: true },
    { name: 'encoder.conv1.weight', dims: [s, shape.nMels, 3], fill: 'random' },
    { name: 'encoder.conv1.bias', dims: [s], fill: 'zero' },
    { name: 'encoder.conv2.weight', dims: [s, s, 3], fill: 'random' },
    { name: 'encoder.conv2.bias', dims: [s], fill: 'zero' },
  ];
  for (let i = 0; i < shape.layers; i++) tensors.push(...block(`encoder.blocks.${i}`, s, false));
  tensors.push(...norm('encoder.ln_post', s));
  tensors.push(
    { name: 'decoder.token_embedding.weight', dims: [shape.nVocab, s], fill: 'random' },
    { name: 'decoder.positional_embedding', dims: [shape.nTextCtx, s], fill: 'random' },
  );
  for (let i = 0; i < shape.layers; i++) tensors.push(...block(`decoder.blocks.${i}`, s, true));
  tensors.push(...norm('decoder.ln', s));
  return tensors;
}

export const elementCount = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** Trained parameters, counted the way OpenAI's model does (sum of parameters().numel()). */
export function parameterCount(tensors: readonly WhisperTensor[]): number {
  return tensors.filter((t) => !t.buffer).reduce((sum, t) => sum + elementCount(t.dims), 0);
}

/** The scale of random weights: like a trained layer's, so activations stay in a normal range. */
export const WEIGHT_SCALE = 0.02;
