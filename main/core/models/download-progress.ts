/**
 * The pure half of a download's progress: what one progress sample from the downloader does to
 * the download's figures, and when the disk is too full to go on. download.ts does the I/O
 * (events, saving downloads.json, asking the disk) around these.
 */
import { formatBytes } from '../../contract/format.js';
import { AppError, isAppError } from '../../contract/result.js';
import type { DownloadInfo } from '../../contract/services/models.js';
import { downloadUrl, type CatalogEntry } from './catalog.js';
import { isDiskFullError } from './disk.js';
import { networkMessage } from './preflight.js';

/** Pause before the disk is completely full, while every written chunk is still intact. */
export const DISK_MARGIN_BYTES = 32e6;

/** One sample from node-llama-cpp's downloader, for the file being fetched now. */
export interface ProgressSample {
  totalSize: number;
  downloadedSize: number;
  averageSpeed: number;
}

export type ProgressFigures = Pick<DownloadInfo, 'downloadedBytes' | 'totalBytes' | 'bytesPerSecond' | 'secondsLeft'>;

/**
 * The figures after a sample. `before` is what the set's earlier files already account for; a
 * single file takes its total from the server (it may differ from the catalog's), a set keeps the
 * sum of its files.
 */
export function progressAfter(
  figures: ProgressFigures,
  sample: ProgressSample,
  before: number,
  isSet: boolean,
): ProgressFigures {
  const downloadedBytes = before + sample.downloadedSize;
  const totalBytes = sample.totalSize > 0 && !isSet ? sample.totalSize : figures.totalBytes;
  const bytesPerSecond = sample.averageSpeed > 0 ? sample.averageSpeed : figures.bytesPerSecond;
  const left = totalBytes - downloadedBytes;
  const secondsLeft = bytesPerSecond > 0 ? Math.max(0, left / bytesPerSecond) : null;
  return { downloadedBytes, totalBytes, bytesPerSecond, secondsLeft };
}

/** True when what is free would not hold the rest (or a safe slice of it) plus the margin. */
export function diskTooFull(freeBytes: number, leftBytes: number): boolean {
  return freeBytes < Math.min(leftBytes, DISK_MARGIN_BYTES * 4) + DISK_MARGIN_BYTES;
}

/** What a failed attempt means for the partial files, and what the user is told. */
export interface Failure {
  error: AppError;
  /** remove: the partial file cannot be trusted; keep: resume can use it; as-is: leave it be. */
  partials: 'remove' | 'keep' | 'as-is';
}

export function classifyFailure(
  error: unknown,
  entry: Pick<CatalogEntry, 'name' | 'source'>,
  totalBytes: number,
): Failure {
  if (isDiskFullError(error)) {
    // Chunks that failed to write may be recorded as complete; the partial file cannot be trusted.
    return {
      partials: 'remove',
      error: new AppError(
        'DISK_FULL',
        `The disk filled up while downloading ${entry.name}. The partial file was removed. Free at least ${formatBytes(totalBytes)} and start the download again.`,
      ),
    };
  }
  if (isAppError(error)) return { partials: 'as-is', error };
  const host = new URL(downloadUrl(entry.source)).host;
  return {
    partials: 'keep',
    error: new AppError(
      'DOWNLOAD_FAILED',
      `${networkMessage(host, entry.name, error)} What was downloaded is kept: press Resume to continue.`,
    ),
  };
}
