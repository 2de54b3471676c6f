/**
 * The WAV container as this app writes it: a plain 44-byte RIFF header, 16-bit PCM mono.
 * Reading accepts any canonical PCM WAV (chunks in any order), so imported or test files work.
 */
import fs from 'node:fs';
import { BYTES_PER_SAMPLE } from './pcm.js';

export const WAV_HEADER_BYTES = 44;

export function wavHeader(sampleRate: number, dataBytes: number): Buffer {
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * BYTES_PER_SAMPLE, 28); // byte rate
  header.writeUInt16LE(BYTES_PER_SAMPLE, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Where the samples start in the file. */
  dataOffset: number;
  /** Data size as the header says (0 or stale in a file left open by a crash). */
  headerDataBytes: number;
  /** Data bytes actually in the file, whole samples only. */
  fileDataBytes: number;
}

/** Parses the header of a PCM WAV file; null when it is not one. */
export function readWavInfo(file: string): WavInfo | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 4096));
    fs.readSync(fd, head, 0, head.length, 0);
    return parseWavHeader(head, size);
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function parseWavHeader(head: Buffer, fileSize: number): WavInfo | null {
  if (head.length < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE')
    return null;
  let at = 12;
  let format: { sampleRate: number; channels: number; bitsPerSample: number } | null = null;
  while (at + 8 <= head.length) {
    const id = head.toString('ascii', at, at + 4);
    const chunkSize = head.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 24 <= head.length) {
      if (head.readUInt16LE(at + 8) !== 1) return null; // not PCM
      format = {
        channels: head.readUInt16LE(at + 10),
        sampleRate: head.readUInt32LE(at + 12),
        bitsPerSample: head.readUInt16LE(at + 22),
      };
    } else if (id === 'data') {
      if (!format) return null;
      const dataOffset = at + 8;
      const block = (format.bitsPerSample / 8) * format.channels || 1;
      const available = Math.max(0, fileSize - dataOffset);
      return { ...format, dataOffset, headerDataBytes: chunkSize, fileDataBytes: available - (available % block) };
    }
    at += 8 + chunkSize + (chunkSize % 2);
  }
  return null;
}

/** Samples [start, end) of a 16-bit mono recording, read straight from disk. */
export function readSamples(file: string, info: Pick<WavInfo, 'dataOffset'>, start: number, end: number): Int16Array {
  const count = Math.max(0, end - start);
  const buffer = Buffer.alloc(count * BYTES_PER_SAMPLE);
  const fd = fs.openSync(file, 'r');
  try {
    const read = fs.readSync(fd, buffer, 0, buffer.length, info.dataOffset + start * BYTES_PER_SAMPLE);
    return new Int16Array(buffer.buffer, buffer.byteOffset, Math.floor(read / BYTES_PER_SAMPLE));
  } finally {
    fs.closeSync(fd);
  }
}
