/**
 * A file can have a valid model header and nothing after it: a download that pre-allocated the
 * file and never filled it, or a sparse copy. Its weights are then zeros, and the model would
 * load and produce nothing. Samples the body (where the weights are) instead of reading it all.
 */
import fs from 'node:fs';

const WINDOWS = 32;
const WINDOW_BYTES = 64 * 1024;
/** Real weights (quantized or not) are nowhere near this; padding between tensors is a few percent. */
export const MOSTLY_ZEROS = 0.9;

/** The share of zero bytes in samples spread over [from, size). */
export async function zeroShare(file: string, from: number, size: number): Promise<number> {
  const span = size - from;
  if (span <= 0) return 0;
  const handle = await fs.promises.open(file, 'r');
  try {
    const windows = Math.min(WINDOWS, Math.ceil(span / WINDOW_BYTES));
    const step = windows > 1 ? Math.floor((span - WINDOW_BYTES) / (windows - 1)) : 0;
    const buffer = Buffer.alloc(WINDOW_BYTES);
    let zeros = 0;
    let total = 0;
    for (let w = 0; w < windows; w++) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(WINDOW_BYTES, span), from + Math.max(0, w * step));
      for (let i = 0; i < bytesRead; i++) if (buffer[i] === 0) zeros++;
      total += bytesRead;
    }
    return total === 0 ? 0 : zeros / total;
  } finally {
    await handle.close();
  }
}
