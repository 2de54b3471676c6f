import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

/** A bundled pack re-identified as a user pack, with or without a planted error. */
function userPack(broken: boolean): string {
  const source = fs.readFileSync(
    path.join(import.meta.dirname, '..', '..', 'content', 'roles', 'frontend-engineer.yaml'),
    'utf8',
  );
  let text = source
    .replace(/\bfe-/g, 'e2e-fe-')
    .replace(/^id: frontend-engineer$/m, 'id: e2e-custom-role')
    .replace(/^title: .*$/m, 'title: My Custom Role');
  if (broken) text = text.replace(/^(\s+)kind: coding$/m, '$1kind: pair_programming');
  return text;
}

describe('role library: search, user packs', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packs-'));

  beforeAll(async () => {
    server = await startServer(makeDataDir());
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('filters roles by search text and round type', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await page.locator('article.role-card').first().waitFor();
    const total = await page.locator('article.role-card').count();
    expect(total).toBeGreaterThanOrEqual(8);
    await page.getByLabel('Search roles').fill('stripe');
    await expect.poll(() => page.locator('article.role-card').count()).toBe(1);
    await page.getByLabel('Search roles').fill('');
    await page.getByLabel('Round type').selectOption('product_sense');
    await expect.poll(() => page.locator('article.role-card').count()).toBeLessThan(total);
    await page.getByLabel('Round type').selectOption('');
  });

  it('shows the errors of a broken pack and keeps the other roles usable', async () => {
    const { page } = browser;
    const file = path.join(dir, 'broken-pack.yaml');
    fs.writeFileSync(file, userPack(true));
    await page.getByTestId('import-pack-input').setInputFiles(file);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('broken-pack.yaml was not imported');
    expect(text).toMatch(/broken-pack\.yaml:\d+ rounds\[0\]\.kind: /);
    expect(await page.locator('article.role-card').count()).toBeGreaterThanOrEqual(8);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'library-import-error');
  });

  it('adds a valid pack to the library', async () => {
    const { page } = browser;
    const file = path.join(dir, 'my-pack.yaml');
    fs.writeFileSync(file, userPack(false));
    await page.getByTestId('import-pack-input').setInputFiles(file);
    await page.getByText('Added "My Custom Role" to your roles.').waitFor();
    const card = page.locator('article.role-card', { hasText: 'My Custom Role' });
    await card.waitFor();
    expect(await card.getByText('Your pack').count()).toBe(1);
    await screenshot(page, 'library-import-ok');
    // Its reference solutions were run in the sandbox after the import; the card shows the result.
    await card.getByText('References pass').waitFor({ timeout: 60_000 });
    await card.getByRole('link', { name: /Open/ }).click();
    await page.getByRole('heading', { name: 'My Custom Role' }).waitFor();
  });

  it('made no request that left 127.0.0.1', () => {
    expect(browser.offsiteRequests).toEqual([]);
  });
});
