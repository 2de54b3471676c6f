/**
 * Whisper in sherpa-onnx's ONNX format (k2-fsa/sherpa-onnx scripts/whisper/export-onnx.py),
 * with random weights: an encoder (mel → every decoder layer's cross-attention keys and
 * values), a decoder with a self-attention cache, and tokens.txt. Graph inputs, outputs and
 * encoder metadata are the ones sherpa-onnx's loader reads, so the real engine runs them.
 *
 * One addition, for benchmarks only: random weights never predict the end-of-text token, so a
 * stand-in would decode until sherpa-onnx's cap (6 tokens per second of audio). The decoder
 * keeps special tokens out of the way and adds a large score to end-of-text once it has produced STANDIN_TOKENS_PER_SECOND tokens per
 * second of speech — what real English speech yields — so decoding costs what it costs for
 * real. It reads the speech length from the encoder output's length (audio + tail padding).
 */
import { WHISPER_TAIL_PADDING_FRAMES } from '../../main/core/speech/whisper-onnx-config.js';
import { Graph } from './onnx-graph.js';
import {
  attend,
  encoderSelfAttention,
  gelu,
  layerNorm,
  linear,
  mlp,
  weight,
  type LayerContext,
} from './onnx-layers.js';
import type { WhisperShape } from './whisper-shapes.js';

/** Tokens per second of speech the stand-in decoder produces before it ends (real speech: ~3–4). */
export const STANDIN_TOKENS_PER_SECOND = 3.5;

/** Special tokens of the English-only (GPT-2 based) Whisper vocabulary. */
export const ENGLISH_TOKENS = {
  eot: 50256,
  sot: 50257,
  translate: 50357,
  transcribe: 50358,
  sotLm: 50359,
  sotPrev: 50360,
  noSpeech: 50361,
  noTimestamps: 50362,
  /** The token id of a lone space. */
  blank: 220,
} as const;

/** sherpa-onnx's decoder starts from sot_sequence plus no_timestamps. */
const INITIAL_TOKENS = 2;

export function encoderMetadata(shape: WhisperShape): Record<string, string | number> {
  return {
    model_type: `whisper-${shape.name}`,
    version: '1',
    maintainer: 'interview-rehearsal stand-in (random weights)',
    n_mels: shape.nMels,
    n_audio_ctx: shape.nAudioCtx,
    n_audio_state: shape.state,
    n_audio_head: shape.heads,
    n_audio_layer: shape.layers,
    n_vocab: shape.nVocab,
    n_text_ctx: shape.nTextCtx,
    n_text_state: shape.state,
    n_text_head: shape.heads,
    n_text_layer: shape.layers,
    sot_sequence: String(ENGLISH_TOKENS.sot),
    sot: ENGLISH_TOKENS.sot,
    sot_index: 0,
    eot: ENGLISH_TOKENS.eot,
    blank_id: ENGLISH_TOKENS.blank,
    is_multilingual: 0,
    no_speech: ENGLISH_TOKENS.noSpeech,
    transcribe: ENGLISH_TOKENS.transcribe,
    translate: ENGLISH_TOKENS.translate,
    sot_prev: ENGLISH_TOKENS.sotPrev,
    sot_lm: ENGLISH_TOKENS.sotLm,
    no_timestamps: ENGLISH_TOKENS.noTimestamps,
  };
}

function context(graph: Graph, seed: number, int8: boolean): LayerContext {
  return { graph, seed, int8, quantized: new Map() };
}

