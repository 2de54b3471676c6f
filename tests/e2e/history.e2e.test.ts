/**
 * Reviewing past sessions in headless Chromium. Two sessions are practised over the bridge,
 * as the UI would (a small WebSocket client with the server's token): one typed, one typed
 * plus a spoken take that the real speech pipeline records (jfk.wav pushed as microphone
 * audio; the Whisper stand-in answers with nonsense words, so only timings and structure are checked).
 * Then, in the page: the history list, a search that finds the spoken session, its detail
 * with the recording played and the transcript following along, notes, a Markdown export
 * checked through the download, delete, and the progress screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { InterviewView, RoundSummaryView } from '../../main/contract/services/interview.js';
import { encodeBinaryRequest } from '../../main/contract/wire.js';
import { fixturePath } from '../helpers/fixtures.js';
import { installTestSpeechModels } from '../helpers/speech-models.js';
import {
  accessibilityProblems,
  makeDataDir,
  openBrowser,
  screenshot,
  startServer,
  type BrowserHandle,
  type ServerHandle,
} from './harness.js';

/** One connection to the running core, as the UI's bridge client uses it. */
class Rpc {
  private nextId = 1;
  private constructor(private readonly ws: WebSocket) {}

  static async open(server: ServerHandle): Promise<Rpc> {
    const url = new URL(server.url);
    const ws = new WebSocket(`ws://${url.host}/rpc?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new Rpc(ws);
  }

  call<T>(channel: string, input?: unknown, bytes?: { key: string; data: Uint8Array }): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as {
          id?: number;
          result?: { ok: boolean; value?: T; error?: { code: string; message: string } };
        };
        if (message.id !== id || !message.result) return;
        this.ws.off('message', onMessage);
        if (message.result.ok) resolve(message.result.value as T);
        else reject(new Error(`${channel}: ${message.result.error?.code} ${message.result.error?.message}`));
      };
      this.ws.on('message', onMessage);
      if (bytes) this.ws.send(encodeBinaryRequest({ id, channel, input, binaryKey: bytes.key }, bytes.data));
      else this.ws.send(JSON.stringify({ id, channel, input }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** The PCM samples of a 16 kHz mono 16-bit WAV file. */
function wavPcm(file: string): Uint8Array {
  const bytes = fs.readFileSync(file);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'data') return new Uint8Array(bytes.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}

async function typedSession(rpc: Rpc, start: object, answer: string): Promise<string> {
  const { sessionId } = await rpc.call<InterviewView>('interview:start', start);
  await rpc.call('interview:begin', { sessionId });
  await rpc.call('interview:submitAnswer', { sessionId, text: answer });
  await rpc.call('interview:finish', { sessionId });
  return sessionId;
}

const SPOKEN_ROUND = { roleId: 'frontend-engineer', roundId: 'fe-behavioral' };
const TYPED_ROUND = { roleId: 'stripe-backend-engineer', roundId: 'behavioral' };
const SPOKEN_ANSWER =
  'I owned the checkout page. Duplicate orders came from double clicks, so I added idempotency tokens and a disabled state while submitting.';
const TYPED_ANSWER =
  'We rolled back the deploy within ten minutes, then wrote a blameless postmortem with three follow-up actions.';

describe('history: find, replay, export and delete a past session', () => {
  let dataDir: string;
  let server: ServerHandle;
  let browser: BrowserHandle;
  let spokenId: string;
  let typedId: string;

  beforeAll(async () => {
    dataDir = makeDataDir('rehearsal-history-e2e-');
    const { whisper } = await installTestSpeechModels(path.join(dataDir, 'models'));
    server = await startServer(dataDir);

    const rpc = await Rpc.open(server);
    try {
      await rpc.call('settings:update', { activeWhisperModel: whisper, whisperThreads: 1 });

      // The spoken session: a take recorded and transcribed by the real pipeline, then the typed answer.
      const spoken = await rpc.call<InterviewView>('interview:start', { ...SPOKEN_ROUND, seed: 1 });
      spokenId = spoken.sessionId;
      await rpc.call('interview:begin', { sessionId: spokenId });
      await rpc.call('speech:start', { sessionId: spokenId, mode: 'answer', sampleRate: 16_000 });
      const pcm = wavPcm(await fixturePath('jfk.wav'));
      const chunk = 64_000; // 2 s of audio per message, as the page's capture sends it
      for (let seq = 0, at = 0; at < pcm.length; seq++, at += chunk) {
        await rpc.call(
          'speech:pushAudio',
          { sessionId: spokenId, seq },
          { key: 'pcm', data: pcm.subarray(at, at + chunk) },
        );
      }
      await rpc.call('speech:stop', { sessionId: spokenId });
      await rpc.call('interview:submitAnswer', { sessionId: spokenId, text: SPOKEN_ANSWER });
      await rpc.call('interview:finish', { sessionId: spokenId });

      // The typed session, then the same question practised twice more ("practice this question again").
      typedId = await typedSession(rpc, { ...TYPED_ROUND, seed: 2 }, TYPED_ANSWER);
      const summary = await rpc.call<RoundSummaryView>('interview:summary', { sessionId: typedId });
      const questionIds = [summary.questions[0]!.questionId];
      await typedSession(
        rpc,
        { ...TYPED_ROUND, questionIds },
        `${TYPED_ANSWER} I learned to communicate the trade-off to stakeholders early.`,
      );
      await typedSession(
        rpc,
        { ...TYPED_ROUND, questionIds },
        `${TYPED_ANSWER} The result: we shipped on time, and I would negotiate scope earlier next time.`,
      );
    } finally {
      rpc.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'sessions', spokenId, '1.wav'))).toBe(true);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists, searches, replays, exports and deletes', async () => {
    const { page } = browser;
    await page.goto(`${server.url}#/history`);

    // The list: both sessions, newest first; the spoken one is marked as recorded.
    await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
    const rows = page.getByTestId('session-row');
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.nth(0).textContent()).toContain('Stripe — Backend Engineer');
    expect(await rows.nth(3).textContent()).toMatch(/Frontend Engineer.*Recorded/);
    expect(await page.getByTestId('history-data-dir').textContent()).toBe(dataDir);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'history-list');

