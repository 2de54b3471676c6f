/**
 * A spoken answer for the turn benchmark: a known script, sentence by sentence, synthesized with
 * espeak-ng and joined with the pauses a candidate makes (short between sentences, longer where
 * they think). Because each sentence is synthesized on its own, the benchmark knows where every
 * sentence is in the audio, so the interviewer can be given the script's own words for each
 * transcribed segment (a random-weight speech stand-in writes nonsense).
 * Needs `espeak-ng` and `sox` (Debian: apt-get install -y espeak-ng sox).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SAMPLE_RATE } from '../../main/core/speech/pcm.js';
import { parseWavHeader } from '../../main/core/speech/wav-format.js';

/** An answer to "Tell me about a time you made a slow payment service fast and safe" (about 90 s). */
export const ANSWER_SCRIPT: readonly { text: string; pauseAfterMs: number }[] = [
  { text: 'Sure. The clearest example is the payouts service at my last company.', pauseAfterMs: 700 },
  {
    text: 'Merchants were waiting up to eight seconds to see a payout confirmed, and support tickets were piling up.',
    pauseAfterMs: 900,
  },
  {
    text: 'Before touching any code, I wrote down what the service had to guarantee: never pay twice, never lose a payout, and answer within one second.',
    pauseAfterMs: 800,
  },
  { text: 'Then I measured where the time went.', pauseAfterMs: 1200 },
  {
    text: 'Most requests were waiting on a row lock in the ledger table, because every payout updated the same balance row.',
    pauseAfterMs: 700,
  },
  {
    text: 'So I split the write path. The request now records an intent with an idempotency key and returns right away.',
    pauseAfterMs: 800,
  },
  {
    text: 'A worker applies intents to the ledger in order, one merchant at a time, so there is no contention on the hot row.',
    pauseAfterMs: 1000,
  },
  {
    text: 'The idempotency key meant a retried request from the mobile app could never create a second payout.',
    pauseAfterMs: 700,
  },
  {
    text: 'The slow reconciliation with the bank moved into a queue, with retries, backoff, and a dead letter topic that pages us.',
    pauseAfterMs: 1400,
  },
  { text: 'For the rollout, I paired with the on call engineer.', pauseAfterMs: 600 },
  {
    text: 'We shipped it behind a flag to one percent of merchants, and watched the error budget and the p ninety nine latency for two days.',
    pauseAfterMs: 800,
  },
  {
    text: 'Then we ramped up over a week. Latency went from eight seconds to about three hundred milliseconds,',
    pauseAfterMs: 500,
  },
  { text: 'and we have not had a duplicate payout since.', pauseAfterMs: 900 },
  {
    text: 'If I did it again, I would add the load test to the pipeline earlier, because we found one ordering bug late, in staging.',
    pauseAfterMs: 0,
  },
];

export interface SpokenAnswer {
  samples: Int16Array;
  /** Each sentence's place in the audio, in samples. */
  phrases: { text: string; start: number; end: number }[];
  /** The last sample louder than the noise floor: the moment the candidate stops speaking. */
  lastVoiced: number;
  /** Silence before the first sentence. */
  leadInMs: number;
}

function pcmOf(wav: Buffer): Int16Array {
  const info = parseWavHeader(wav, wav.length);
  if (!info || info.sampleRate !== SAMPLE_RATE || info.channels !== 1)
    throw new Error('espeak-ng/sox did not give 16 kHz mono PCM');
  const data = wav.subarray(info.dataOffset, info.dataOffset + info.fileDataBytes);
  return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** First and last sample above a small threshold (espeak-ng pads its output with silence). */
function voicedBounds(samples: Int16Array): { first: number; last: number } {
  const threshold = 0.01 * 32768;
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]!) < threshold) first += 1;
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last]!) < threshold) last -= 1;
  return { first, last };
}

function synthesize(text: string, file: string, wordsPerMinute: number): void {
  const raw = `${file}.espeak.wav`;
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', String(wordsPerMinute), '-w', raw, text]);
  execFileSync('sox', [raw, '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', file]);
  fs.rmSync(raw, { force: true });
}

/** Builds (or reuses from `cacheDir`) the spoken answer. */
export function spokenAnswer(
  cacheDir: string,
  options: { wordsPerMinute?: number; leadInMs?: number } = {},
): SpokenAnswer {
  const wordsPerMinute = options.wordsPerMinute ?? 160;
  const leadInMs = options.leadInMs ?? 600;
  const dir = path.join(cacheDir, 'spoken-answer');
  fs.mkdirSync(dir, { recursive: true });
  const parts: Int16Array[] = [new Int16Array((leadInMs * SAMPLE_RATE) / 1000)];
  const phrases: SpokenAnswer['phrases'] = [];
  let at = parts[0]!.length;
  let lastVoiced = 0;
  for (const { text, pauseAfterMs } of ANSWER_SCRIPT) {
    const key = createHash('sha256').update(`${wordsPerMinute}:${text}`).digest('hex').slice(0, 16);
    const file = path.join(dir, `${key}.wav`);
    if (!fs.existsSync(file)) {
      try {
        synthesize(text, `${file}.part.wav`, wordsPerMinute);
      } catch (error) {
        throw new Error(
          `Could not synthesize speech (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). The turn benchmark needs espeak-ng and sox: apt-get install -y espeak-ng sox`,
          { cause: error },
        );
      }
      fs.renameSync(`${file}.part.wav`, file);
    }
    const all = pcmOf(fs.readFileSync(file));
    const { first, last } = voicedBounds(all);
    // Trim espeak's own padding so the pauses are the script's.
    const voiced = all.subarray(first, last + 1);
    phrases.push({ text, start: at, end: at + voiced.length });
    lastVoiced = at + voiced.length - 1;
    parts.push(voiced, new Int16Array((pauseAfterMs * SAMPLE_RATE) / 1000));
    at += voiced.length + (pauseAfterMs * SAMPLE_RATE) / 1000;
  }
  const samples = new Int16Array(at);
  let offset = 0;
  for (const part of parts) {
    samples.set(part, offset);
    offset += part.length;
  }
  return { samples, phrases, lastVoiced, leadInMs };
}

/** The script's words for a transcribed stretch: every sentence whose middle falls in it. */
export function scriptTextFor(answer: SpokenAnswer, start: number, end: number): string {
  return answer.phrases
    .filter((p) => {
      const middle = (p.start + p.end) / 2;
      return middle >= start && middle < end;
    })
    .map((p) => p.text)
    .join(' ');
}
