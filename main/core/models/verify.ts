/**
 * Checks a finished download before it is installed: each file's size as its server announced
 * it and, where the catalog has one, its SHA-256; then the model itself, the same check as an
 * import (a Whisper set as a whole: encoder, decoder and tokens that belong together).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { formatBytes } from '../../contract/format.js';
import { AppError, isAppError } from '../../contract/result.js';
import type { CatalogEntry } from './catalog.js';
import { inspectModelFile } from './import-check.js';
import { inspectWhisperSet } from './speech-files.js';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * downloaded: the file, or for a set the folder holding its files; sizes: each file's
 * announced size, in the catalog's order.
 */
export async function verifyDownload(downloaded: string, entry: CatalogEntry, sizes: readonly number[]): Promise<void> {
  const fail = (what: string) =>
    new AppError(
      'DOWNLOAD_FAILED',
      `The download of ${entry.name}${what}. ${entry.isSet ? 'Its files were' : 'The file was'} removed; start the download again.`,
    );
  for (const [i, spec] of entry.files.entries()) {
    const file = entry.isSet ? path.join(downloaded, spec.fileName) : downloaded;
    const which = entry.isSet ? ` (${spec.fileName})` : '';
    const size = (await fs.promises.stat(file).catch(() => null))?.size;
    if (size === undefined) throw fail(` is missing ${spec.fileName}`);
    const expected = sizes[i] ?? spec.sizeBytes;
    if (size !== expected)
      throw fail(`${which} is ${formatBytes(size)} (${size} bytes) but the server announced ${expected} bytes`);
    if (spec.sha256 && (await sha256File(file)) !== spec.sha256)
      throw fail(`${which} does not match the catalog's checksum (the file was damaged or changed on the server)`);
  }
  try {
    if (entry.isSet) inspectWhisperSet(downloaded);
    else await inspectModelFile(downloaded, entry.kind);
  } catch (error) {
    if (isAppError(error)) throw fail(` is not a usable model: ${error.message}`);
    throw error;
  }
}
