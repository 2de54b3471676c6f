/**
 * The models screen in Chromium against the real core: import the fixture GGUF through the path
 * field and make it active, refuse bad files with their messages, and show a download from a
 * slow local server with progress, pause, resume and the installed result. The test catalog
 * entry comes in through REHEARSAL_CATALOG_FILE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers/fixtures.js';
import { startRangeServer, type RangeServer } from '../helpers/range-server.js';
import {
  accessibilityProblems,
  makeDataDir,
  openBrowser,
  screenshot,
  startServer,
  type BrowserHandle,
  type ServerHandle,
} from './harness.js';

describe('models screen', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;
  let files: RangeServer;
  let gguf: Buffer;
  let ggufPath: string;
  let scratch: string;

  beforeAll(async () => {
    ggufPath = await fixturePath('llama-2-tiny-random.gguf');
    gguf = fs.readFileSync(ggufPath);
    files = await startRangeServer();
    // About 7 seconds for the whole file: long enough to watch, pause and resume.
    // Slow enough (about 20 s) that a loaded machine still sees it running when it presses Pause.
    files.route('/tiny.gguf', { body: gguf, bytesPerTick: 8 * 1024, tickMs: 100 });
    scratch = makeDataDir('rehearsal-e2e-models-scratch-');
    const catalogFile = path.join(scratch, 'catalog.json');
    fs.writeFileSync(
      catalogFile,
      JSON.stringify({
        version: 1,
        models: [
          {
            id: 'e2e-tiny-llama',
            kind: 'llm',
            tier: 'small',
            name: 'Tiny test llama (local server)',
            fileName: 'e2e-tiny-llama.gguf',
            source: files.url('/tiny.gguf'),
            sizeBytes: gguf.length,
            licence: 'MIT',
            memoryBytes: 100_000_000,
            goodFor: 'End-to-end tests: served slowly from 127.0.0.1.',
          },
        ],
      }),
    );
    server = await startServer(makeDataDir(), { REHEARSAL_CATALOG_FILE: catalogFile });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await files?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('is reached from the sidebar and shows the hardware and the catalog', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Models', exact: true }).click();
    await page.getByRole('heading', { name: 'Models', level: 1 }).waitFor();
    expect(page.url()).toMatch(/#\/models$/);
    await page.getByTestId('installed-empty').waitFor();
    await page.getByTestId('hardware').waitFor();
    expect(await page.getByTestId('hardware').textContent()).toMatch(/Processor.*Memory.*Models run on/);
    await page.getByTestId('catalog-e2e-tiny-llama').waitFor();
    expect(await page.locator('.models-card').count()).toBeGreaterThan(5);
    expect(await page.locator('.models-card .chip.accent', { hasText: 'Recommended' }).count()).toBeGreaterThanOrEqual(
      2,
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'models-empty');
    await page.getByTestId('catalog-e2e-tiny-llama').scrollIntoViewIfNeeded();
    await screenshot(page, 'models-catalog');
  });

  it('refuses a text file renamed .gguf and a whisper file as the interviewer, with what to do', async () => {
    const { page } = browser;
    const fake = path.join(scratch, 'notes.gguf');
    fs.writeFileSync(fake, 'My interview notes, not a model.\n');
    await page.getByLabel('Path to the file').fill(fake);
    await page.getByRole('button', { name: 'Import' }).click();
    const error = page.locator('#import-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/notes\.gguf is a text file, not a model.*Pick a \.gguf/);

    await page.getByLabel('Path to the file').fill(await fixturePath('for-tests-ggml-tiny.en.bin'));
    await page.getByLabel('Use it as').selectOption('llm');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.locator('#import-error', { hasText: 'whisper speech-recognition model' }).waitFor();
    await page.locator('#import-error').scrollIntoViewIfNeeded();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'models-import-refused');
  });

  it('imports the fixture GGUF from its path and makes it the active interviewer model', async () => {
    const { page } = browser;
    await page.getByLabel('Path to the file').fill(ggufPath);
    await page.getByLabel('Use it as').selectOption('llm');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Imported llama-2-tiny-random.gguf.').waitFor();
    expect(await page.locator('#import-error').count()).toBe(0);
    const installed = page.getByTestId('installed-model');
    await installed.first().waitFor();
    expect(await installed.count()).toBe(1);

    // Choosing "None" and then the model again goes through setActive both ways.
    const select = page.getByLabel('Interviewer model');
    await select.selectOption('');
    await page.waitForFunction(() => !document.querySelector('.models-installed .chip.good'));
    const modelPath = path.join(server.dataDir, 'models', 'llama-2-tiny-random.gguf');
    await select.selectOption(modelPath);
    await installed.first().locator('.chip.good', { hasText: 'In use' }).waitFor();
    expect(await select.inputValue()).toBe(modelPath);

    // The choice is stored in settings, where the LLM interviewer reads it.
    await page.goto(`${server.origin}/#/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByRole('link', { name: 'Manage models' }).click();
    await page.getByRole('heading', { name: 'Models', level: 1 }).waitFor();
    expect(await page.getByLabel('Interviewer model').inputValue()).toBe(modelPath);
    await screenshot(page, 'models-imported');
  });

  it('downloads a catalog model from a slow local server with progress, pause and resume', async () => {
    const { page } = browser;
    const card = page.getByTestId('catalog-e2e-tiny-llama');
    await card.getByRole('button', { name: /^Download/ }).click();
    const download = card.getByTestId('download-e2e-tiny-llama');
    await download.waitFor();
    // Progress figures arrive as events: bytes of total, speed, time left.
    await card
      .getByTestId('download-figures')
      .filter({ hasText: /KB of 1\.8 MB · .*\/s · / })
      .waitFor();
    expect(await card.getByRole('progressbar', { name: /Download of Tiny test llama/ }).count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'models-downloading');

    await card.getByRole('button', { name: 'Pause' }).click();
    await page.locator('[data-testid="download-e2e-tiny-llama"][data-state="paused"]').waitFor();
    expect(await card.getByTestId('download-figures').textContent()).toMatch(/^Paused/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'models-paused');

    files.route('/tiny.gguf', { body: gguf, bytesPerTick: 256 * 1024, tickMs: 50 });
    await card.getByRole('button', { name: 'Resume' }).click();
    await card.locator('.chip.good', { hasText: 'Installed' }).waitFor();
    await page.getByText('Tiny test llama (local server) is downloaded, checked and ready.').waitFor();
    const names = await page.getByTestId('installed-model').locator('strong').allTextContents();
    expect(names).toEqual(['Tiny test llama (local server)', 'llama-2-tiny-random.gguf']);
    expect(fs.readFileSync(path.join(server.dataDir, 'models', 'e2e-tiny-llama.gguf')).equals(gguf)).toBe(true);
    const requests = files.requests.filter((r) => r.path === '/tiny.gguf');
    expect(requests.some((r) => r.range?.startsWith('bytes=0-'))).toBe(true);
  });

  it('reads well in dark mode', async () => {
    const { page } = browser;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.getByTestId('hardware').waitFor();
    await page.getByTestId('catalog-e2e-tiny-llama').locator('.chip.good', { hasText: 'Installed' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'models-dark');
    await page.getByTestId('catalog-e2e-tiny-llama').scrollIntoViewIfNeeded();
    await screenshot(page, 'models-dark-catalog');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('made no request that left 127.0.0.1 and logged no errors', () => {
    expect(browser.offsiteRequests).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});
