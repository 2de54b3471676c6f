import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/contract/result.js';
import {
  classifyFailure,
  DISK_MARGIN_BYTES,
  diskTooFull,
  progressAfter,
} from '../../../../main/core/models/download-progress.js';

const start = { downloadedBytes: 0, totalBytes: 1000, bytesPerSecond: 0, secondsLeft: null };
const entry = { name: 'Whisper base.en', source: 'https://example.com/models/base.onnx' };

describe('progressAfter', () => {
  it('adds the finished files of a set and keeps the set total', () => {
    const next = progressAfter(start, { totalSize: 400, downloadedSize: 100, averageSpeed: 50 }, 500, true);
    expect(next).toEqual({ downloadedBytes: 600, totalBytes: 1000, bytesPerSecond: 50, secondsLeft: 8 });
  });

  it("takes a single file's total from the server and keeps the last speed when none is reported", () => {
    const moving = { ...start, bytesPerSecond: 20 };
    const next = progressAfter(moving, { totalSize: 1200, downloadedSize: 200, averageSpeed: 0 }, 0, false);
    expect(next).toEqual({ downloadedBytes: 200, totalBytes: 1200, bytesPerSecond: 20, secondsLeft: 50 });
  });

  it('has no time left estimate before any speed is known', () => {
    expect(progressAfter(start, { totalSize: 0, downloadedSize: 0, averageSpeed: 0 }, 0, false).secondsLeft).toBeNull();
  });
});

describe('diskTooFull', () => {
  it('needs the rest (capped at four margins) plus one margin free', () => {
    expect(diskTooFull(DISK_MARGIN_BYTES + 10, 10)).toBe(false);
    expect(diskTooFull(DISK_MARGIN_BYTES + 9, 10)).toBe(true);
    expect(diskTooFull(DISK_MARGIN_BYTES * 5, 10e9)).toBe(false);
    expect(diskTooFull(DISK_MARGIN_BYTES * 5 - 1, 10e9)).toBe(true);
  });
});

describe('classifyFailure', () => {
  it('removes the partial file when the disk filled up', () => {
    const error = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    const failure = classifyFailure(error, entry, 2e9);
    expect(failure.partials).toBe('remove');
    expect(failure.error.code).toBe('DISK_FULL');
    expect(failure.error.message).toContain('Free at least 2.0 GB');
  });

  it('passes an app error through and leaves the files as they are', () => {
    const error = new AppError('DOWNLOAD_FAILED', 'The server said 404.');
    expect(classifyFailure(error, entry, 1)).toEqual({ partials: 'as-is', error });
  });

  it('keeps what was downloaded after a network error and says Resume', () => {
    const failure = classifyFailure(new TypeError('fetch failed'), entry, 1);
    expect(failure.partials).toBe('keep');
    expect(failure.error.code).toBe('DOWNLOAD_FAILED');
    expect(failure.error.message).toMatch(/example\.com.*press Resume/s);
  });
});
