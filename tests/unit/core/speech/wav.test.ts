import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSamples, readWavInfo } from '../../../../main/core/speech/wav-format.js';
import { repairWav } from '../../../../main/core/speech/wav-repair.js';
import { openWavWriter } from '../../../../main/core/speech/wav-writer.js';
import { chunks, readWavFile, tone } from './audio.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wav-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('WAV writer', () => {
  it('writes a file that reads back with the right length and samples', () => {
    const file = path.join(dir, 'a', '1.wav');
    const audio = tone(2500, 440);
    const writer = openWavWriter(file);
    for (const c of chunks(audio, 200)) writer.append(c);
    expect(writer.close()).toBe(2500);
    const info = readWavInfo(file);
    expect(info).toMatchObject({
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      headerDataBytes: audio.length * 2,
      fileDataBytes: audio.length * 2,
    });
    expect(readWavFile(file).samples).toEqual(audio);
    expect(readSamples(file, info!, 100, 110)).toEqual(audio.slice(100, 110));
  });

  it('keeps the header close to the truth while recording, patched every second', () => {
    let clock = 0;
    const file = path.join(dir, '2.wav');
    const writer = openWavWriter(file, { now: () => clock });
    for (const c of chunks(tone(3000, 300), 250)) {
      clock += 250;
      writer.append(c);
    }
    // No close(): the header was patched at the last whole second.
    const info = readWavInfo(file)!;
    expect(info.fileDataBytes).toBe(3000 * 32);
    expect(info.fileDataBytes - info.headerDataBytes).toBeLessThanOrEqual(32_000);
    writer.close();
  });

  it('continues an existing recording, so a second take keeps the first', () => {
    const file = path.join(dir, '3.wav');
    const first = openWavWriter(file);
    first.append(tone(1000, 200));
    first.close();
    const second = openWavWriter(file);
    expect(second.samples).toBe(16_000);
    second.append(tone(500, 200));
    expect(second.close()).toBe(1500);
    expect(readWavFile(file).samples.length).toBe(24_000);
  });
});

describe('WAV repair', () => {
  it('repairs a file cut mid-chunk by a crash: right length (±1 s), whole samples, valid header', () => {
    const file = path.join(dir, '4.wav');
    const writer = openWavWriter(file, { syncEveryMs: 60_000 });
    for (const c of chunks(tone(7300, 440), 200)) writer.append(c);
    // Simulate the crash: the process died mid-write, leaving half a chunk and half a sample.
    const size = fs.statSync(file).size;
    fs.truncateSync(file, size - 3201);
    expect(readWavInfo(file)!.headerDataBytes).toBe(0);

    const result = repairWav(file);
    expect(result?.changed).toBe(true);
    expect(Math.abs(result!.durationMs - 7300)).toBeLessThanOrEqual(1000);
    const info = readWavInfo(file)!;
    expect(info.headerDataBytes).toBe(info.fileDataBytes);
    expect(fs.statSync(file).size).toBe(44 + info.fileDataBytes);
    expect(info.fileDataBytes % 2).toBe(0);
    const { samples } = readWavFile(file);
    expect(Math.abs(samples.length / 16 - 7300)).toBeLessThanOrEqual(1000);
  });

  it('leaves a good file alone and refuses a file that is not a WAV', () => {
    const good = path.join(dir, '5.wav');
    const writer = openWavWriter(good);
    writer.append(tone(300, 300));
    writer.close();
    expect(repairWav(good)).toEqual({ durationMs: 300, changed: false });
    const bad = path.join(dir, 'bad.wav');
    fs.writeFileSync(bad, 'not audio at all');
    expect(repairWav(bad)).toBeNull();
  });
});