    // Filter by role, then clear.
    await page.getByLabel('Role', { exact: true }).selectOption('frontend-engineer');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows.count()).toBe(4);

    // Search: FTS syntax is just text; the spoken session's answer is found with the words highlighted.
    const search = page.getByLabel('Search your sessions');
    await search.fill('idempotency NEAR( "zebra');
    await page
      .getByRole('status')
      .filter({ hasText: /No session mentions/ })
      .waitFor();
    await search.fill('idempotency tokens');
    const hit = page.getByTestId('search-hit');
    await expect.poll(() => hit.count()).toBe(1);
    expect(await hit.locator('mark').allTextContents()).toEqual(['idempotency', 'tokens']);
    expect(await hit.textContent()).toContain('Frontend Engineer');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'history-search');

    // Open the result: the session, scrolled to that answer.
    await hit.click();
    await page.waitForURL(new RegExp(`#/history/${spokenId}\\?turn=1`));
    await page.getByRole('heading', { name: 'Behavioral', level: 1 }).waitFor();
    await page.locator('.review-message.target').first().waitFor();
    expect(await page.locator('.review-message.target').first().textContent()).toMatch(/Interviewer/);

    // Replay the recording: the position moves and the segment being heard is highlighted.
    const segments = page.locator('.transcript .segment');
    expect(await segments.count()).toBeGreaterThanOrEqual(2);
    const position = page.getByTestId('player-position');
    expect(await position.textContent()).toMatch(/^0:00 \/ 0:1\d$/);
    await page.getByRole('button', { name: 'Play answer 1' }).click();
    await expect.poll(() => position.textContent(), { timeout: 15_000 }).toMatch(/^0:0[2-9] \//);
    expect(await page.locator('.transcript .segment[aria-current="true"]').count()).toBe(1);
    await screenshot(page, 'history-session-playing');
    await page.getByRole('button', { name: 'Pause answer 1' }).click();

    // Click-to-seek: the last segment plays from its start and becomes the current one.
    const last = segments.last();
    await last.click();
    await expect.poll(() => last.getAttribute('aria-current')).toBe('true');

    // Notes save on their own and are there after a reload.
    await page.getByLabel('Your notes').fill('Mention the disabled button earlier.');
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Behavioral', level: 1 }).waitFor();
    expect(await page.getByLabel('Your notes').inputValue()).toBe('Mention the disabled button earlier.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'history-session');

    // Export as Markdown: the downloaded file holds the conversation and the notes.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^\d{4}-\d\d-\d\d-frontend-engineer-behavioral\.md$/);
    const markdown = fs.readFileSync(await download.path(), 'utf8');
    expect(markdown).toMatch(/^# Frontend Engineer: Behavioral\n/);
    expect(markdown).toContain(`> ${SPOKEN_ANSWER}`);
    expect(markdown).toContain('Mention the disabled button earlier.');
    expect(markdown).toContain('## Rubric points mentioned');

    // Progress: no model judged these sessions, so no score is charted (rule feedback gives
    // none), only delivery; and the three attempts at one question side by side, with the
    // rubric points each mentioned and no percentage.
    await page.getByRole('link', { name: 'Progress', exact: true }).click();
    await page.getByRole('heading', { name: 'Scores over time' }).waitFor();
    await page.getByTestId('no-scores').waitFor();
    await expect.poll(() => page.locator('.chart-box canvas').count()).toBe(1);
    await page.locator('.repeated-list a').first().click();
    await page.waitForURL(/#\/progress\?question=/);
    await expect.poll(() => page.locator('.attempt').count()).toBe(3);
    expect(await page.locator('.attempt').first().textContent()).toMatch(/Not mentioned|Mentioned/);
    expect(await page.locator('.attempts').textContent()).not.toMatch(/\d+%/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'history-progress');

    // Back to the spoken session through the list.
    await page.getByRole('link', { name: 'History', exact: true }).click();
    await page.getByRole('link', { name: /^Frontend Engineer/ }).click();
    await page.getByRole('heading', { name: 'Behavioral', level: 1 }).waitFor();

    // Delete: after confirming, the session, its files and its search entries are gone.
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Delete session' }).click();
    await page.waitForURL(/#\/history$/);
    await page
      .getByRole('status')
      .filter({ hasText: /^Deleted the Behavioral session/ })
      .waitFor();
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.allTextContents()).not.toContainEqual(expect.stringContaining('Frontend Engineer'));
    expect(fs.existsSync(path.join(dataDir, 'sessions', spokenId))).toBe(false);
    await search.fill('idempotency');
    await page
      .getByRole('status')
      .filter({ hasText: /No session mentions/ })
      .waitFor();
    await search.fill('');
    await expect.poll(() => rows.count()).toBe(3);
    await screenshot(page, 'history-after-delete');

    expect(browser.consoleErrors).toEqual([]);
    expect(browser.offsiteRequests).toEqual([]);
    expect(typedId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads well in dark mode', async () => {
    const dark = await openBrowser({ colorScheme: 'dark' });
    try {
      const { page } = dark;
      await page.goto(`${server.url}#/history`);
      await page.getByTestId('session-row').first().waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      await screenshot(page, 'history-list-dark');
      // A tall window, so the screenshot shows the whole session (the app scrolls inside its main area).
      await page.setViewportSize({ width: 1280, height: 2600 });
      await page.goto(`${server.url.split('?')[0]}#/history/${typedId}`);
      await page.getByRole('heading', { name: 'Behavioral', level: 1 }).waitFor();
      await page.locator('[data-slot="feedback"].feedback').waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      await screenshot(page, 'history-session-dark');
      await page.getByRole('link', { name: 'Progress', exact: true }).click();
      await page.getByRole('heading', { name: 'Scores over time' }).waitFor();
      // The spoken session was deleted above: no scores (no model) and no delivery chart remain.
      await page.getByTestId('no-scores').waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      await screenshot(page, 'history-progress-dark');
      expect(dark.consoleErrors).toEqual([]);
    } finally {
      await dark.close();
    }
  });
});
