/**
 * The library as the app keeps it: the folders are the source of truth (people edit packs in a
 * text editor), so each request compares the folders' listing (names, sizes, times) with the last
 * one, and only files that changed are checked again, in the worker. While a worker checks, the
 * last validated library keeps being served (after a short wait, so a small change still shows
 * at once); `onUpdated` says when a newer one is ready.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  emptyOwners,
  isPackFileName,
  loadLibrary,
  resolvePack,
  splitChecked,
  type Library,
  type PackSource,
  type PackStructure,
} from './library.js';
import type { PackValidator } from './pack-validator.js';
import { formatError } from './parse-pack.js';

interface Entry {
  key: string;
  file: string;
  source: PackSource;
  path: string;
  /** Changes whenever the file is saved; "?" when it could not be read. */
  stamp: string;
  /** The folder itself could not be read. */
  error?: string;
}

export interface LibraryState {
  /** The newest library, or the last validated one while a slow check runs. */
  current(): Promise<Library>;
  /** Whatever has been validated so far, without waiting (a first load happens here, in this thread). */
  now(): Library;
  /** Records a pack this process just checked and wrote, so it is not parsed again. */
  remember(source: PackSource, file: string, structure: PackStructure): void;
  /** Checks changed files and rebuilds the library now. */
  refresh(): Promise<Library>;
}

function listFolder(dir: string, source: PackSource): Entry[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isPackFileName).sort();
  } catch (e) {
    // The user folder does not exist until the first import; that is not a problem.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    const error = formatError('.', 1, '(folder)', `could not read the folder: ${(e as Error).message}`);
    return [{ key: `${source}:.`, file: '.', source, path: dir, stamp: '?', error }];
  }
  return names.map((name) => {
    const path = join(dir, name);
    let stamp = '?';
    try {
      const s = statSync(path);
      stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      // Checked (and reported) by the worker when it tries to read it.
    }
    return { key: `${source}:${name}`, file: name, source, path, stamp };
  });
}

export function createLibraryState(options: {
  bundledDir: string;
  userDir: string;
  validator: PackValidator;
  onUpdated?: (library: Library) => void;
  /** How long a request waits for a running check before it gets the last validated library. */
  staleAfterMs?: number;
  log?: (message: string) => void;
}): LibraryState {
  const staleAfterMs = options.staleAfterMs ?? 250;
  const checked = new Map<string, { stamp: string; structure: PackStructure }>();
  let library: { signature: string; value: Library } | undefined;
  let refreshing: Promise<Library> | undefined;

  const list = () => [...listFolder(options.bundledDir, 'bundled'), ...listFolder(options.userDir, 'user')];
  const signatureOf = (entries: Entry[]) => entries.map((e) => `${e.key}@${e.stamp}`).join('|');

  const build = (entries: Entry[]): Library => {
    const owners = emptyOwners();
    return splitChecked(
      entries.map((e) => {
        const structure = checked.get(e.key)?.structure;
        return structure
          ? resolvePack(structure, owners)
          : { file: e.file, source: e.source, sha256: null, coding: 0, errors: [e.error ?? 'not checked'] };
      }),
    );
  };

  const refresh = (): Promise<Library> => {
    refreshing ??= (async () => {
      const entries = list();
      const changed = entries.filter((e) => e.error === undefined && checked.get(e.key)?.stamp !== e.stamp);
      const results = await options.validator.check(
        changed.map((e) => ({ file: e.file, source: e.source, path: e.path })),
      );
      changed.forEach((e, i) => {
        const structure = results[i];
        if (structure) checked.set(e.key, { stamp: e.stamp, structure });
      });
      for (const e of entries) {
        if (e.error !== undefined) checked.delete(e.key);
      }
      const keys = new Set(entries.map((e) => e.key));
      for (const key of checked.keys()) if (!keys.has(key)) checked.delete(key);
      const previous = library;
      library = { signature: signatureOf(entries), value: build(entries) };
      if (previous) options.onUpdated?.(library.value);
      return library.value;
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  return {
    async current() {
      if (library && signatureOf(list()) === library.signature) return library.value;
      const job = refresh();
      if (!library) return job;
      const stale = library.value;
      const timer = new Promise<Library>((resolve) => setTimeout(() => resolve(stale), staleAfterMs).unref());
      return Promise.race([job, timer]);
    },
    now() {
      if (library) return library.value;
      // Only before the first check has finished: someone needs a role this very moment.
      options.log?.('a role was needed before the library finished loading; loading it on the main thread');
      const value = loadLibrary({ bundledDir: options.bundledDir, userDir: options.userDir });
      return value;
    },
    remember(source, file, structure) {
      const entry = list().find((e) => e.source === source && e.file === file);
      if (entry) checked.set(entry.key, { stamp: entry.stamp, structure });
    },
    refresh,
  };
}
