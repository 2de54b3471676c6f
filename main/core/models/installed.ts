/**
 * Which models are installed: the data folder's models/ (downloads and imports) and the
 * installer's bundled models folder. The folder is the truth — no separate list to drift from
 * it — and each model's kind comes from its contents, not its name: .gguf files (interviewer),
 * .onnx files (Silero VAD) and folders holding a Whisper model (encoder, decoder, tokens).
 * A broken or partial Whisper folder, or a whisper.cpp file from an earlier version, is listed
 * with what is wrong so it can be deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isAppError } from '../../contract/result.js';
import type { InstalledModel, ModelKind } from '../../contract/services/models.js';
import type { CatalogEntry } from './catalog.js';
import { HEADER_BYTES, sniffHeader } from './model-headers.js';
import { inspectWhisperSet, onnxFileRole } from './speech-files.js';

const OLD_FORMAT =
  'A whisper.cpp file from an earlier version of the app, which now runs ONNX speech models: delete it and download the new model.';

interface Found {
  kind: ModelKind;
  size: number;
  problem: string | null;
}

function head(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, HEADER_BYTES, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** The kind of a model file from its contents; null for anything that is not a model. */
export function kindOfFile(file: string): ModelKind | null {
  return describeFile(file)?.kind ?? null;
}

function describeFile(file: string): Found | null {
  try {
    const size = fs.statSync(file).size;
    const sniff = sniffHeader(head(file));
    if (sniff.kind === 'gguf') return { kind: 'llm', size, problem: null };
    if (sniff.kind === 'onnx') return onnxFileRole(file) === 'silero-vad' ? { kind: 'vad', size, problem: null } : null;
    if (sniff.kind === 'whisper' || sniff.kind === 'bad-whisper') return { kind: 'whisper', size, problem: OLD_FORMAT };
    if (sniff.kind === 'vad') return { kind: 'vad', size, problem: OLD_FORMAT };
    return null;
  } catch {
    return null;
  }
}

function describeFolder(dir: string): Found | null {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return null;
  }
  // Only folders that look like a speech model are listed; anything else in models/ is not ours.
  if (!names.some((n) => /\.onnx$/i.test(n) || /tokens.*\.txt$/i.test(n))) return null;
  const size = names.reduce(
    (sum, n) => sum + (fs.statSync(path.join(dir, n), { throwIfNoEntry: false })?.size ?? 0),
    0,
  );
  try {
    inspectWhisperSet(dir);
    return { kind: 'whisper', size, problem: null };
  } catch (error) {
    return { kind: 'whisper', size, problem: isAppError(error) ? error.message : String(error) };
  }
}

function listModels(dir: string): { name: string; file: string; found: Found }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => !name.startsWith('.'))
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name);
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      let found: Found | null = null;
      if (stat?.isDirectory()) found = describeFolder(file);
      else if (stat?.isFile() && /\.(gguf|onnx|bin)$/i.test(name)) found = describeFile(file);
      return found ? [{ name, file, found }] : [];
    });
}

export function scanInstalledModels(
  modelsDir: string,
  bundledDir: string | null,
  catalog: CatalogEntry[],
): InstalledModel[] {
  const byFile = new Map(catalog.map((e) => [e.fileName, e]));
  const describe = (name: string, file: string, found: Found, bundled: boolean): InstalledModel => {
    const entry = byFile.get(name);
    return {
      id: bundled ? `bundled:${name}` : name,
      kind: found.kind,
      name: entry?.name ?? name,
      path: file,
      sizeBytes: found.size,
      source: bundled ? 'bundled' : entry ? 'download' : 'import',
      catalogId: entry?.id ?? null,
      deletable: !bundled,
      problem: found.problem,
    };
  };
  const own = listModels(modelsDir).map((m) => describe(m.name, m.file, m.found, false));
  const bundled =
    bundledDir && path.resolve(bundledDir) !== path.resolve(modelsDir)
      ? listModels(bundledDir).map((m) => describe(m.name, m.file, m.found, true))
      : [];
  return [...own, ...bundled];
}
