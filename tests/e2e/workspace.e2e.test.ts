/**
 * The acceptance journey of the coding workspace, in Chromium against the real core and runner:
 * the Stripe practical-coding round in Python — fail then pass part 1, submit, part 2 appears;
 * an own test; an infinite loop stopped while the app keeps working; finish; per-part
 * feedback; stepping through the snapshots in review. Screenshots in light and dark.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  accessibilityProblems,
  makeDataDir,
  openBrowser,
  ROOT,
  screenshot,
  startServer,
  type BrowserHandle,
  type ServerHandle,
} from './harness.js';

interface PackQuestion {
  id: string;
  exercise?: {
    parts: { reference: { python: string }; functionName?: string }[];
    functionName?: string;
    className?: string;
  };
}
const pack = parse(fs.readFileSync(path.join(ROOT, 'content/roles/stripe-backend-engineer.yaml'), 'utf8')) as {
  rounds: { id: string; questions: PackQuestion[] }[];
};
const questionById = (id: string) => pack.rounds.flatMap((r) => r.questions).find((q) => q.id === id)!;

/** Replaces the editor's text the way a person pasting would. */
async function replaceCode(page: Page, code: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  await page.getByTestId('save-state').filter({ hasText: 'All changes saved' }).waitFor();
}

/** Starts a run with `start` and waits for its result (a new one, not the one on screen). */
async function run(page: Page, start: () => Promise<void>): Promise<string> {
  const before = await page.locator('.ws-results').getAttribute('data-run-at');
  await start();
  await page.locator(`.ws-results[aria-busy="false"]:not([data-run-at="${before}"])`).waitFor({ timeout: 90_000 });
  return (await page.locator('.ws-results-head').textContent()) ?? '';
}

