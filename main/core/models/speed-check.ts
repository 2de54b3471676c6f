/**
 * A short measured speed check for the recommendation: how fast one thread reads memory. On a CPU
 * a language model's reply speed is bound by reading its weights once per token, so this figure,
 * times the threads llama.cpp can use, says roughly how many tokens a second a model of a given
 * size gives. About 50 ms, once per run; the same figure feeds every screen.
 */
const ARRAY_BYTES = 32 * 1024 * 1024;
const PASSES = 3;

let measured: number | null | undefined;

function readOnce(data: Float64Array): { seconds: number; sum: number } {
  const start = process.hrtime.bigint();
  let sum = 0;
  for (let i = 0; i < data.length; i += 1) sum += data[i]!;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, sum };
}

/** Gigabytes a second one thread reads (best of a few passes), or null when it cannot be measured. */
export function memoryReadGBps(): number | null {
  if (measured !== undefined) return measured;
  try {
    const data = new Float64Array(ARRAY_BYTES / 8).fill(1);
    let best = Infinity;
    let check = 0;
    for (let pass = 0; pass < PASSES; pass += 1) {
      const { seconds, sum } = readOnce(data);
      best = Math.min(best, seconds);
      check += sum;
    }
    // The sum is used, so the loop cannot be optimised away.
    measured = check > 0 && best > 0 ? Math.round((ARRAY_BYTES / best / 1e9) * 10) / 10 : null;
  } catch {
    measured = null;
  }
  return measured;
}
