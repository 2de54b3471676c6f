/**
 * Checks a finished download before it is installed: the size the server announced, the file
 * header (the same check as an import) and, where the catalog has one, the SHA-256.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { formatBytes } from '../../contract/format.js';
import { AppError, isAppError } from '../../contract/result.js';
import type { CatalogEntry } from './catalog.js';
import { inspectModelFile } from './import-check.js';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

export async function verifyDownload(file: string, entry: CatalogEntry, expectedBytes: number): Promise<void> {
  const fail = (what: string) =>
    new AppError(
      'DOWNLOAD_FAILED',
      `The download of ${entry.name} ${what}. The file was removed; start the download again.`,
    );
  const size = (await fs.promises.stat(file)).size;
  if (size !== expectedBytes)
    throw fail(`is ${formatBytes(size)} (${size} bytes) but the server announced ${expectedBytes} bytes`);
  try {
    await inspectModelFile(file, entry.kind);
  } catch (error) {
    if (isAppError(error)) throw fail(`is not a usable model: ${error.message}`);
    throw error;
  }
  if (entry.sha256) {
    const actual = await sha256File(file);
    if (actual !== entry.sha256)
      throw fail(`does not match the catalog's checksum (the file was damaged or changed on the server)`);
  }
}
