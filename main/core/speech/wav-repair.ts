/**
 * Repairs a WAV file left open by a crash: the samples are all there, but the header still
 * holds the sizes of its last patch and the last chunk may be cut mid-sample.
 */
import fs from 'node:fs';
import { samplesToMs } from './pcm.js';
import { readWavInfo } from './wav-format.js';

export interface RepairResult {
  durationMs: number;
  /** True when the header or length had to change. */
  changed: boolean;
}

/** Truncates to whole samples and writes the true sizes; null when the file is not a PCM WAV. */
export function repairWav(file: string): RepairResult | null {
  const info = readWavInfo(file);
  if (!info) return null;
  const size = fs.statSync(file).size;
  const wantedSize = info.dataOffset + info.fileDataBytes;
  const changed = size !== wantedSize || info.headerDataBytes !== info.fileDataBytes;
  if (changed) {
    const fd = fs.openSync(file, 'r+');
    try {
      fs.ftruncateSync(fd, wantedSize);
      const sizes = Buffer.alloc(4);
      sizes.writeUInt32LE(wantedSize - 8, 0);
      fs.writeSync(fd, sizes, 0, 4, 4);
      sizes.writeUInt32LE(info.fileDataBytes, 0);
      fs.writeSync(fd, sizes, 0, 4, info.dataOffset - 4);
      fs.fdatasyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  const block = (info.bitsPerSample / 8) * info.channels || 1;
  return { durationMs: samplesToMs(info.fileDataBytes / block, info.sampleRate), changed };
}
