/**
 * Checks role packs in a worker thread (pack-worker.ts) and answers with plain results. If the
 * worker cannot start (or dies), the same check runs here instead, with a log line: slower for
 * the app, never a wrong answer.
 *
 * The worker file is pack-worker.ts next to this module when running from source (tsx or vitest:
 * the worker gets tsx's loader), and dist/main/pack-worker.js when bundled (scripts/build.mjs).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkInputs, type PackInput, type PackStructure } from './library.js';

export type { PackInput } from './library.js';

export interface PackValidator {
  check(packs: PackInput[]): Promise<PackStructure[]>;
  close(): Promise<void>;
}

const checkHere = checkInputs;

function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './pack-worker.ts' : './pack-worker.js', import.meta.url);
  if (!fromSource) {
    // Packaged, the file is unpacked from the asar archive (electron-builder asarUnpack).
    const file = fileURLToPath(url);
    const unpacked = file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
    return new Worker(unpacked !== file && existsSync(unpacked) ? unpacked : file);
  }
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Worker(url, { execArgv: ['--import', tsx] });
}

export function createPackValidator(
  options: { log?: (message: string) => void; useWorker?: boolean } = {},
): PackValidator {
  const log = options.log ?? (() => {});
  let worker: Worker | null = null;
  let broken = options.useWorker === false;
  let nextId = 1;
  const pending = new Map<number, { packs: PackInput[]; resolve: (r: PackStructure[]) => void }>();

  const fallBack = (why: string) => {
    if (!broken) log(`checking role packs on the main thread: ${why}`);
    broken = true;
    worker = null;
    for (const [id, job] of pending) {
      pending.delete(id);
      job.resolve(checkHere(job.packs));
    }
  };

  const ensureWorker = (): Worker | null => {
    if (broken) return null;
    if (worker) return worker;
    try {
      const w = startWorker();
      w.unref();
      w.on('message', (message: { id: number; results?: PackStructure[]; error?: string }) => {
        const job = pending.get(message.id);
        if (!job) return;
        pending.delete(message.id);
        job.resolve(message.results ?? checkHere(job.packs));
      });
      w.on('error', (error) => fallBack(`the worker failed (${error.message})`));
      w.on('exit', (code) => {
        if (worker === w && pending.size > 0) fallBack(`the worker exited (${code})`);
        if (worker === w) worker = null;
      });
      worker = w;
      return w;
    } catch (error) {
      fallBack(`the worker could not start (${(error as Error).message})`);
      return null;
    }
  };

  return {
    check(packs) {
      if (packs.length === 0) return Promise.resolve([]);
      const w = ensureWorker();
      if (!w) return Promise.resolve(checkHere(packs));
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, { packs, resolve });
        w.postMessage({ id, packs });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      broken = true;
      if (w) await w.terminate();
      fallBack('closed');
    },
  };
}
