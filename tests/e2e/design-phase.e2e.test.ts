/**
 * The design round's phase on the practice screen: shown from the intro, counted on the round
 * clock, moving when the interviewer moves on, the same height as it ticks; at 800×600, light
 * and dark.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  makeDataDir,
  openBrowser,
  RESULTS_DIR,
  screenshot,
  startServer,
  type BrowserHandle,
  type ServerHandle,
} from './harness.js';

const SMALL = { width: 800, height: 600 };

/** The page with the indicator scrolled into view, and the clocks card on its own. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.getByTestId('design-phase').scrollIntoViewIfNeeded();
  await screenshot(page, name);
  await page.locator('.clocks').screenshot({ path: path.join(RESULTS_DIR, `${name}-clocks.png`) });
}

async function box(locator: Locator): Promise<{ height: number; y: number }> {
  const b = (await locator.boundingBox())!;
  return { height: Math.round(b.height), y: Math.round(b.y) };
}

/** "label | title | time box", as the indicator shows them. */
async function phaseText(page: Page): Promise<string> {
  const part = async (name: string) => (await page.locator(`.design-phase-${name}`).textContent())?.trim() ?? '';
  return `${await part('label')} | ${await part('title')} | ${await part('box')}`;
}

describe('system design: the phase indicator', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;
  let dark: BrowserHandle | undefined;

  afterAll(async () => {
    await dark?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the phase and its time box, moves with the interviewer, and holds still while it ticks', async () => {
    server = await startServer(makeDataDir());
    browser = await openBrowser();
    const { page } = browser;
    await page.setViewportSize(SMALL);
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Open Stripe Backend Engineer', exact: true }).click();
    await page.getByRole('radio', { name: /^System design/ }).check();
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.waitForURL(/#\/practice\//);
    const sessionId = decodeURIComponent(new URL(page.url()).hash.replace('#/practice/', ''));

    // Before the round starts: the plan, with no clock running in it.
    const indicator = page.getByTestId('design-phase');
    await indicator.waitFor();
    expect(await phaseText(page)).toContain('Phase 1 of 6 | Requirements |');
    expect(await phaseText(page)).toMatch(/\| 6 min box, starts when you begin$/);
    expect(await page.getByRole('list', { name: 'Phases of this round' }).locator('li').count()).toBe(6);
    const before = await box(indicator);

    await page.getByRole('button', { name: 'Begin' }).click();
    await page.locator('.practice[data-phase="question"]').waitFor();
    await expect.poll(() => phaseText(page)).toMatch(/Requirements \| 0:0\d of 6 min$/);
    // It ticks with the round clock without changing size.
    await expect.poll(() => phaseText(page), { timeout: 10_000 }).toMatch(/\| 0:0[2-9] of 6 min$/);
    expect((await box(indicator)).height).toBe(before.height);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shoot(page, 'design-phase-800x600');

    // An answer that covers the requirements and the numbers: the interviewer moves on to the API.
    await page.getByRole('button', { name: 'Start answer' }).click();
    await page.locator('.practice[data-phase="answering"]').waitFor();
    await page
      .locator('#answer-text')
      .fill('Requirements: card payments only, refunds are out of scope. About 5,000 requests per second at peak.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => phaseText(page), { timeout: 20_000 }).toContain('Phase 2 of 6 | API |');
    expect(await phaseText(page)).toMatch(/of 8 min$/);
    await expect
      .poll(() => page.locator('.messages .message').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining("Let's pin down the interface.")]));
    expect((await box(indicator)).height).toBe(before.height);
    // The current step is marked for assistive technology too.
    expect(await page.locator('.design-phase-steps li[aria-current="step"]').textContent()).toContain('API, 8 minutes');
    await shoot(page, 'design-phase-api-800x600');

    // Dark mode, same session.
    dark = await openBrowser({ colorScheme: 'dark' });
    await dark.page.setViewportSize(SMALL);
    await dark.page.goto(`${server.url}#/practice/${encodeURIComponent(sessionId)}`);
    await dark.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await dark.page.getByTestId('design-phase').waitFor();
    expect(await phaseText(dark.page)).toContain('Phase 2 of 6 | API |');
    expect(await accessibilityProblems(dark.page)).toEqual([]);
    await shoot(dark.page, 'design-phase-800x600-dark');

    // The wrap-up keeps the place: the plan done, the same height.
    await page.keyboard.press('Alt+e');
    await page.getByRole('button', { name: 'Yes, end the round' }).click();
    await page.waitForURL(/#\/summary\//);

    expect(browser.offsiteRequests).toEqual([]);
    const known = [/^Applying inline style violates/, /subsetting/];
    const unexpected = (errors: string[]) => errors.filter((e) => !known.some((k) => k.test(e)));
    expect(unexpected(browser.consoleErrors)).toEqual([]);
    expect(unexpected(dark.consoleErrors)).toEqual([]);
  }, 240_000);
});
