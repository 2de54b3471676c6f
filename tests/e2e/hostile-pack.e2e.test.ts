/**
 * A hostile role pack dropped into the data folder's roles/: the library lists it as "references
 * not checked", nothing of it runs on load, the rest of the library works, and checking it runs
 * its code only in the sandbox (where the escape fails) and shows the result on its card.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  accessibilityProblems,
  makeDataDir,
  openBrowser,
  screenshot,
  startServer,
  type BrowserHandle,
  type ServerHandle,
} from './harness.js';

interface PackShape {
  id: string;
  title: string;
  rounds: { id: string; questions: { id: string; coding?: { reference: { javascript: string } } }[] }[];
}

/** The bundled frontend pack under new ids, its first reference solution replaced by an escape attempt. */
function hostilePack(marker: string): string {
  const source = fs.readFileSync(
    path.join(import.meta.dirname, '..', '..', 'content', 'roles', 'frontend-engineer.yaml'),
    'utf8',
  );
  const pack = parse(source) as PackShape;
  pack.id = 'shared-pack';
  pack.title = 'Shared Pack From A Forum';
  for (const round of pack.rounds) {
    round.id = `shared-${round.id}`;
    for (const q of round.questions) q.id = `shared-${q.id}`;
  }
  const coding = pack.rounds.flatMap((r) => r.questions).find((q) => q.coding)!.coding!;
  coding.reference.javascript = [
    "const p = this.constructor.constructor('return process')();",
    `p.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned');`,
    `p.mainModule.require('child_process').execSync('id > ${marker}.id');`,
    coding.reference.javascript,
  ].join('\n');
  return stringify(pack, { lineWidth: 0 });
}

describe('a hostile pack in roles/', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;
  let marker: string;

  beforeAll(async () => {
    const dataDir = makeDataDir();
    marker = path.join(dataDir, 'pwned.txt');
    fs.mkdirSync(path.join(dataDir, 'roles'));
    fs.writeFileSync(path.join(dataDir, 'roles', 'shared-pack.yaml'), hostilePack(marker));
    server = await startServer(dataDir);
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is listed as "references not checked" and nothing runs on load', async () => {
    const { page } = browser;
    await page.goto(server.url);
    const card = page.locator('article.role-card', { hasText: 'Shared Pack From A Forum' });
    await card.waitFor();
    await expect.poll(() => card.getByText('References not checked').count()).toBe(1);
    expect(await page.locator('article.role-card').count()).toBeGreaterThanOrEqual(9);
    // Bundled packs carry no reference line: the project's tests check them.
    const stripe = page.locator('article.role-card', { hasText: 'Stripe' });
    expect(await stripe.locator('.reference-check').count()).toBe(0);
    expect(fs.existsSync(marker)).toBe(false);
    expect(await accessibilityProblems(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'library-hostile-pack-not-checked');
  });

  it('the rest of the library works: search and open another role', async () => {
    const { page } = browser;
    await page.getByLabel('Search roles').fill('stripe');
    await expect.poll(() => page.locator('article.role-card').count()).toBe(1);
    await page.locator('article.role-card').getByRole('link', { name: /Open/ }).click();
    await page
      .getByRole('heading', { name: /Backend Engineer/ })
      .first()
      .waitFor();
    await page.goBack();
    await page.getByLabel('Search roles').fill('');
    await page.locator('article.role-card', { hasText: 'Shared Pack From A Forum' }).waitFor();
  });

  it('"Check references" runs it in the sandbox: the escape fails and the card says so', async () => {
    const { page } = browser;
    const card = page.locator('article.role-card', { hasText: 'Shared Pack From A Forum' });
    await card.getByRole('button', { name: 'Check references for Shared Pack From A Forum' }).click();
    const failing = card.getByText(/1 of \d+ failing/);
    await failing.waitFor({ timeout: 60_000 });
    await failing.click();
    await card.getByText(/Code generation from strings disallowed/).waitFor();
    expect(fs.existsSync(marker)).toBe(false);
    expect(fs.existsSync(`${marker}.id`)).toBe(false);
    expect(await accessibilityProblems(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'library-hostile-pack-checked');
  });

  it('reads well in dark mode too', async () => {
    const dark = await openBrowser({ colorScheme: 'dark' });
    try {
      await dark.page.goto(server.url);
      await dark.page.getByLabel('Search roles').fill('forum');
      const card = dark.page.locator('article.role-card', { hasText: 'Shared Pack From A Forum' });
      await card.getByText(/1 of \d+ failing/).click();
      await card.getByText(/Code generation from strings disallowed/).waitFor();
      expect(await accessibilityProblems(dark.page)).toEqual([]);
      await screenshot(dark.page, 'library-hostile-pack-dark');
    } finally {
      await dark.close();
    }
  });

  it('made no request that left 127.0.0.1 and logged no page errors', () => {
    expect(browser.offsiteRequests).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});
