/**
 * Where a catalog model's files go while they download and once installed. A one-file model
 * downloads to models/.downloads/<file> and is installed as models/<file>; a set (Whisper:
 * encoder, decoder, tokens) downloads file by file into models/.downloads/<folder>/ and is
 * installed by moving that folder to models/<folder> once every file is verified, so a half
 * set never appears as installed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CatalogEntry, CatalogFile } from './catalog.js';
import { keptBytes } from './partial-file.js';

export interface PlannedFile {
  spec: CatalogFile;
  /** Folder the downloader writes into (it adds .ipull while a file is incomplete). */
  dir: string;
  /** The finished file. */
  file: string;
}

export function downloadDir(partialDir: string, entry: CatalogEntry): string {
  return entry.isSet ? path.join(partialDir, entry.fileName) : partialDir;
}

export function plannedFiles(partialDir: string, entry: CatalogEntry): PlannedFile[] {
  const dir = downloadDir(partialDir, entry);
  return entry.files.map((spec) => ({ spec, dir, file: path.join(dir, spec.fileName) }));
}

/** Where the model is installed: the file, or the set's folder. */
export function installedPath(modelsDir: string, entry: CatalogEntry): string {
  return path.join(modelsDir, entry.fileName);
}

/** The finished download to move into models/: the file, or the set's folder. */
export function downloadedPath(partialDir: string, entry: CatalogEntry): string {
  return entry.isSet ? downloadDir(partialDir, entry) : path.join(partialDir, entry.fileName);
}

/** A file of a set that finished downloading earlier (its partial record is gone, its size is right). */
export function isComplete(planned: PlannedFile, sizeBytes: number): boolean {
  if (fs.existsSync(`${planned.file}.ipull`)) return false;
  return fs.statSync(planned.file, { throwIfNoEntry: false })?.size === sizeBytes;
}

/** Bytes really kept on disk: finished files whole, the file in progress by its finished chunks. */
export function keptBytesOf(planned: PlannedFile[], sizes: number[]): number {
  return planned.reduce((sum, p, i) => {
    const size = sizes[i] ?? p.spec.sizeBytes;
    return sum + (isComplete(p, size) ? size : keptBytes(`${p.file}.ipull`, size));
  }, 0);
}

/** Everything a download left behind (for cancel, or a failed verification). */
export function removeDownload(partialDir: string, entry: CatalogEntry): void {
  if (entry.isSet) fs.rmSync(downloadDir(partialDir, entry), { recursive: true, force: true });
  else
    for (const f of [entry.fileName, `${entry.fileName}.ipull`]) fs.rmSync(path.join(partialDir, f), { force: true });
}

export function hasPartial(partialDir: string, entry: CatalogEntry): boolean {
  if (entry.isSet) return fs.existsSync(downloadDir(partialDir, entry));
  return [entry.fileName, `${entry.fileName}.ipull`].some((f) => fs.existsSync(path.join(partialDir, f)));
}
