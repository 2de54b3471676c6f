/**
 * Speaking an answer in headless Chromium: the fake microphone plays an answer made with
 * espeak-ng at test time; the real core records, runs Silero VAD and Whisper in sherpa-onnx
 * (Whisper is a stand-in with random weights, made at test time: it answers every stretch of
 * speech with the same few nonsense words) and the UI shows segments while the audio plays.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readWavInfo } from '../../main/core/speech/wav-format.js';
import { accessibilityProblems, screenshot, startServer, type ServerHandle } from './harness.js';
import { voiceRig } from './voice-rig.js';

const ANSWER = [
  'In my last role I owned the checkout service.',
  'We had duplicate payments when clients retried a request after a timeout.',
  'I added idempotency keys, stored in Postgres with a unique index.',
  'After that, duplicate charges went to zero, and support tickets dropped by half.',
].join(' ');

/** espeak-ng speaks the answer; sox makes it 16 kHz mono with a second of silence around it. */
function makeSpokenAnswer(dir: string): string {
  const raw = path.join(dir, 'answer-raw.wav');
  const out = path.join(dir, 'answer.wav');
  execFileSync('espeak-ng', ['-s', '150', '-g', '12', '-w', raw, ANSWER]);
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', out, 'pad', '1', '1']);
  return out;
}