export function whisperEncoderGraph(shape: WhisperShape, seed: number, int8: boolean): Graph {
  const g = new Graph(`whisper-${shape.name}-encoder`);
  const ctx = context(g, seed, int8);
  const s = shape.state;
  const mel = g.input('mel', 'float', ['n_audio', shape.nMels, 'T']);
  const conv = (x: string, name: string, inputs: number, stride: number) =>
    gelu(
      ctx,
      g.one(
        'Conv',
        [x, weight(ctx, `encoder.${name}.weight`, [s, inputs, 3]), weight(ctx, `encoder.${name}.bias`, [s], 'zero')],
        { kernel_shape: [3], pads: [1, 1], strides: [stride] },
      ),
    );
  const convolved = conv(conv(mel, 'conv1', shape.nMels, 1), 'conv2', s, 2);
  let x = g.one('Transpose', [convolved], { perm: [0, 2, 1] });
  // The export slices the positional table to the audio's length (no fixed 30 s window).
  const length = g.one('Shape', [x], { start: 1, end: 2 });
  const positions = weight(ctx, 'encoder.positional_embedding', [shape.nAudioCtx, s]);
  x = g.one('Add', [x, g.one('Slice', [positions, g.constInt64([0]), length, g.constInt64([0])])]);
  for (let i = 0; i < shape.layers; i++) {
    const prefix = `encoder.blocks.${i}`;
    x = mlp(ctx, encoderSelfAttention(ctx, x, prefix, s, shape.heads), prefix, s);
  }
  const features = layerNorm(ctx, x, 'encoder.ln_post', s);
  const keys: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < shape.layers; i++) {
    const prefix = `decoder.blocks.${i}.cross_attn`;
    const axis = g.constInt64([0]);
    keys.push(g.one('Unsqueeze', [linear(ctx, features, `${prefix}.key`, s, s, false), axis]));
    values.push(g.one('Unsqueeze', [linear(ctx, features, `${prefix}.value`, s, s), axis]));
  }
  g.opInto('Concat', keys, ['n_layer_cross_k'], { axis: 0 });
  g.opInto('Concat', values, ['n_layer_cross_v'], { axis: 0 });
  g.output('n_layer_cross_k', 'float', [shape.layers, 'n_audio', 'T', s]);
  g.output('n_layer_cross_v', 'float', [shape.layers, 'n_audio', 'T', s]);
  return g;
}

export function whisperDecoderGraph(
  shape: WhisperShape,
  seed: number,
  int8: boolean,
  tokensPerSecond = STANDIN_TOKENS_PER_SECOND,
): Graph {
  const g = new Graph(`whisper-${shape.name}-decoder`);
  const ctx = context(g, seed, int8);
  const s = shape.state;
  const cache = [shape.layers, 'n_audio', shape.nTextCtx, s];
  const tokens = g.input('tokens', 'int64', ['n_audio', 'n_tokens']);
  const kCache = g.input('in_n_layer_self_k_cache', 'float', cache);
  const vCache = g.input('in_n_layer_self_v_cache', 'float', cache);
  const crossK = g.input('n_layer_cross_k', 'float', [shape.layers, 'n_audio', 'T', s]);
  const crossV = g.input('n_layer_cross_v', 'float', [shape.layers, 'n_audio', 'T', s]);
  const offset = g.input('offset', 'int64', [1]);

  const embedding = weight(ctx, 'decoder.token_embedding.weight', [shape.nVocab, s]);
  const count = g.one('Shape', [tokens], { start: 1, end: 2 });
  const total = g.one('Add', [offset, count]);
  const zero = g.constInt64([0]);
  const axis0 = g.constInt64([0]);
  const axis1 = g.constInt64([1]);
  const positions = weight(ctx, 'decoder.positional_embedding', [shape.nTextCtx, s]);
  let x = g.one('Add', [
    g.one('Gather', [embedding, tokens], { axis: 0 }),
    g.one('Slice', [positions, offset, total, axis0]),
  ]);
  // Whisper's causal mask, sliced to the tokens of this call (as the export does).
  const maskValues = new Float32Array(shape.nTextCtx * shape.nTextCtx);
  for (let r = 0; r < shape.nTextCtx; r++)
    for (let c = r + 1; c < shape.nTextCtx; c++) maskValues[r * shape.nTextCtx + c] = -Infinity;
  const maskTable = g.init('const/mask', 'float', [shape.nTextCtx, shape.nTextCtx], new Uint8Array(maskValues.buffer));
  const mask = g.one('Slice', [
    maskTable,
    g.constInt64([0, 0]),
    g.one('Concat', [count, count], { axis: 0 }),
    g.constInt64([0, 1]),
  ]);

  const newKs: string[] = [];
  const newVs: string[] = [];
  for (let i = 0; i < shape.layers; i++) {
    const prefix = `decoder.blocks.${i}`;
    const layer = g.constInt64([i], []);
    const h = layerNorm(ctx, x, `${prefix}.attn_ln`, s);
    const q = linear(ctx, h, `${prefix}.attn.query`, s, s);
    const k = linear(ctx, h, `${prefix}.attn.key`, s, s, false);
    const v = linear(ctx, h, `${prefix}.attn.value`, s, s);
    // Write this call's keys and values into the cache at [offset, offset + n), then attend to [0, offset + n).
    const place = (cacheInput: string, fresh: string) => {
      const old = g.one('Gather', [cacheInput, layer], { axis: 0 });
      const before = g.one('Slice', [old, zero, offset, axis1]);
      const after = g.one('Slice', [old, total, g.constInt64([shape.nTextCtx]), axis1]);
      return g.one('Concat', [before, fresh, after], { axis: 1 });
    };
    const newK = place(kCache, k);
    const newV = place(vCache, v);
    newKs.push(g.one('Unsqueeze', [newK, axis0]));
    newVs.push(g.one('Unsqueeze', [newV, axis0]));
    const keys = g.one('Slice', [newK, zero, total, axis1]);
    const values = g.one('Slice', [newV, zero, total, axis1]);
    const selfOut = linear(ctx, attend(ctx, q, keys, values, shape.heads, s, mask), `${prefix}.attn.out`, s, s);
    x = g.one('Add', [x, selfOut]);

    const hc = layerNorm(ctx, x, `${prefix}.cross_attn_ln`, s);
    const qc = linear(ctx, hc, `${prefix}.cross_attn.query`, s, s);
    const ck = g.one('Gather', [crossK, layer], { axis: 0 });
    const cv = g.one('Gather', [crossV, layer], { axis: 0 });
    x = g.one('Add', [x, linear(ctx, attend(ctx, qc, ck, cv, shape.heads, s), `${prefix}.cross_attn.out`, s, s)]);
    x = mlp(ctx, x, prefix, s);
  }
  x = layerNorm(ctx, x, 'decoder.ln', s);
  // logits = token_embedding @ xᵀ, as the export computes them.
  const scores = g.one('MatMul', [embedding, g.one('Transpose', [x], { perm: [0, 2, 1] })]);
  const logits = g.one('Transpose', [scores], { perm: [0, 2, 1] });
  g.opInto('Add', [logits, endOfTextBias(g, shape, crossK, total, tokensPerSecond)], ['logits']);
  g.opInto('Concat', newKs, ['out_n_layer_self_k_cache'], { axis: 0 });
  g.opInto('Concat', newVs, ['out_n_layer_self_v_cache'], { axis: 0 });
  g.output('logits', 'float', ['n_audio', 'n_tokens', shape.nVocab]);
  g.output('out_n_layer_self_k_cache', 'float', cache);
  g.output('out_n_layer_self_v_cache', 'float', cache);
  return g;
}

