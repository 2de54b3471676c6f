/**
 * Appends an answer's audio to a WAV file as it arrives. Each chunk is written straight to
 * the file (a crashed process loses nothing the OS already has); about once a second the
 * header's sizes are patched and the data flushed to disk, so even a power cut loses at most
 * about a second. close() writes the final header.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BYTES_PER_SAMPLE, samplesToMs, SAMPLE_RATE } from './pcm.js';
import { readWavInfo, WAV_HEADER_BYTES, wavHeader } from './wav-format.js';
import { repairWav } from './wav-repair.js';

export interface WavWriter {
  readonly file: string;
  /** Byte offset of the first sample, for readers of the growing file. */
  readonly dataOffset: number;
  /** Samples in the file, including any recorded before this writer opened it. */
  readonly samples: number;
  readonly durationMs: number;
  append(samples: Int16Array): void;
  /** Patches the header and flushes to disk now. */
  sync(): void;
  /** Final header; the writer cannot be used afterwards. Returns the duration. */
  close(): number;
}

export interface WavWriterOptions {
  sampleRate?: number;
  /** How often the header is patched and the file flushed; default 1000 ms. */
  syncEveryMs?: number;
  now?: () => number;
}

/**
 * Opens file for appending. An existing file (a second take on the same answer, or one left
 * by a crash) is repaired first and continued, so its earlier audio and timestamps stay valid.
 */
export function openWavWriter(file: string, options: WavWriterOptions = {}): WavWriter {
  const sampleRate = options.sampleRate ?? SAMPLE_RATE;
  const syncEveryMs = options.syncEveryMs ?? 1000;
  const now = options.now ?? Date.now;
  fs.mkdirSync(path.dirname(file), { recursive: true });

  let dataOffset = WAV_HEADER_BYTES;
  let dataBytes = 0;
  if (fs.existsSync(file) && fs.statSync(file).size > 0) {
    repairWav(file);
    const info = readWavInfo(file);
    if (info && info.sampleRate === sampleRate && info.channels === 1 && info.bitsPerSample === 16) {
      dataOffset = info.dataOffset;
      dataBytes = info.fileDataBytes;
    } else {
      // Not a recording we can continue: keep it aside rather than overwrite someone's audio.
      fs.renameSync(file, `${file}.unreadable-${now()}`);
    }
  }
  const fd = fs.openSync(file, fs.existsSync(file) ? 'r+' : 'w+');
  if (dataBytes === 0) fs.writeSync(fd, wavHeader(sampleRate, 0), 0, WAV_HEADER_BYTES, 0);
  let lastSync = now();
  let closed = false;

  const patchHeader = () => {
    const sizes = Buffer.alloc(4);
    sizes.writeUInt32LE(dataOffset - 8 + dataBytes, 0);
    fs.writeSync(fd, sizes, 0, 4, 4);
    sizes.writeUInt32LE(dataBytes, 0);
    fs.writeSync(fd, sizes, 0, 4, dataOffset - 4);
  };
  const sync = () => {
    patchHeader();
    fs.fdatasyncSync(fd);
    lastSync = now();
  };

  return {
    file,
    dataOffset,
    get samples() {
      return dataBytes / BYTES_PER_SAMPLE;
    },
    get durationMs() {
      return samplesToMs(dataBytes / BYTES_PER_SAMPLE, sampleRate);
    },
    append(samples) {
      if (closed) throw new Error('WavWriter: append after close');
      if (samples.length === 0) return;
      const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
      fs.writeSync(fd, bytes, 0, bytes.length, dataOffset + dataBytes);
      dataBytes += bytes.length;
      if (now() - lastSync >= syncEveryMs) sync();
    },
    sync() {
      if (!closed) sync();
    },
    close() {
      if (!closed) {
        sync();
        fs.closeSync(fd);
        closed = true;
      }
      return samplesToMs(dataBytes / BYTES_PER_SAMPLE, sampleRate);
    },
  };
}
