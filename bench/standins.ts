/**
 * `npm run bench -- standins [--only 1b,3b] [--quant q4_0|q8_0] [--seed N] [--force] [--threads N]`
 *
 * Writes the size-faithful stand-in models into the stand-in cache (REHEARSAL_STANDINS_DIR, else
 * ~/.cache/interview-rehearsal/standins; reused while generator, shape, quantization and seed
 * are unchanged) and checks each one in its engine:
 *   - LLM stand-ins (llama architecture, random weights, the fixture's 32k Llama tokenizer):
 *     load in node-llama-cpp, parameter count as node-llama-cpp reports it against the shape's
 *     own count and the real model's published one, prompt and generation speed.
 * Last line: `standins: 1b_params=… 1b_vs_real=… 3b_params=… 3b_vs_real=… …`.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import { cpuTokensPerSecond } from '../main/core/models/fit.js';
import { memoryReadGBps } from '../main/core/models/speed-check.js';
import { LLAMA_STANDINS, llamaParameters, type LlamaStandinName, type StandinQuant } from './standins/gguf-llama.js';
import { DEFAULT_STANDIN_SEED, ensureLlamaStandin } from './standins/llama-cache.js';

const billions = (n: number) => `${(n / 1e9).toFixed(3)}B`;

interface LlamaCheck {
  name: LlamaStandinName;
  file: string;
  bytes: number;
  writtenMs: number | null;
  loadMs: number;
  reported: number;
  expected: number;
  real: number;
  promptTokensPerS: number;
  genTokensPerS: number;
}

async function checkLlama(
  name: LlamaStandinName,
  options: { quant: StandinQuant; seed: number; force: boolean; threads: number },
): Promise<LlamaCheck> {
  const shape = LLAMA_STANDINS[name];
  const ensured = ensureLlamaStandin(name, options);
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const loadStart = performance.now();
  const model = await llama.loadModel({ modelPath: ensured.file });
  const loadMs = performance.now() - loadStart;
  try {
    const vocab = model.fileInfo.metadata.tokenizer.ggml.tokens.length;
    const context = await model.createContext({ contextSize: 512, threads: options.threads });
    const sequence = context.getSequence();
    const prompt = model.tokenize(
      'So the way I approached it was to write down what the service had to guarantee, then measure where the time went. '.repeat(
        4,
      ),
    );
    const started = performance.now();
    let firstAt = 0;
    let generated = 0;
    for await (const token of sequence.evaluate(prompt, { temperature: 0 })) {
      void token;
      if (generated === 0) firstAt = performance.now();
      generated += 1;
      if (generated > 16) break;
    }
    const end = performance.now();
    await context.dispose();
    return {
      name,
      file: ensured.file,
      bytes: ensured.bytes,
      writtenMs: ensured.writtenMs,
      loadMs,
      reported: model.fileInsights.totalParameters,
      expected: llamaParameters(shape, vocab),
      real: shape.real.parameters,
      promptTokensPerS: prompt.length / ((firstAt - started) / 1000),
      genTokensPerS: (generated - 1) / ((end - firstAt) / 1000),
    };
  } finally {
    await model.dispose();
  }
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      only: { type: 'string', default: '1b,3b' },
      quant: { type: 'string', default: 'q4_0' },
      seed: { type: 'string', default: String(DEFAULT_STANDIN_SEED) },
      threads: { type: 'string', default: String(os.availableParallelism()) },
      force: { type: 'boolean', default: false },
    },
  });
  const quant = values.quant as StandinQuant;
  if (quant !== 'q4_0' && quant !== 'q8_0') throw new Error(`--quant must be q4_0 or q8_0, not ${values.quant}`);
  const names = values.only.split(',').map((n) => n.trim()) as LlamaStandinName[];
  for (const n of names)
    if (!(n in LLAMA_STANDINS))
      throw new Error(`unknown stand-in ${n}; known: ${Object.keys(LLAMA_STANDINS).join(', ')}`);
  const options = { quant, seed: Number(values.seed), force: values.force, threads: Number(values.threads) };

  const checks: LlamaCheck[] = [];
  for (const name of names) {
    console.log(`${name}: ${LLAMA_STANDINS[name].label}-shaped llama, ${quant}, seed ${options.seed}…`);
    checks.push(await checkLlama(name, options));
  }
  console.log(
    `\nstand-in folder: ${path.dirname(checks[0]?.file ?? '')}; threads ${options.threads}; CPUs ${os.availableParallelism()}`,
  );
  // The app's recommendation estimates generation speed from a short memory-read check; set it
  // beside llama.cpp's real speed on the same shapes.
  const hw = { memoryReadGBps: memoryReadGBps(), cpuThreads: options.threads };
  const estimate = (c: LlamaCheck) => cpuTokensPerSecond(c.bytes, hw);
  console.log(`speed check: one thread reads ${hw.memoryReadGBps ?? '?'} GB/s`);
  console.log(
    'name  file MB  written s  load s  params (node-llama-cpp)  = shape  real model  stand-in/real  prompt tok/s  gen tok/s  app estimate',
  );
  for (const c of checks) {
    console.log(
      [
        c.name.padEnd(4),
        (c.bytes / 2 ** 20).toFixed(0).padStart(7),
        (c.writtenMs === null ? 'cached' : (c.writtenMs / 1000).toFixed(1)).padStart(9),
        (c.loadMs / 1000).toFixed(1).padStart(6),
        billions(c.reported).padStart(23),
        (c.reported === c.expected ? 'yes' : 'NO').padStart(7),
        billions(c.real).padStart(11),
        (c.reported / c.real).toFixed(3).padStart(14),
        c.promptTokensPerS.toFixed(0).padStart(13),
        c.genTokensPerS.toFixed(1).padStart(10),
        String(estimate(c) ?? '?').padStart(13),
      ].join(' '),
    );
  }
  if (checks.some((c) => c.name === '3b'))
    console.log(
      'note: the 3b stand-in has the fixture’s 32,000-token vocabulary instead of Llama 3.2’s 128,256, so its tied embedding/output layer is 296 M parameters smaller than the real model’s; every other tensor has the real shape.',
    );
  const mismatched = checks.filter((c) => c.reported !== c.expected);
  if (mismatched.length > 0) {
    console.error(`parameter count differs from the shape's for: ${mismatched.map((c) => c.name).join(', ')}`);
    process.exitCode = 1;
  }
  console.log(
    `standins: ${checks
      .map((c) => {
        const est = estimate(c);
        const ratio = est === null ? 'null' : (c.genTokensPerS / est).toFixed(2);
        return `${c.name}_params=${billions(c.reported)} ${c.name}_vs_real=${(c.reported / c.real).toFixed(3)} ${c.name}_gen_vs_estimate=${ratio}`;
      })
      .join(' ')}`,
  );
}
