/**
 * Settings changed one after another, in the UI, never reset each other: the dark theme set in
 * Settings survives ticking "Read questions aloud" in a round (the reported bug), and both survive
 * a reload and a theme change back.
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

  it('the Python runtime: shows the python3 found, says what it runs, and is saved alone', async () => {
    const { page } = browser;
    await page.goto(`${server.url}#/settings`);
    const runtime = page.getByLabel('Python runtime');
    expect(await runtime.inputValue()).toBe('pyodide');
    // This machine has python3 (the integration tests need it too).
    await page.getByTestId('system-python-found').waitFor();
    expect(await page.getByTestId('system-python-found').innerText()).toMatch(/^Found Python 3\.\d+/);
    const help = await page.locator('#python-runtime-help').innerText();
    expect(help).toMatch(/runs only your own code/);
    expect(help).toMatch(/confined less tightly than the built-in Python/);
    expect(help).toMatch(/best-effort/);

    await runtime.selectOption('system');
    await expect.poll(() => runtime.inputValue()).toBe('system');
    await runtime.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-python-runtime');
    await page.getByLabel('Theme').selectOption('dark');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await runtime.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-python-runtime-dark');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.reload();
    await page.getByLabel('Python runtime').waitFor();
    expect(await page.getByLabel('Python runtime').inputValue()).toBe('system');
    expect(await page.getByLabel('Theme').inputValue()).toBe('dark');
    expect(await page.getByLabel('Language for new coding sessions').inputValue()).toBe('python');
    await page.getByLabel('Python runtime').selectOption('pyodide');
    await page.getByLabel('Theme').selectOption('light');
    expect(browser.consoleErrors).toEqual([]);
  });
});
