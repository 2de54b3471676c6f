/**
 * How much of a paused download is really kept. node-llama-cpp's downloader (ipull) buffers
 * each 5 MB chunk in memory and writes it when complete, recording the finished chunks as JSON
 * after the file's last byte in `<file>.ipull`; a chunk still in flight at a pause is fetched
 * again. Reading that record gives the honest figure to show for a paused download.
 */
import fs from 'node:fs';

const CHUNK_COMPLETE = 2;
const MAX_RECORD_BYTES = 1024 * 1024;

export function keptBytes(partialFile: string, totalBytes: number): number {
  let fd: number | undefined;
  try {
    fd = fs.openSync(partialFile, 'r');
    const size = fs.fstatSync(fd).size;
    const recordLength = size - totalBytes;
    if (recordLength <= 0 || recordLength > MAX_RECORD_BYTES) return 0;
    const buffer = Buffer.alloc(recordLength);
    fs.readSync(fd, buffer, 0, recordLength, totalBytes);
    const record = JSON.parse(buffer.toString('utf8')) as { part?: number; chunks?: number[]; chunkSize?: number };
    if (record.part !== 0 || !Array.isArray(record.chunks) || !record.chunkSize) return 0;
    const chunkSize = record.chunkSize;
    return record.chunks.reduce(
      (sum, status, i) =>
        status === CHUNK_COMPLETE ? sum + Math.max(0, Math.min(chunkSize, totalBytes - i * chunkSize)) : sum,
      0,
    );
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
