/**
 * Transformer building blocks as ONNX nodes, in the form PyTorch's exporter gives Whisper's
 * layers (MatMul + Add for linear layers, an Erf-based GELU, LayerNormalization, attention as
 * Reshape/Transpose/MatMul/Softmax). With `int8`, linear layers take the shape ONNX Runtime's
 * dynamic quantiser (quantize_dynamic on MatMul, the way sherpa-onnx makes its *.int8.onnx
 * files) gives them: DynamicQuantizeLinear → MatMulInteger → Cast → Mul by the scales.
 */
import type { Graph } from './onnx-graph.js';
import type { LazyPiece } from './protobuf.js';
import { bytesOf, normalFloats, randomInt8, tensorSeed } from './random.js';
import { WEIGHT_SCALE, type Fill } from './whisper-shapes.js';

export interface LayerContext {
  graph: Graph;
  seed: number;
  int8: boolean;
  /** Activations already quantised (q, k and v share one DynamicQuantizeLinear, as the quantiser does). */
  quantized: Map<string, [string, string, string]>;
}

function floats(count: number, fill: Fill, seed: number, name: string): LazyPiece {
  return {
    length: count * 4,
    produce: () =>
      bytesOf(
        fill === 'random'
          ? normalFloats(count, tensorSeed(seed, name), WEIGHT_SCALE)
          : new Float32Array(count).fill(fill === 'one' ? 1 : 0),
      ),
  };
}

/** A float tensor filled the way a stand-in fills it. */
export function weight(ctx: LayerContext, name: string, dims: number[], fill: Fill = 'random'): string {
  return ctx.graph.init(
    name,
    'float',
    dims,
    floats(
      dims.reduce((a, b) => a * b, 1),
      fill,
      ctx.seed,
      name,
    ),
  );
}

/**
 * x @ Wᵀ + b for a PyTorch Linear(inputs → outputs) named prefix. The weight is stored
 * transposed ([inputs, outputs]), as the exporter stores it for MatMul.
 */
export function linear(
  ctx: LayerContext,
  x: string,
  prefix: string,
  inputs: number,
  outputs: number,
  bias = true,
): string {
  const g = ctx.graph;
  let y: string;
  if (!ctx.int8) {
    y = g.one('MatMul', [x, weight(ctx, `${prefix}.weight`, [inputs, outputs])]);
  } else {
    const name = `${prefix}.weight_quantized`;
    const count = inputs * outputs;
    const w = g.init(name, 'int8', [inputs, outputs], {
      length: count,
      produce: () => bytesOf(randomInt8(count, tensorSeed(ctx.seed, name))),
    });
    // A symmetric int8 weight: zero point 0, a scale that gives values of a trained layer's size.
    const wScale = g.constFloat([WEIGHT_SCALE / 73], []);
    const wZero = g.init(`const/${prefix}.zero_point`, 'int8', [], new Uint8Array(1));
    let q = ctx.quantized.get(x);
    if (!q) {
      q = g.op('DynamicQuantizeLinear', [x], {}, 3) as [string, string, string];
      ctx.quantized.set(x, q);
    }
    const product = g.one('MatMulInteger', [q[0], w, q[2], wZero]);
    const scale = g.one('Mul', [q[1], wScale]);
    y = g.one('Mul', [g.one('Cast', [product], { to: 1 }), scale]);
  }
  return bias ? g.one('Add', [y, weight(ctx, `${prefix}.bias`, [outputs], 'zero')]) : y;
}

export function layerNorm(ctx: LayerContext, x: string, prefix: string, size: number): string {
  return ctx.graph.one(
    'LayerNormalization',
    [x, weight(ctx, `${prefix}.weight`, [size], 'one'), weight(ctx, `${prefix}.bias`, [size], 'zero')],
    { axis: -1, epsilon: { float: 1e-5 } },
  );
}

/** GELU as PyTorch exports it at opset 17: x · ½ · (1 + erf(x / √2)). */
export function gelu(ctx: LayerContext, x: string): string {
  const g = ctx.graph;
  const erf = g.one('Erf', [g.one('Div', [x, g.constFloat([Math.SQRT2], [])])]);
  return g.one('Mul', [g.one('Mul', [x, g.one('Add', [erf, g.constFloat([1], [])])]), g.constFloat([0.5], [])]);
}

export function mlp(ctx: LayerContext, x: string, prefix: string, s: number): string {
  const hidden = gelu(ctx, linear(ctx, layerNorm(ctx, x, `${prefix}.mlp_ln`, s), `${prefix}.mlp.0`, s, 4 * s));
  return ctx.graph.one('Add', [x, linear(ctx, hidden, `${prefix}.mlp.2`, 4 * s, s)]);
}

/**
 * Whisper's qkv attention over [batch, length, state] tensors: q and k each scaled by
 * head_dim^-¼, softmax over keys, an optional additive mask, heads merged back.
 */
export function attend(
  ctx: LayerContext,
  q: string,
  k: string,
  v: string,
  heads: number,
  s: number,
  mask?: string,
): string {
  const g = ctx.graph;
  const d = s / heads;
  const split = g.constInt64([0, 0, heads, d]);
  const scale = g.constFloat([d ** -0.25], []);
  const qh = g.one('Mul', [g.one('Transpose', [g.one('Reshape', [q, split])], { perm: [0, 2, 1, 3] }), scale]);
  const kh = g.one('Mul', [g.one('Transpose', [g.one('Reshape', [k, split])], { perm: [0, 2, 3, 1] }), scale]);
  const vh = g.one('Transpose', [g.one('Reshape', [v, split])], { perm: [0, 2, 1, 3] });
  let scores = g.one('MatMul', [qh, kh]);
  if (mask) scores = g.one('Add', [scores, mask]);
  const weights = g.one('Softmax', [scores], { axis: -1 });
  const merged = g.one('Transpose', [g.one('MatMul', [weights, vh])], { perm: [0, 2, 1, 3] });
  return g.one('Reshape', [merged, g.constInt64([0, 0, s])]);
}

/** A self-attention block's attention half for the encoder (no cache, no mask). */
export function encoderSelfAttention(ctx: LayerContext, x: string, prefix: string, s: number, heads: number): string {
  const h = layerNorm(ctx, x, `${prefix}.attn_ln`, s);
  const q = linear(ctx, h, `${prefix}.attn.query`, s, s);
  const k = linear(ctx, h, `${prefix}.attn.key`, s, s, false);
  const v = linear(ctx, h, `${prefix}.attn.value`, s, s);
  const out = linear(ctx, attend(ctx, q, k, v, heads, s), `${prefix}.attn.out`, s, s);
  return ctx.graph.one('Add', [x, out]);
}
