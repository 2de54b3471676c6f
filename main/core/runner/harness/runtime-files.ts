/**
 * Where the harnesses' runtime pieces are on disk: the plain scripts copied into each run's
 * workspace (main/core/runner/harness/runtime in the source tree, dist/main/runner-runtime in a
 * build) and the Pyodide package the sandboxed process reads (unpacked from the asar archive).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNTIME_FILES = ['js-harness.cjs', 'py-harness.cjs', 'harness.py'] as const;
export type RuntimeFile = (typeof RUNTIME_FILES)[number];

function runtimeDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'runtime'), join(here, 'runner-runtime')];
  const found = candidates.find((dir) => existsSync(join(dir, 'js-harness.cjs')));
  if (!found) throw new Error(`runner runtime files not found (looked in ${candidates.join(', ')})`);
  return found;
}

const cache = new Map<RuntimeFile, string>();
export function runtimeSource(name: RuntimeFile): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(runtimeDir(), name), 'utf8');
    cache.set(name, text);
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