/** One call to the running core over the bridge, as the UI would make it. */
async function rpc<T>(server: ServerHandle, channel: string, input?: unknown): Promise<T> {
  const url = new URL(server.url);
  const ws = new WebSocket(`ws://${url.host}/rpc?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    // One listener for the whole call: events (settings:changed…) and the reply can arrive in the
    // same read, and a listener attached per message would miss the second (the test hung under load).
    const reply = new Promise<T>((resolve, reject) => {
      ws.on('message', (d: Buffer) => {
        const message = JSON.parse(d.toString()) as {
          id?: number;
          result?: { ok: boolean; value?: T; error?: { message: string } };
        };
        if (message.id !== 1 || !message.result) return;
        if (message.result.ok) resolve(message.result.value as T);
        else reject(new Error(`${channel}: ${message.result.error?.message}`));
      });
      ws.once('close', () => reject(new Error(`${channel}: the connection closed before the reply`)));
    });
    ws.send(JSON.stringify({ id: 1, channel, input }));
    return await reply;
  } finally {
    ws.close();
  }
}

function wavSeconds(file: string): number {
  const info = readWavInfo(file);
  if (!info) throw new Error(`${file} is not a WAV file`);
  expect(info.headerDataBytes).toBe(info.fileDataBytes);
  return info.fileDataBytes / 2 / info.sampleRate;
}

describe('speaking an answer', () => {
  const rig = voiceRig(makeSpokenAnswer);

  it('checks the microphone, shows segments while speaking, saves the recording and plays it back', async () => {
    const { page } = rig.browser;
    const fileSeconds = wavSeconds(rig.spoken);
    await page.goto(rig.server.url);
    await page.getByRole('link', { name: 'Open Frontend Engineer', exact: true }).click();
    await page.getByRole('heading', { name: 'Pick a round' }).waitFor();
    await page.getByRole('radio', { name: /^Behavioral/ }).check();
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.waitForURL(/#\/practice\//);
    const sessionId = decodeURIComponent(new URL(page.url()).hash.replace('#/practice/', ''));
    await page.getByRole('button', { name: 'Begin' }).click();
    await page.locator('.practice[data-phase="question"]').waitFor();

    // No speech model chosen yet: the panel says how to get one, and typing works.
    const models = page.getByRole('link', { name: 'Open the Models screen' });
    await models.waitFor();
    expect(await models.getAttribute('href')).toBe('#/models');
    expect(await page.locator('.voice-panel').textContent()).toMatch(/No speech recognition model/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'voice-no-model');

    await rpc(rig.server, 'settings:update', { activeWhisperModel: rig.whisper, whisperThreads: 1 });
    await page.reload();
    await page.locator('.practice[data-phase="question"]').waitFor();

    // First spoken answer of the session: the microphone check comes first.
    await page.getByRole('button', { name: /Check microphone and speak/ }).click();
    await page.getByRole('heading', { name: 'Check your microphone' }).waitFor();
    // The round clock stands still during the check.
    await page.locator('.practice[data-paused]').waitFor();
    const roundClock = await page.getByTestId('round-timer').textContent();
    await page.getByRole('button', { name: 'Start check' }).click();
    await page.locator('.mic-check-result .notice').waitFor({ timeout: 30_000 });
    await screenshot(page, 'voice-mic-check');
    expect(await page.locator('.mic-check-result').textContent()).toMatch(/Speech detected|Heard/);
    expect(await page.getByTestId('round-timer').textContent()).toBe(roundClock);
    await page.getByRole('button', { name: 'Sounds right — continue' }).click();
    await page.locator('.practice:not([data-paused])').waitFor();

    // Speak: segments arrive while the fake microphone is still playing the answer.
    await page.getByRole('button', { name: /Speak your answer/ }).click();
    await page.locator('.voice-panel[data-status="listening"]').waitFor();
    const listeningAt = Date.now();
    await page.locator('[data-testid="transcript-segments"] li').first().waitFor({ timeout: 20_000 });
    const firstSegmentAfter = (Date.now() - listeningAt) / 1000;
    expect(await page.locator('.voice-panel').getAttribute('data-status')).toBe('listening');
    expect(firstSegmentAfter).toBeLessThan(fileSeconds);
    await screenshot(page, 'voice-listening');

    // Let the whole answer play once, then stop.
    await page.waitForTimeout(Math.max(0, (fileSeconds - firstSegmentAfter) * 1000));
    const recordedSeconds = (Date.now() - listeningAt) / 1000;
    await page.getByRole('button', { name: /Stop — done speaking/ }).click();
    await page.locator('.voice-panel[data-status="idle"]').waitFor({ timeout: 30_000 });

    // The recording: the right length on disk, and playable in the page through the bridge.
    const file = path.join(rig.dataDir, 'sessions', sessionId, '1.wav');
    expect(Math.abs(wavSeconds(file) - recordedSeconds)).toBeLessThanOrEqual(0.5);
    const audio = page.getByTestId('answer-audio');
    await audio.waitFor();
    const duration = await audio.evaluate(
      (el: HTMLAudioElement) =>
        new Promise<number>((resolve) =>
          el.readyState >= 1 ? resolve(el.duration) : el.addEventListener('loadedmetadata', () => resolve(el.duration)),
        ),
    );
    expect(Math.abs(duration - wavSeconds(file))).toBeLessThanOrEqual(0.05);

    // The turn shows its segments with the recognizer's words (the stand-in's nonsense), stored in the database too.
    const segments = page.locator('[data-testid="transcript-segments"] li');
    expect(await segments.count()).toBeGreaterThanOrEqual(2);
    expect(await segments.first().textContent()).not.toContain('no words recognised');
    expect((await segments.first().locator('.voice-text').textContent())?.trim().split(/\s+/).length).toBeGreaterThan(
      2,
    );
    const recordings = await rpc<{ turnSeq: number; status: string; segments: unknown[] }[]>(
      rig.server,
      'speech:recordings',
      { sessionId },
    );
    expect(recordings).toMatchObject([{ turnSeq: 1, status: 'done' }]);
    expect(recordings[0]!.segments.length).toBe(await segments.count());
    // The typed answer stays available.
    expect(await page.locator('#answer-text').isEditable()).toBe(true);

    // The media route wants the token and serves nothing outside the sessions folder.
    const origin = rig.server.origin;
    expect((await fetch(`${origin}/media/${sessionId}/1.wav`)).status).toBe(401);
    const token = new URL(rig.server.url).searchParams.get('token') ?? '';
    expect((await fetch(`${origin}/media/${sessionId}/..%2F..%2Frehearsal.sqlite?token=${token}`)).status).toBe(404);

    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'voice-after-answer');
    // The same screen in dark mode (the app applies its theme at start; switch it in place).
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'voice-after-answer-dark');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
  });

  it('recovers the recording when the server is killed mid-answer', async () => {
    const { page } = rig.browser;
    const sessionId = decodeURIComponent(new URL(page.url()).hash.replace('#/practice/', ''));
    await page.locator('#answer-text').fill('Idempotency keys in Postgres stopped the duplicate payments.');
    await page.getByRole('button', { name: /^Done/ }).click();
    await page.locator('.practice[data-phase="question"]').waitFor({ timeout: 30_000 });
    // Whatever the interviewer asks next (a follow-up or the next question) is turn 2.
    const turn = 2;

    await page.getByRole('button', { name: /Speak your answer/ }).click();
    await page.locator('.voice-panel[data-status="listening"]').waitFor();
    const listeningAt = Date.now();
    await page.waitForTimeout(4000);
    await rig.server.stop('SIGKILL');
    const killedAfter = (Date.now() - listeningAt) / 1000;

    // The page says what happened; typing still works.
    await page.locator('.voice-panel [role="alert"]').waitFor({ timeout: 15_000 });
    await page.locator('.voice-panel[data-status="idle"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('.voice-panel [role="alert"]').textContent()).toMatch(
      /Recording stopped.*type your answer/,
    );
    await screenshot(page, 'voice-server-killed');
    expect(await page.locator('#answer-text').isEditable()).toBe(true);

    rig.server = await startServer(rig.dataDir);
    const recordings = await rpc<{ turnSeq: number; status: string; durationMs: number }[]>(
      rig.server,
      'speech:recordings',
      { sessionId },
    );
    const recovered = recordings.find((r) => r.turnSeq === turn);
    expect(recovered?.status).toBe('recovered');
    const seconds = wavSeconds(path.join(rig.dataDir, 'sessions', sessionId, `${turn}.wav`));
    // Everything streamed before the kill is there, give or take the last chunk in flight.
    expect(seconds).toBeGreaterThan(killedAfter - 1);
    expect(seconds).toBeLessThanOrEqual(killedAfter + 0.5);
    expect(Math.abs(recovered!.durationMs / 1000 - seconds)).toBeLessThan(0.01);
  });
});
