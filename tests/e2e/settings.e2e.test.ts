/**
 * Settings changed one after another, in the UI, never reset each other: the dark theme set in
 * Settings survives ticking "Read questions aloud" in a round (the reported bug), and both survive
 * a reload and a theme change back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataDir, openBrowser, startServer, type BrowserHandle, type ServerHandle } from './harness.js';

describe('settings in sequence, through the UI', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('each change leaves the others as they were', async () => {
    server = await startServer(makeDataDir());
    browser = await openBrowser();
    const { page } = browser;
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);

    await page.goto(`${server.url}#/settings`);
    await page.getByLabel('Theme').selectOption('dark');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');

    await page.goto(`${server.url}#/role/frontend-engineer`);
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.getByRole('button', { name: 'Begin' }).waitFor();
    const readAloud = page.getByRole('checkbox', { name: 'Read questions aloud' });
    await readAloud.check();
    await expect.poll(() => readAloud.isChecked()).toBe(true);
    expect(await theme()).toBe('dark');

    await page.reload();
    await page.getByRole('checkbox', { name: 'Read questions aloud' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Read questions aloud' }).isChecked()).toBe(true);
    expect(await theme()).toBe('dark');

    await page.goto(`${server.url}#/settings`);
    expect(await page.getByLabel('Theme').inputValue()).toBe('dark');
    await page.getByLabel('Theme').selectOption('light');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await page.goto(`${server.url}#/role/frontend-engineer`);
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.getByRole('button', { name: 'Begin' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Read questions aloud' }).isChecked()).toBe(true);
    expect(browser.consoleErrors).toEqual([]);
  });
});