/**
 * [vocab] scores added to the logits: special tokens (end-of-text, timestamps, …) are pushed
 * down so random weights pick ordinary text tokens, until the token budget for this much speech
 * is spent; then end-of-text is pushed up and decoding ends.
 */
function endOfTextBias(g: Graph, shape: WhisperShape, crossK: string, total: string, tokensPerSecond: number): string {
  const toFloat = (x: string) => g.one('Cast', [x], { to: 1 });
  const audioPositions = toFloat(g.one('Shape', [crossK], { start: 2, end: 3 }));
  // Encoder positions are two feature frames each; the tail padding is silence, not speech.
  const speechFrames = g.one('Sub', [
    g.one('Mul', [audioPositions, g.constFloat([2], [])]),
    g.constFloat([WHISPER_TAIL_PADDING_FRAMES], []),
  ]);
  const budget = g.one('Mul', [speechFrames, g.constFloat([tokensPerSecond / 100], [])]);
  // The call with offset o and n tokens predicts token number o + n - INITIAL_TOKENS + 1.
  const predicting = g.one('Add', [toFloat(total), g.constFloat([1 - INITIAL_TOKENS], [])]);
  const spent = g.one('Greater', [predicting, budget]);
  const text = new Array<number>(shape.nVocab).fill(0);
  for (let id = ENGLISH_TOKENS.eot; id < shape.nVocab; id++) text[id] = -1e4;
  const end = [...text];
  end[ENGLISH_TOKENS.eot] = 1e4;
  return g.one('Where', [spent, g.constFloat(end), g.constFloat(text)]);
}

/** tokens.txt: one "base64(token bytes) id" line per ordinary token, from the fixture's vocabulary. */
export function tokensText(vocabulary: readonly Uint8Array[]): string {
  return vocabulary
    .slice(0, ENGLISH_TOKENS.eot)
    .map((bytes, id) => `${Buffer.from(bytes).toString('base64')} ${id}\n`)
    .join('');
}
