/**
 * Layout at a laptop size (1366×900) and a small window (800×600), light and dark: at 800×600
 * the sidebar collapses to icons, the question stays in view while answering and the clocks stay
 * above the fold; the delivery table keeps readable columns however many filler words it lists.
 * Every screenshot lands in test-results/ to be looked at.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  makeDataDir,
  openBrowser,
  startServer,
  type BrowserHandle,
  type ServerHandle,
  RESULTS_DIR,
} from './harness.js';

const SIZES = [
  { width: 1366, height: 900 },
  { width: 800, height: 600 },
] as const;

/** A typed answer with many kinds of filler words, so the delivery table lists a long breakdown. */
const FILLER_ANSWER = [
  'Um, so, like, the situation was, uh, you know, a migration that was sort of late.',
  'I mean, basically I kind of owned it, and actually, literally every week, um, we, uh, shipped something, right?',
  'Er, the result, like, you know, was basically that, um, we sort of finished on time, I mean, actually early.',
  'So, uh, um, like, that was it, you know, basically.',
].join(' ');

/** The visible part of the window: a screenshot of exactly what a person sees. */
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) });
}

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not visible`);
  return b;
}

async function startBehavioral(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#/role/frontend-engineer`);
  await page.getByRole('radio', { name: /^Behavioral/ }).check();
  await page.getByRole('button', { name: 'Start practice' }).click();
  await page.waitForURL(/#\/practice\//);
  await page.getByRole('button', { name: 'Begin' }).click();
  await page.getByRole('button', { name: 'Start answer' }).click();
  await page.locator('.practice[data-phase="answering"]').waitFor();
  await page.locator('#answer-text').fill('Situation: we had to move the checkout to TypeScript.\n'.repeat(12));
  // Typing at the end of a long answer: the caret (and the page) is down at the answer box.
  await page.locator('#answer-text').press('Control+End');
}

/** What must hold on the practice screen while answering, at every size. */
async function checkPractice(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  // Carry on typing at the end of the answer, as a candidate would after resizing the window.
  await page.locator('#answer-text').focus();
  await page.locator('#answer-text').press('Control+End');
  await page.keyboard.type(' More.');
  await page.waitForTimeout(300);
  // The caret's line (the end of the box) is on screen, below the sticky bar.
  const answer = await box(page, '#answer-text');
  expect(answer.y + answer.height).toBeLessThanOrEqual(size.height + 4);
  // The clocks and the question are on screen while the caret is in the answer.
  const timer = await box(page, '[data-testid="answer-timer"]');
  expect(timer.y).toBeGreaterThanOrEqual(0);
  expect(timer.y + timer.height).toBeLessThanOrEqual(size.height);
  const question = page.locator('[data-testid="current-prompt"], [data-testid="question-strip"]');
  const visible = await question.evaluateAll(
    (els, h) =>
      els.some((el) => {
        const r = el.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= h && getComputedStyle(el).visibility !== 'hidden';
      }),
    size.height,
  );
  expect(visible, 'the question is in view while answering').toBe(true);
  const sidebar = await box(page, 'nav.sidebar');
  if (size.width <= 800) expect(sidebar.width).toBeLessThanOrEqual(72);
  else expect(sidebar.width).toBeGreaterThan(150);
  // Collapsed or not, every link keeps its name.
  for (const name of ['Practice', 'History', 'Progress', 'Models', 'Settings'])
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).count()).toBe(1);
}

async function checkDeliveryTable(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  const table = page.locator('.metrics-table').first();
  await table.scrollIntoViewIfNeeded();
  const widths = await table
    .locator('thead th')
    .evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
  expect(widths).toHaveLength(4);
  for (const w of widths) expect(w).toBeGreaterThanOrEqual(size.width <= 800 ? 80 : 110);
  const right = await table.evaluate((el) => el.getBoundingClientRect().right);
  expect(right).toBeLessThanOrEqual(size.width);
}

describe('layout at 1366×900 and 800×600, light and dark', () => {
  let server: ServerHandle;
  const browsers: BrowserHandle[] = [];

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await server?.stop();
  });

  it.each(['light', 'dark'] as const)('practice and summary in %s', async (scheme) => {
    server ??= await startServer(makeDataDir());
    const browser = await openBrowser({ colorScheme: scheme });
    browsers.push(browser);
    const { page } = browser;
    await startBehavioral(page, server.url);
    for (const size of SIZES) {
      await checkPractice(page, size);
      await shot(page, `layout-practice-${size.width}x${size.height}-${scheme}`);
    }
    expect(await accessibilityProblems(page)).toEqual([]);

    // A filler-heavy answer, then end the round early: the summary's delivery table.
    await page.setViewportSize(SIZES[0]);
    await page.locator('#answer-text').fill(FILLER_ANSWER);
    await page.keyboard.press('Control+Enter');
    await page.locator('.practice:not([data-phase="answering"])').waitFor();
    await page.keyboard.press('Alt+E');
    await page.getByRole('button', { name: 'Yes, end the round' }).click();
    await page.waitForURL(/#\/summary\//);
    await page.locator('.metrics-table').first().waitFor();
    for (const size of SIZES) {
      await checkDeliveryTable(page, size);
      await shot(page, `layout-summary-${size.width}x${size.height}-${scheme}`);
    }
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});
