/**
 * Which model files are installed: the data folder's models/ (downloads and imports) and the
 * installer's bundled models folder. The folder is the truth — no separate list to drift from
 * it — and each file's kind comes from its header, not its name.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { InstalledModel, ModelKind } from '../../contract/services/models.js';
import type { CatalogEntry } from './catalog.js';
import { HEADER_BYTES, sniffHeader } from './model-headers.js';

const MODEL_FILE = /\.(gguf|bin)$/i;

/** The kind of a model file from its first bytes; null for anything that is not a usable model. */
export function kindOfFile(file: string): ModelKind | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(HEADER_BYTES);
    const read = fs.readSync(fd, buffer, 0, HEADER_BYTES, 0);
    const sniff = sniffHeader(buffer.subarray(0, read));
    if (sniff.kind === 'gguf') return 'llm';
    if (sniff.kind === 'whisper') return 'whisper';
    if (sniff.kind === 'vad') return 'vad';
    return null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function listModelFiles(dir: string): { name: string; file: string; size: number }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => MODEL_FILE.test(name) && !name.startsWith('.'))
    .flatMap((name) => {
      const file = path.join(dir, name);
      try {
        const stat = fs.statSync(file);
        return stat.isFile() ? [{ name, file, size: stat.size }] : [];
      } catch {
        return [];
      }
    });
}

export function scanInstalledModels(
  modelsDir: string,
  bundledDir: string | null,
  catalog: CatalogEntry[],
): InstalledModel[] {
  const byFile = new Map(catalog.map((e) => [e.fileName, e]));
  const describe = (name: string, file: string, size: number, bundled: boolean): InstalledModel[] => {
    const kind = kindOfFile(file);
    if (!kind) return [];
    const entry = byFile.get(name);
    return [
      {
        id: bundled ? `bundled:${name}` : name,
        kind,
        name: entry?.name ?? name,
        path: file,
        sizeBytes: size,
        source: bundled ? 'bundled' : entry ? 'download' : 'import',
        catalogId: entry?.id ?? null,
        deletable: !bundled,
      },
    ];
  };
  const own = listModelFiles(modelsDir).flatMap((f) => describe(f.name, f.file, f.size, false));
  const bundled =
    bundledDir && path.resolve(bundledDir) !== path.resolve(modelsDir)
      ? listModelFiles(bundledDir).flatMap((f) => describe(f.name, f.file, f.size, true))
      : [];
  return [...own, ...bundled];
}
