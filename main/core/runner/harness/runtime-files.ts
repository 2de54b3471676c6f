/**
 * The harnesses' runtime pieces on disk: the plain scripts in the runner's runtime folder (the
 * sandbox's `runtimeDir`, next to bootstrap.cjs), copied into each run's workspace, and the
 * Pyodide package the sandboxed process reads (unpacked from the asar archive when packaged).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

export const RUNTIME_FILES = ['js-harness.cjs', 'py-harness.cjs', 'harness.py', 'system-python.py'] as const;
export type RuntimeFile = (typeof RUNTIME_FILES)[number];

const cache = new Map<string, string>();
export function runtimeSource(runtimeDir: string, name: RuntimeFile): string {
  const file = join(runtimeDir, name);
  let text = cache.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    cache.set(file, text);
  }
  return text;
}

/** The installed Pyodide package folder, outside the asar archive when packaged; null if missing. */
export function pyodideDir(): string | null {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
    const unpacked = dir.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
    const chosen = existsSync(unpacked) ? unpacked : dir;
    return existsSync(join(chosen, 'pyodide.asm.wasm')) ? chosen : null;
  } catch {
    return null;
  }
}
