import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  makeDataDir,
  openBrowser,
  screenshot,
  startServer,
  type BrowserHandle,
  type ServerHandle,
} from './harness.js';

describe('foundation: the UI over the bridge', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;

  beforeAll(async () => {
    server = await startServer(makeDataDir());
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the role library, opens a role, picks a round', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Choose a role to practice' }).waitFor();
    expect(page.url()).not.toContain('token=');
    const cards = page.locator('article.role-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'foundation-library');

    await cards.first().getByRole('link', { name: /^Open/ }).click();
    await page.getByRole('heading', { name: 'Pick a round' }).waitFor();
    const radios = page.getByRole('radio');
    expect(await radios.count()).toBeGreaterThan(0);
    const last = radios.last();
    await last.check();
    expect(await last.isChecked()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'foundation-role');
  });

  it('shows the data folder and model status in settings, in dark mode too', async () => {
    const { page } = browser;
    await page.goto(`${server.origin}/#/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.getByTestId('data-dir').textContent()).toBe(server.dataDir);
    await page.getByTestId('models-empty').waitFor();
    await page.getByLabel('Theme').selectOption('dark');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'foundation-settings-dark');
    await page.getByLabel('Theme').selectOption('light');
  });

  it('made no request that left 127.0.0.1 and logged no errors', () => {
    expect(browser.offsiteRequests).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});
