/**
 * A behavioral round with the LLM interviewer on the fixture GGUF: the model is the active one
 * in settings, the round runs through the real UI and bridge, and the interviewer's follow-up
 * streams into the practice screen token by token before it becomes the question on screen.
 * The fixture model writes gibberish, so this checks the plumbing, never the wording.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSettings } from '../../main/core/settings/settings-store.js';
import { openDatabase } from '../../main/core/storage/database.js';
import { fixturePath } from '../helpers/fixtures.js';
import {
  accessibilityProblems,
  makeDataDir,
  openBrowser,
  screenshot,
  startServer,
  type BrowserHandle,
  type ServerHandle,
} from './harness.js';

const ANSWER =
  'Situation: the designer and I disagreed about a custom dropdown that keyboard users could not reach. ' +
  'I listened first, built a prototype, showed the user testing data, and we agreed on the native select with their styling. ' +
  'Conversion went up and I learned to bring evidence early.';

declare global {
  interface Window {
    /** Every text the streaming line showed, in order (recorded in the page). */
    streamed: string[];
  }
}

/** Records each text the interviewer's streaming line shows, as the DOM changes. */
async function recordStream(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.streamed = [];
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="interviewer-stream"]')?.textContent ?? '';
      if (text && text !== 'Thinking…' && text !== window.streamed.at(-1)) window.streamed.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * Passes the bridge's WebSocket through, but after `tokens` interviewer tokens holds every
 * further message from the server until released (once).
 */
async function holdStreamAfter(page: Page, tokens: number): Promise<{ holding: Promise<void>; release(): void }> {
  let seen = 0;
  let held: (string | Buffer)[] | null = null;
  let released = false;
  let toClient: ((message: string | Buffer) => void) | null = null;
  let startHolding: () => void = () => undefined;
  const holding = new Promise<void>((resolve) => (startHolding = resolve));
  await page.routeWebSocket(/\/rpc/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    toClient = (message) => ws.send(message);
    server.onMessage((message) => {
      if (held) return void held.push(message);
      ws.send(message);
      if (!released && typeof message === 'string' && message.includes('"interviewer:token"') && ++seen === tokens) {
        held = [];
        startHolding();
      }
    });
  });
  return {
    holding,
    release() {
      released = true;
      const queue = held ?? [];
      held = null;
      for (const message of queue) toClient?.(message);
    },
  };
}

async function phase(page: Page): Promise<string> {
  return (await page.locator('.practice').getAttribute('data-phase')) ?? '';
}

describe('practice with the LLM interviewer', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('streams the follow-up into the practice screen while the interviewer decides', async () => {
    const dataDir = makeDataDir('rehearsal-e2e-llm-');
    const opened = openDatabase(dataDir);
    if (!opened.ok) throw new Error(opened.status.message);
    writeSettings(opened.db, { activeLlmModel: await fixturePath('llama-2-tiny-random.gguf') });
    opened.db.close();

    // One CPU thread keeps the fixture fast and its sampling reproducible; the seed makes the
    // first decision a follow-up.
    server = await startServer(dataDir, { REHEARSAL_LLM_THREADS: '1', REHEARSAL_LLM_SEED: '1' });
    browser = await openBrowser();
    const { page } = browser;
    const hold = await holdStreamAfter(page, 6);

    await page.goto(server.url);
    await page.getByRole('link', { name: 'Open Frontend Engineer', exact: true }).click();
    await page.getByRole('radio', { name: /^Behavioral/ }).check();
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.waitForURL(/#\/practice\//);
    await page.getByRole('button', { name: 'Begin' }).click();
    await page.locator('.practice[data-phase="question"]').waitFor();

    const notices: string[] = [];
    let streamShot = false;
    let followUps = 0;
    for (let turn = 0; turn < 8 && followUps === 0; turn++) {
      if ((await phase(page)) === 'wrap_up') break;
      await page.getByRole('button', { name: 'Start answer' }).click();
      const box = page.getByRole('textbox', { name: 'Your answer' });
      await box.fill(ANSWER);
      await recordStream(page);
      await box.press('Control+Enter');

      if (!streamShot) {
        // The bridge holds messages after the first tokens of a streamed reply, so the screen can
        // be looked at mid-stream (a decision to move on streams nothing: the screen moves on).
        const outcome = await Promise.race([
          hold.holding.then(() => 'streaming'),
          page
            .locator('.practice[data-phase="question"], .practice[data-phase="wrap_up"]')
            .waitFor()
            .then(() => 'moved-on'),
        ]);
        if (outcome === 'streaming') {
          await expect.poll(() => page.getByTestId('interviewer-stream').textContent()).not.toBe('Thinking…');
          await page.locator('.interviewer-panel').evaluate((el) => el.scrollIntoView());
          // The Done call is still in flight: the answer screen shows the interviewer's words coming in.
          expect(await page.getByTestId('interviewer-stream').isVisible()).toBe(true);
          await screenshot(page, 'llm-interviewer-streaming');
          expect(await accessibilityProblems(page)).toEqual([]);
          hold.release();
          streamShot = true;
        }
      }
      await page.locator('.practice:not([data-phase="answering"]):not([data-phase="deciding"])').waitFor();
      await expect.poll(() => page.locator('[data-testid="interviewer-stream"]').count()).toBe(0);

      const toasts = await page.locator('.toast-stack .toast p').allTextContents();
      notices.push(...toasts);
      const streamed = await page.evaluate(() => window.streamed);
      const last = page.locator('.conversation .message').last();
      const lastIsFollowUp = ((await last.getAttribute('class')) ?? '').includes('kind-follow_up');
      if (lastIsFollowUp && streamed.length > 0) {
        followUps++;
        // Token by token: the line grew through several texts, each extending the one before.
        expect(streamed.length).toBeGreaterThan(1);
        for (let i = 1; i < streamed.length; i++) expect(streamed[i]!.startsWith(streamed[i - 1]!)).toBe(true);
        // What streamed is what the interviewer then asks (the last tokens may land together
        // with the final view, so the last text shown can be a little shorter).
        const asked = (await page.getByTestId('current-prompt').textContent()) ?? '';
        const shown = streamed.at(-1)!.replace(/\s+/g, ' ').trim();
        expect(shown.length).toBeGreaterThan(0);
        expect(asked.trim().startsWith(shown)).toBe(true);
      }
    }
    expect(streamShot).toBe(true);
    expect(followUps).toBe(1);
    // The model's own follow-up, not the scripted fallback's: no notice was shown.
    expect(notices).toEqual([]);
    expect(browser.offsiteRequests).toEqual([]);
    await page.locator('.interviewer-panel').evaluate((el) => el.scrollIntoView());
    await screenshot(page, 'llm-interviewer-follow-up');
  });
});
