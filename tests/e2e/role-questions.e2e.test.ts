/**
 * Choosing what to practise on the role page: a round's questions with topics and difficulty
 * (never rubrics or outlines), practising one question or a chosen set, and a revisit mark that
 * is still there after a reload.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  makeDataDir,
  openBrowser,
  screenshot,
  startServer,
  type BrowserHandle,
  type ServerHandle,
} from './harness.js';

describe('role page: choose questions to practise', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the round, starts on a chosen set or one question, and keeps revisit marks', async () => {
    server = await startServer(makeDataDir());
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${server.url}#/role/stripe-backend-engineer`);
    await page.getByRole('heading', { name: 'Pick a round' }).waitFor();
    await page
      .getByRole('radio', { name: /^System design/ })
      .first()
      .check();
    const list = page.getByTestId('bank-list');
    const rows = list.locator('.bank-row');
    await rows.first().waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);
    // Topics and difficulty are shown; the rubric and outline are not.
    expect(await rows.first().locator('.chip').count()).toBeGreaterThanOrEqual(2);
    const listed = (await list.textContent()) ?? '';
    expect(listed).not.toMatch(/rubric|strong answer|outline/i);
    expect(await accessibilityProblems(page)).toEqual([]);
    await list.scrollIntoViewIfNeeded();
    await screenshot(page, 'role-questions');

    // Mark the second question to revisit; it is still marked after a reload.
    const second = rows.nth(1);
    const secondId = await second.getAttribute('data-question-id');
    await second.getByRole('button', { name: /^Revisit/ }).click();
    await expect.poll(() => second.getByRole('button', { name: /^Revisit/ }).getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await page
      .getByRole('radio', { name: /^System design/ })
      .first()
      .check();
    await rows.first().waitFor();
    await page.getByRole('checkbox', { name: /Only marked to revisit \(1\)/ }).check();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-question-id')).toBe(secondId);
    await page.getByRole('checkbox', { name: /Only marked to revisit/ }).uncheck();
    await expect.poll(() => rows.count()).toBe(count);

    // A chosen set of two, in list order.
    const prompts = await rows.locator('.bank-prompt').allTextContents();
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Practise 2 selected' }).click();
    await page.waitForURL(/#\/practice\//);
    await page.getByRole('button', { name: 'Begin' }).click();
    await expect.poll(() => page.getByTestId('question-progress').textContent()).toBe('Question 1 of 2');
    expect(await page.getByTestId('current-prompt').textContent()).toBe(prompts[0]);

    // One question straight from its row.
    await page.goto(`${server.url}#/role/stripe-backend-engineer`);
    await page
      .getByRole('radio', { name: /^System design/ })
      .first()
      .check();
    await rows
      .nth(2)
      .getByRole('button', { name: /^Practise this one/ })
      .click();
    await page.waitForURL(/#\/practice\//);
    await page.getByRole('button', { name: 'Begin' }).click();
    await expect.poll(() => page.getByTestId('question-progress').textContent()).toBe('Question 1 of 1');
    expect(await page.getByTestId('current-prompt').textContent()).toBe(prompts[2]);
    expect(browser.consoleErrors).toEqual([]);
  });
});
