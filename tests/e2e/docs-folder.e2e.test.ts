/**
 * The Docs tab's local documentation folder, in Chromium against the real core: a wrong path and
 * then a real folder set in Settings, a coding question opened, a word from a local file found
 * in the Docs tab and the file opened, all from the keyboard. HTML from disk is shown as text.
 * Screenshots of Settings and the Docs tab in light and dark, at 1366×900 and 800×600.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
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

const LARGE = { width: 1366, height: 900 };
const SMALL = { width: 800, height: 600 };

function docsFolder(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearsal-docs-'));
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  };
  write(
    'python/heapq.md',
    '# heapq — heap queue\n\nA min-heap on a plain list.\n\n## Pushing\n\nUse `heappush(heap, item)`; the smallest item is `heap[0]`.\n\n' +
      '## Popping\n\n`heappop(heap)` removes the smallest. Ties are broken by the next tuple field (the quokkasort trick).\n\n' +
      '## Complexity\n\n- push: O(log n)\n- pop: O(log n)\n',
  );
  write('python/notes.txt', 'Loose notes\nbisect keeps a sorted list sorted.');
  write(
    'web/hmac.html',
    '<html><head><title>HMAC digests</title><script>document.title = "pwned"</script></head>' +
      '<body><h1>Comparing digests</h1><p>Use <b>compare_digest</b> against timing attacks.</p>' +
      '<img src="x" onerror="document.title=\'pwned\'"></body></html>',
  );
  return root;
}

async function openSettings(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#/settings`);
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
}

describe('Docs tab: a local documentation folder', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;
  let dark: BrowserHandle | undefined;
  const folder = docsFolder();

  afterAll(async () => {
    await dark?.close();
    await browser?.close();
    await server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('is set in Settings, searched from the Docs tab with the keyboard, and opened as text', async () => {
    server = await startServer(makeDataDir());
    browser = await openBrowser();
    const { page } = browser;
    await page.setViewportSize(LARGE);

    // A folder that does not exist says so; then the real one is indexed.
    await openSettings(page, server.url);
    const field = page.getByRole('textbox', { name: 'Documentation folder' });
    await field.fill(path.join(folder, 'missing'));
    await field.press('Enter');
    const status = page.getByTestId('docs-folder-status');
    await expect.poll(() => status.textContent()).toMatch(/does not exist/);
    await field.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'docs-folder-settings-missing');
    await field.fill(path.join(folder, 'python', 'notes.txt'));
    await page.getByRole('button', { name: 'Save folder' }).click();
    await expect.poll(() => status.textContent()).toMatch(/is a file, not a folder/);
    await field.fill(folder);
    await page.getByRole('button', { name: 'Save folder' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^3 documents indexed/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await field.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'docs-folder-settings');
    await page.setViewportSize(SMALL);
    await field.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'docs-folder-settings-800x600');
    await page.setViewportSize(LARGE);

    // A coding question, its Docs tab, a search typed and picked with the keyboard.
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Open Stripe Backend Engineer', exact: true }).click();
    await page.getByRole('radio', { name: /^Practical coding/ }).check();
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.getByRole('button', { name: 'Begin' }).click();
    await page.getByTestId('workspace').waitFor();
    const sessionId = decodeURIComponent(new URL(page.url()).hash.replace('#/practice/', ''));
    await page.getByRole('tab', { name: 'Docs' }).click();
    const search = page.getByRole('combobox', { name: 'Search your documentation' });
    await search.focus();
    await page.keyboard.type('smallest');
    const options = page.getByRole('listbox', { name: 'Matching documents' }).getByRole('option');
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.first().textContent()).toContain('heapq — heap queue');
    expect(await options.first().locator('mark').first().textContent()).toBe('smallest');
    await search.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'docs-folder-results');

    // Two matches: the arrow keys move the pick, Enter opens it.
    await search.fill('sorted heap');
    await expect.poll(() => options.count()).toBe(0);
    await search.fill('bisect');
    await expect.poll(() => options.first().textContent()).toContain('Loose notes');
    await search.fill('smallest item');
    await expect.poll(() => options.first().textContent()).toContain('python/heapq.md');
    await search.fill('digests');
    await expect.poll(() => options.first().textContent()).toContain('HMAC digests');
    await search.fill('o');
    await expect.poll(() => options.count()).toBe(3);
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await options.nth(2).getAttribute('aria-selected')).toBe('true');

    await search.fill('quokkasort');
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringContaining('quokkasort')]);
    await page.keyboard.press('Enter');
    const doc = page.getByRole('article', { name: 'heapq — heap queue' });
    await doc.waitFor();
    expect(await doc.getByRole('heading', { name: 'Popping' }).isVisible()).toBe(true);
    expect(await doc.textContent()).toContain('the quokkasort trick');
    const contents = doc.getByRole('navigation', { name: 'Headings in this document' });
    expect(await contents.getByRole('link').allTextContents()).toEqual([
      'heapq — heap queue',
      'Pushing',
      'Popping',
      'Complexity',
    ]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'docs-folder-open');
    await page.setViewportSize(SMALL);
    await screenshot(page, 'docs-folder-open-800x600');
    await page.setViewportSize(LARGE);

    // Escape goes back to the results, with the search box focused.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');

    // HTML from disk is text: its script and image never run, its tags never show.
    await search.fill('timing attacks');
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringContaining('HMAC digests')]);
    await page.keyboard.press('Enter');
    const html = page.getByRole('article', { name: 'HMAC digests' });
    await html.waitFor();
    expect(await html.getByRole('heading', { name: 'Comparing digests' }).isVisible()).toBe(true);
    expect(await html.textContent()).not.toMatch(/<|pwned|onerror/);
    expect(await html.locator('img, script').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    await page.keyboard.press('Escape');
    await search.fill('smallest');
    await expect.poll(() => options.count()).toBe(1);

    // Dark, at both sizes: the results and an open document.
    dark = await openBrowser({ colorScheme: 'dark' });
    await dark.page.setViewportSize(LARGE);
    await dark.page.goto(`${server.url}#/practice/${encodeURIComponent(sessionId)}`);
    await dark.page.getByTestId('workspace').waitFor();
    await dark.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await dark.page.getByRole('tab', { name: 'Docs' }).click();
    const darkSearch = dark.page.getByRole('combobox', { name: 'Search your documentation' });
    await darkSearch.fill('heap');
    const darkOptions = dark.page.getByRole('listbox', { name: 'Matching documents' }).getByRole('option');
    await expect.poll(() => darkOptions.count()).toBe(1);
    await darkSearch.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    expect(await accessibilityProblems(dark.page)).toEqual([]);
    await screenshot(dark.page, 'docs-folder-results-dark');
    await dark.page.setViewportSize(SMALL);
    await darkSearch.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(dark.page, 'docs-folder-results-800x600-dark');
    await darkOptions.first().click();
    await dark.page.getByRole('article', { name: 'heapq — heap queue' }).waitFor();
    await screenshot(dark.page, 'docs-folder-open-800x600-dark');
    await openSettings(dark.page, server.url);
    await dark.page.getByTestId('docs-folder-status').waitFor();
    await dark.page.getByTestId('docs-folder-status').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(dark.page, 'docs-folder-settings-800x600-dark');
    await dark.page.setViewportSize(LARGE);
    await screenshot(dark.page, 'docs-folder-settings-dark');

    // Removing the folder leaves a pointer to Settings in the Docs tab.
    await openSettings(page, server.url);
    await page.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => field.inputValue()).toBe('');
    await page.goto(`${server.url}#/practice/${encodeURIComponent(sessionId)}`);
    await page.getByRole('tab', { name: 'Docs' }).click();
    await page.getByTestId('docs-folder-none').waitFor();

    expect(browser.offsiteRequests).toEqual([]);
    expect(browser.consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
  }, 240_000);
});
