import { describe, expect, it } from 'vitest';
import { assignPieces, TranscriptQueue, type LiveSegment } from '../../../../main/core/speech/transcript-queue.js';
import { scriptedTranscriber } from './fakes.js';

const audio = new Int16Array(16_000 * 60);
const read = (s: number, e: number) => audio.slice(s, e);

function queueWith(fake: ReturnType<typeof scriptedTranscriber>, events: LiveSegment[] = []) {
  return new TranscriptQueue({
    transcriber: fake.transcriber,
    read,
    prompt: (soFar) => `prompt|${soFar}`,
    onChange: (s) => events.push({ ...s }),
    retryDelayMs: 1,
  });
}

describe('TranscriptQueue', () => {
  it('counts audio that cannot be read back as a failed attempt, not an unhandled rejection', async () => {
    const fake = scriptedTranscriber(() => [{ text: 'never', startMs: 0, endMs: 500 }]);
    const queue = new TranscriptQueue({
      transcriber: fake.transcriber,
      read: () => {
        throw new Error("ENOENT: the recording's folder is gone");
      },
      onChange: () => {},
      retryDelayMs: 1,
    });
    queue.add(0, 16_000);
    await queue.drain();
    expect(fake.calls).toBe(0);
    expect(queue.all.map((s) => s.status)).toEqual(['failed']);
  });

  it('transcribes each segment as it comes while it keeps up', async () => {
    const fake = scriptedTranscriber((call) => [{ text: ` part ${call}`, startMs: 0, endMs: 500 }]);
    const queue = queueWith(fake);
    queue.add(0, 16_000);
    await queue.drain();
    queue.add(32_000, 48_000);
    await queue.drain();
    expect(fake.calls).toBe(2);
    expect(queue.all.map((s) => s.text)).toEqual(['part 0', 'part 1']);
    expect(queue.transcript()).toBe('part 0 part 1');
    // The second call is prompted with what was said before.
    expect(fake.prompts[1]).toBe('prompt|part 0');
  });

  it('merges the segments that waited into one call when it falls behind, and gives each its text', async () => {
    // Three segments of 1 s each; merged audio has 200 ms gaps: 0–1000, 1200–2200, 2400–3400 ms.
    const fake = scriptedTranscriber((call) =>
      call === 0
        ? [{ text: 'first', startMs: 0, endMs: 900 }]
        : [
            { text: 'second', startMs: 100, endMs: 950 },
            { text: 'third', startMs: 1300, endMs: 2100 },
            { text: 'fourth', startMs: 2500, endMs: 3300 },
          ],
    );
    const queue = queueWith(fake);
    fake.hold();
    queue.add(0, 16_000);
    queue.add(20_000, 36_000);
    queue.add(40_000, 56_000);
    queue.add(60_000, 76_000);
    fake.release();
    await queue.drain();
    expect(fake.calls).toBe(2);
    expect(queue.stats.mergedCalls).toBe(1);
    expect(fake.lengths[1]).toBe(3 * 16_000 + 2 * 3200);
    expect(queue.all.map((s) => s.text)).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('gives an engine without timestamps one segment per call, in order, even when it falls behind', async () => {
    const fake = scriptedTranscriber(
      (call, samples) => [{ text: `s${call}:${samples.length}`, startMs: 0, endMs: 0 }],
      {
        timestamps: false,
      },
    );
    const queue = new TranscriptQueue({ transcriber: fake.transcriber, read, onChange: () => {}, retryDelayMs: 1 });
    fake.hold();
    queue.add(0, 16_000);
    queue.add(20_000, 28_000);
    queue.add(40_000, 44_000);
    fake.release();
    await queue.drain();
    expect(fake.calls).toBe(3);
    expect(queue.stats.mergedCalls).toBe(0);
    expect(queue.all.map((s) => s.text)).toEqual(['s0:16000', 's1:8000', 's2:4000']);
    // No prompt option: the engine is called without one.
    expect(fake.prompts).toEqual(['', '', '']);
  });

  it('gives the recognizer some audio before each segment, never reaching into the previous one or an earlier take', async () => {
    const fake = scriptedTranscriber(() => [], { timestamps: false });
    const reads: [number, number][] = [];
    const queue = new TranscriptQueue({
      transcriber: fake.transcriber,
      read: (s, e) => {
        reads.push([s, e]);
        return audio.slice(s, e);
      },
      onChange: () => {},
      preRollMs: 600,
      origin: 8000,
    });
    queue.add(10_000, 20_000); // 2000 samples after the take began: pre-roll stops at the origin
    queue.add(40_000, 50_000); // far from the previous segment: the full 9600 samples
    queue.add(52_000, 60_000); // 2000 samples after the previous segment ended
    await queue.drain();
    expect(reads).toEqual([
      [8000, 20_000],
      [30_400, 50_000],
      [50_000, 60_000],
    ]);
  });

  it('retries a failed call, then leaves the segment failed (its audio is still in the recording)', async () => {
    const fake = scriptedTranscriber(() => [{ text: 'ok', startMs: 0, endMs: 100 }]);
    const events: LiveSegment[] = [];
    fake.failOn(0);
    const queue = queueWith(fake, events);
    queue.add(0, 8000);
    await queue.drain();
    expect(queue.all[0]).toMatchObject({ status: 'done', text: 'ok', attempts: 2 });

    const always = scriptedTranscriber(() => []);
    always.failOn(0, 1, 2, 3);
    const failing = queueWith(always, events);
    failing.add(0, 8000);
    await failing.drain();
    expect(failing.all[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(events.some((e) => e.status === 'failed')).toBe(true);
  });

  it('never merges more audio than fits one whisper window', async () => {
    const fake = scriptedTranscriber(() => []);
    const queue = queueWith(fake);
    fake.hold();
    queue.add(0, 100);
    for (let i = 0; i < 5; i++) queue.add(i * 160_000, i * 160_000 + 160_000); // 10 s each
    fake.release();
    await queue.drain();
    for (const length of fake.lengths) expect(length).toBeLessThanOrEqual(28 * 16_000);
    expect(queue.all.every((s) => s.status === 'done')).toBe(true);
  });
});

describe('assignPieces', () => {
  it('puts a piece in the segment holding its middle, or the nearest one', () => {
    const slots = [
      { startMs: 0, endMs: 1000 },
      { startMs: 1200, endMs: 2000 },
    ];
    expect(
      assignPieces(
        [
          { text: ' a ', startMs: 0, endMs: 800 },
          { text: 'b', startMs: 1050, endMs: 1200 },
          { text: 'c', startMs: 2500, endMs: 3000 },
        ],
        slots,
      ),
    ).toEqual(['a', 'b c']);
  });
});
