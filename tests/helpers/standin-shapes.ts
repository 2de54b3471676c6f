import type { LlamaShape } from '../../bench/standins/gguf-llama.js';

/** A llama shape small enough to write in milliseconds, with grouped KV heads like the real ones. */
export const SMALL_LLAMA_SHAPE: LlamaShape = {
  label: 'small test shape',
  hidden: 64,
  layers: 2,
  heads: 4,
  kvHeads: 2,
  ffn: 128,
  contextLength: 256,
  ropeFreqBase: 10_000,
  tiedEmbeddings: false,
};
