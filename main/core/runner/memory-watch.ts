/**
 * The heap cap (--max-old-space-size) does not cover memory outside the JavaScript heap: a 1 GB
 * Buffer or a WebAssembly memory (Pyodide) grows the process without touching it. On Linux the
 * runner also watches the child's resident memory and stops it past a limit. Elsewhere only the
 * heap cap applies (said in the README).
 */
import fs from 'node:fs';

const POLL_MS = 40;

/** Resident memory of a process in bytes, or null where it cannot be read. */
export function residentBytes(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export const canWatchMemory = process.platform === 'linux';

/** Calls `onExceeded` once when the process holds more than `limitBytes`; returns a stop function. */
export function watchMemory(pid: number, limitBytes: number, onExceeded: () => void): () => void {
  if (!canWatchMemory) return () => {};
  const timer = setInterval(() => {
    const rss = residentBytes(pid);
    if (rss !== null && rss > limitBytes) {
      clearInterval(timer);
      onExceeded();
    }
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
