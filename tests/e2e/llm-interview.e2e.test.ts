/**
 * A behavioral round with the LLM interviewer on the fixture GGUF: the model is the active one
 * in settings and the round runs through the real UI and bridge. The fixture has random weights
 * and writes gibberish, which is what a damaged or unsuitable model does: the sanity gate keeps
 * every word of it off the screen, the scripted interviewer takes those turns (and, after two,
 * the rest of the round) with a notice, and the feedback is the rule-based one with the reason.
 * Streaming itself is tested where a reply passes the gate (tests/integration/llm).
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

  it('a model writing gibberish never reaches the screen: the scripted interviewer takes over, with a notice', async () => {
    const dataDir = makeDataDir('rehearsal-e2e-llm-');
    const opened = openDatabase(dataDir);
    if (!opened.ok) throw new Error(opened.status.message);
    writeSettings(opened.db, { activeLlmModel: await fixturePath('llama-2-tiny-random.gguf') });
    opened.db.close();

    // One CPU thread keeps the fixture fast and its sampling reproducible.
    server = await startServer(dataDir, { REHEARSAL_LLM_THREADS: '1', REHEARSAL_LLM_SEED: '1' });
    browser = await openBrowser();
    const { page } = browser;

    await page.goto(server.url);
    await page.getByRole('link', { name: 'Open Frontend Engineer', exact: true }).click();
    await page.getByRole('radio', { name: /^Behavioral/ }).check();
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.waitForURL(/#\/practice\//);
    await page.getByRole('button', { name: 'Begin' }).click();
    await page.locator('.practice[data-phase="question"]').waitFor();

    const notices: string[] = [];
    const streamed: string[] = [];
    for (let turn = 0; turn < 8; turn++) {
      if ((await phase(page)) === 'wrap_up') break;
      await page.getByRole('button', { name: 'Start answer' }).click();
      const box = page.getByRole('textbox', { name: 'Your answer' });
      await box.fill(ANSWER);
      await recordStream(page);
      await box.press('Control+Enter');
      await page.locator('.practice:not([data-phase="answering"]):not([data-phase="deciding"])').waitFor();
      streamed.push(...(await page.evaluate(() => window.streamed)));
      for (const text of await page.locator('.toast-stack .toast p').allTextContents())
        if (!notices.includes(text)) notices.push(text);
      // Every question on screen is the pack's or the scripted interviewer's: English.
      const asked = (await page.getByTestId('current-prompt').textContent()) ?? '';
      expect(asked).toMatch(/^[\x20-\x7e’‘“”—–…]+$/);
      if (notices.some((n) => /rest of this round/.test(n))) break;
    }
    // Nothing the model wrote was shown while it decided.
    expect(streamed).toEqual([]);
    expect(
      notices.some((n) => /did not read as sensible English, so the scripted interviewer took this turn/.test(n)),
    ).toBe(true);
    expect(notices.some((n) => /scripted interviewer asks the questions for the rest of this round/.test(n))).toBe(
      true,
    );
    await page.locator('.interviewer-panel').evaluate((el) => el.scrollIntoView());
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'llm-interviewer-gibberish-notice');
    expect(browser.offsiteRequests).toEqual([]);
  });
});
