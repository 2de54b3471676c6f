/**
 * The LLM stand-ins the benchmarks use, written into the stand-in cache on first use and reused
 * while the generator, shape, quantization and seed stay the same (the file says which made it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR, standinsDir } from './cache.js';
import { kvStringValue, readGgufKvs } from './gguf-format.js';
import {
  LLAMA_STANDINS,
  STANDIN_STAMP_KEY,
  standinStamp,
  writeLlamaStandin,
  type LlamaStandinName,
  type LlamaStandinOptions,
  type StandinQuant,
} from './gguf-llama.js';

export const DEFAULT_STANDIN_SEED = 1;

export interface EnsuredStandin {
  file: string;
  /** Milliseconds spent writing it; null when the cached file was reused. */
  writtenMs: number | null;
  bytes: number;
}

function stampOf(file: string): string | null {
  try {
    const entry = readGgufKvs(file).find((e) => e.key === STANDIN_STAMP_KEY);
    return entry ? kvStringValue(entry) : null;
  } catch {
    return null;
  }
}

export function llamaStandinOptions(
  name: LlamaStandinName,
  quant: StandinQuant = 'q4_0',
  seed = DEFAULT_STANDIN_SEED,
): LlamaStandinOptions {
  return {
    shape: LLAMA_STANDINS[name],
    tokenizerFrom: path.join(FIXTURES_DIR, 'llama-2-tiny-random.gguf'),
    quant,
    seed,
  };
}

export function ensureLlamaStandin(
  name: LlamaStandinName,
  options: { quant?: StandinQuant; seed?: number; force?: boolean } = {},
): EnsuredStandin {
  const standin = llamaStandinOptions(name, options.quant, options.seed);
  const file = path.join(standinsDir(), `llama-standin-${name}-${standin.quant}-seed${standin.seed}.gguf`);
  if (!options.force && fs.existsSync(file) && stampOf(file) === standinStamp(standin))
    return { file, writtenMs: null, bytes: fs.statSync(file).size };
  const started = performance.now();
  const written = writeLlamaStandin(file, standin);
  return { file, writtenMs: performance.now() - started, bytes: written.fileSize };
}
