/**
 * A whole behavioral round with the keyboard only: no click, no fill. Pause and resume mid-answer
 * and carry on typing; Tab then Space out of the answer never submits it; "R" typed in the box is
 * a letter; an answer sent by mistake comes back with Ctrl+Z; nothing typed is lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  makeDataDir,
  openBrowser,
  RESULTS_DIR,
  startServer,
  type BrowserHandle,
  type ServerHandle,
} from './harness.js';

async function phase(page: Page): Promise<string> {
  return (await page.locator('.practice').getAttribute('data-phase')) ?? '';
}

/** What has focus, as a short description: tag, id and text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return 'none';
    return `${el.tagName.toLowerCase()}#${el.id}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`;
  });
}

/** Presses Tab until the focused element's text starts with `name` (at most `max` presses). */
async function tabTo(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (name.test(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${name}; focus is on ${await focused(page)}`);
}

const box = (page: Page) => page.locator('#answer-text');
const boxHasFocus = (page: Page) => page.evaluate(() => document.activeElement?.id === 'answer-text');

describe('keyboard only: a behavioral round from the role page to the summary', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs the round with pause, resume, a Tab slip and an undo, and loses nothing', async () => {
    server = await startServer(makeDataDir());
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${server.url}#/role/frontend-engineer`);
    await page.getByRole('heading', { name: 'Pick a round' }).waitFor();

    // The round list is a radio group: Tab onto it, arrows to Behavioral, Enter starts.
    await tabTo(page, /^input#round-/);
    for (let i = 0; i < 6 && !(await focused(page)).includes('fe-behavioral'); i++)
      await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toContain('round-fe-behavioral');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/practice\//);
    await page.getByRole('button', { name: 'Begin' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.practice[data-phase="question"]').waitFor();

    const typed: string[] = [];
    for (let guard = 0; guard < 20; guard++) {
      if ((await phase(page)) === 'wrap_up') break;
      expect(await phase(page)).toBe('question');
      // Focus waits on "Start answer": Enter starts the answer and puts the caret in the box.
      await expect.poll(() => focused(page)).toMatch(/^button#:Start answer/);
      await page.keyboard.press('Enter');
      await page.locator('.practice[data-phase="answering"]').waitFor();
      await expect.poll(() => boxHasFocus(page)).toBe(true);
      const n = typed.length;
      let text = `Answer ${n + 1}: I owned the rollout and measured the result.`;
      await page.keyboard.type(text);

      if (n === 0) {
        // "R" in the box is a letter, never "repeat the question".
        await page.keyboard.type(' Rollback was ready.');
        text += ' Rollback was ready.';
        expect(await page.locator('.message.kind-repeat').count()).toBe(0);

        // Pause mid-answer, resume, and keep typing: Enter is a new line in the answer.
        await page.keyboard.press('Alt+P');
        await page.locator('.paused-overlay').waitFor();
        expect(await box(page).isDisabled()).toBe(true);
        await page.keyboard.press('Alt+P');
        await page.locator('.paused-overlay').waitFor({ state: 'detached' });
        await expect.poll(() => boxHasFocus(page)).toBe(true);
        await page.keyboard.press('Enter');
        await page.keyboard.type('Resumed: Really, the result was 30% fewer refunds.');
        text += '\nResumed: Really, the result was 30% fewer refunds.';
        expect(await phase(page)).toBe('answering');
        expect(await page.locator('.paused-overlay').count()).toBe(0);
        expect(await page.locator('.message.kind-repeat').count()).toBe(0);
        expect(await box(page).inputValue()).toBe(text);
      }

      if (n === 1) {
        // Tab out of the box lands on Done; Space right after it types into the answer instead.
        await page.keyboard.press('Tab');
        expect(await focused(page)).toMatch(/^button#:Done/);
        await page.keyboard.press('Space');
        await page.keyboard.type('and then');
        text += ' and then';
        expect(await phase(page)).toBe('answering');
        expect(await boxHasFocus(page)).toBe(true);
        expect(await box(page).inputValue()).toBe(text);
      }

      if (n === 2) {
        // Sent too early: Ctrl+Z takes it back, the interviewer's reply goes, typing continues.
        await page.keyboard.press('Control+Enter');
        await page.getByTestId('undo-bar').waitFor();
        await page.locator('.practice:not([data-phase="answering"])').waitFor();
        const answersBefore = await page.locator('.message.kind-answer').count();
        await page.keyboard.press('Control+z');
        await page.locator('.practice[data-phase="answering"]').waitFor();
        await expect.poll(() => boxHasFocus(page)).toBe(true);
        expect(await box(page).inputValue()).toBe(text);
        expect(await page.locator('.message.kind-answer').count()).toBe(answersBefore - 1);
        await page.keyboard.type(' Plus the part I forgot.');
        text += ' Plus the part I forgot.';
      }

      await page.keyboard.press('Control+Enter');
      await page.locator('.practice:not([data-phase="answering"])').waitFor();
      typed.push(text);
    }
    expect(typed.length).toBeGreaterThanOrEqual(4);
    expect(await phase(page)).toBe('wrap_up');

    // Wrap-up: the question box has focus; Tab then Enter on "Ask" asks it.
    await expect.poll(() => focused(page)).toMatch(/^input#ask-interviewer/);
    await page.keyboard.type('What does success look like here?');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^button#:Ask/);
    await page.keyboard.press('Enter');
    await page.locator('.message.kind-candidate_answer').waitFor();
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/#\/summary\//);

    // Nothing lost: every answer, as typed, is in the record.
    await page.getByRole('heading', { name: /how it went/ }).waitFor();
    const db = new Database(path.join(server.dataDir, 'rehearsal.sqlite'), { readonly: true });
    const rows = db.prepare(`SELECT answer_text FROM turns WHERE status = 'answered' ORDER BY seq`).all() as {
      answer_text: string;
    }[];
    db.close();
    const answers = rows.map((r) => r.answer_text);
    expect(answers).toEqual(typed);
    expect(browser.consoleErrors).toEqual([]);
  });

  // Seen: an early-ended round was recorded as "1 of 1 answered".
  it('a round ended early by keyboard says so in the summary and in History, at both sizes, light and dark', async () => {
    const { page } = browser;
    await page.goto(`${server.url}#/role/frontend-engineer`);
    await page.getByRole('heading', { name: 'Pick a round' }).waitFor();
    await tabTo(page, /^input#round-/);
    for (let i = 0; i < 6 && !(await focused(page)).includes('fe-behavioral'); i++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/practice\//);
    await page.getByRole('button', { name: 'Begin' }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^button#:Start answer/);
    await page.keyboard.press('Enter');
    await expect.poll(() => boxHasFocus(page)).toBe(true);
    await page.keyboard.type('I owned the migration and we shipped it a week early.');
    await page.keyboard.press('Control+Enter');
    await page.locator('.practice:not([data-phase="answering"])').waitFor();
    // End the round: Alt+E asks to confirm, with focus on "Yes, end the round".
    await page.keyboard.press('Alt+E');
    await expect.poll(() => focused(page)).toMatch(/^button#:Yes, end the round/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/summary\//);
    const summaryRecord = page.getByTestId('round-record').first();
    await expect.poll(() => summaryRecord.textContent()).toMatch(/^1 of \d+ planned questions answered, ended early$/);
    const planned = Number(/of (\d+) planned/.exec((await summaryRecord.textContent()) ?? '')?.[1]);
    expect(planned).toBeGreaterThan(1);

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const shoot = async (p: typeof page, scheme: string) => {
      for (const size of [
        { width: 1366, height: 900 },
        { width: 800, height: 600 },
      ]) {
        await p.setViewportSize(size);
        await p.goto(`${server.url}#/history`);
        const record = p.getByTestId('round-record').first();
        await record.waitFor();
        // The newest session is the one ended early.
        expect(await record.textContent()).toBe(`1 of ${planned} planned questions answered, ended early`);
        await p.screenshot({
          path: path.join(RESULTS_DIR, `ended-early-history-${size.width}x${size.height}-${scheme}.png`),
        });
      }
    };
    await shoot(page, 'light');
    const dark = await openBrowser({ colorScheme: 'dark' });
    try {
      await shoot(dark.page, 'dark');
      expect(dark.consoleErrors).toEqual([]);
    } finally {
      await dark.close();
    }
    expect(browser.consoleErrors).toEqual([]);
  });
});