describe('coding workspace: the Stripe practical round in Python', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;
  let dark: BrowserHandle | undefined;

  afterAll(async () => {
    await dark?.close();
    await browser?.close();
    await server?.stop();
  });

  it('solves part 1, sees part 2, writes an own test, survives an infinite loop, finishes and reviews', async () => {
    server = await startServer(makeDataDir());
    browser = await openBrowser();
    const { page } = browser;

    await page.goto(server.url);
    await page.getByRole('link', { name: 'Open Stripe Backend Engineer', exact: true }).click();
    await page.getByRole('radio', { name: /^Practical coding/ }).check();
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.getByRole('button', { name: 'Begin' }).click();
    const workspace = page.getByTestId('workspace');
    await workspace.waitFor();
    const sessionId = decodeURIComponent(new URL(page.url()).hash.replace('#/practice/', ''));
    const question = questionById((await workspace.getAttribute('data-question-id'))!);

    // Choose Python (the default language in Settings is Python; choose it explicitly anyway).
    await page.getByRole('combobox', { name: 'Language' }).selectOption('python');
    await expect.poll(() => page.locator('.code-editor').getAttribute('data-language')).toBe('python');
    expect(await page.locator('.ws-part[open] summary').textContent()).toMatch(/^Part 1/);

    // Keyboard: Tab indents inside the editor, a page shortcut letter is just text there, and
    // Escape then Tab leaves the editor.
    const messagesBefore = await page.locator('.conversation li').count();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Tab');
    await page.keyboard.type('r');
    expect(await page.locator('.cm-line').first().textContent()).toMatch(/^ {4}r/);
    expect(await page.locator('.conversation li').count()).toBe(messagesBefore);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.code-editor') === null)).toBe(true);

    // At 800×600 the workspace stacks into one column and stays usable.
    await page.setViewportSize({ width: 800, height: 600 });
    await screenshot(page, 'workspace-800x600');
    await page.setViewportSize({ width: 1280, height: 860 });

    // The starter code fails the visible tests...
    expect(await run(page, () => page.getByTestId('run-tests').click())).toMatch(/Visible tests · 0\/\d+ passed/);
    await screenshot(page, 'workspace-failing');

    // ...the part 1 solution, typed into the editor, passes them (run from the keyboard).
    await replaceCode(page, question.exercise!.parts[0]!.reference.python);
    const passing = await run(page, () => page.keyboard.press('Control+Enter'));
    const [, passed, total] = /(\d+)\/(\d+) passed/.exec(passing)!;
    expect(passed).toBe(total);

    // Submit: the hidden tests pass and part 2 appears, with the interviewer's question about part 1.
    await page.getByTestId('submit-part').click();
    await page.locator('.ws-part[data-status="passed"]').waitFor({ timeout: 90_000 });
    await expect.poll(() => page.locator('.ws-part[open] summary').textContent()).toMatch(/^Part 2/);
    expect(await page.locator('.conversation').textContent()).toMatch(/Part 2:/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'workspace-part-2');

    // An own test, written in the My tests tab and run.
    const subject =
      question.exercise!.className ?? question.exercise!.parts[0]!.functionName ?? question.exercise!.functionName!;
    await page.getByRole('tab', { name: 'My tests' }).click();
    await replaceCode(
      page,
      `import unittest\nfrom solution import ${subject}\n\n\nclass MyTests(unittest.TestCase):\n    def test_exists(self):\n        self.assertTrue(callable(${subject}))\n`,
    );
    expect(await run(page, () => page.getByTestId('run-my-tests').click())).toMatch(/Your tests · 1\/1 passed/);
    expect(await page.getByTestId('test-result').first().textContent()).toContain('test_exists');

    // An infinite loop: stopped with a clear message, and the app keeps answering meanwhile.
    await page.getByRole('tab', { name: 'Solution' }).click();
    const loop = `def ${subject}(*args, **kwargs):\n    while True:\n        pass\n\nclass ${subject}:\n    def __init__(self, *args):\n        while True:\n            pass\n`;
    await replaceCode(page, loop);
    await run(page, async () => {
      await page.getByTestId('run-tests').click();
      // While the loop runs, the rest of the app answers: the Docs tab opens and searches.
      await page.getByRole('tab', { name: 'Docs' }).click();
      await page.getByRole('searchbox', { name: 'Search the reference' }).fill('deque');
      await expect.poll(() => page.locator('.ws-ref-entry h4').first().textContent()).toMatch(/Queues/);
    });
    expect(await page.locator('.ws-results [role="alert"]').textContent()).toMatch(/did not finish/);
    await page.getByRole('tab', { name: 'Solution' }).click();
    await replaceCode(page, question.exercise!.parts[0]!.reference.python);

    // Dark mode on the same session.
    dark = await openBrowser({ colorScheme: 'dark' });
    await dark.page.goto(`${server.url}#/practice/${encodeURIComponent(sessionId)}`);
    await dark.page.getByTestId('workspace').waitFor();
    await dark.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await accessibilityProblems(dark.page)).toEqual([]);
    await screenshot(dark.page, 'workspace-dark');
    await dark.close();
    dark = undefined;

    // Finish the problem, then the interview: the summary shows per-part results.
    await page.getByTestId('finish-problem').click();
    await page.getByRole('button', { name: 'Finish problem' }).last().click();
    await page.getByRole('button', { name: /Finish interview/ }).click();
    await page.waitForURL(/#\/summary\//);
    const rows = page.getByTestId('part-row');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toMatch(/Passed/);
    expect(await rows.nth(1).textContent()).toMatch(/Not finished/);
    await screenshot(page, 'workspace-summary');

    // Review: step through the snapshots.
    await page.goto(`${server.url}#/history/${encodeURIComponent(sessionId)}`);
    const position = page.getByTestId('snapshot-position');
    await position.waitFor();
    const last = (await position.textContent())!;
    const count = Number(/of (\d+)/.exec(last)![1]);
    expect(count).toBeGreaterThanOrEqual(5);
    const finalCode = await page.getByTestId('snapshot-code').textContent();
    await page.getByRole('button', { name: '← Earlier' }).click();
    await page.getByRole('button', { name: '← Earlier' }).click();
    expect(await position.textContent()).toBe(`Snapshot ${count - 2} of ${count}`);
    await page.getByRole('slider', { name: 'Snapshot' }).fill('0');
    expect(await page.getByTestId('snapshot-caption').textContent()).toMatch(
      /Part 1 .* ran the tests .* 0\/\d+ tests passed/,
    );
    expect(await page.getByTestId('snapshot-code').textContent()).not.toBe(finalCode);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'workspace-review');

    expect(browser.offsiteRequests).toEqual([]);
    expect(browser.consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
    // Python runs load Pyodide; on a busy two-core machine each can take several seconds.
  }, 400_000);
});
