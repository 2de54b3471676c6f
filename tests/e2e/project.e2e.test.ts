/**
 * The acceptance journeys of the project workspace, in Chromium against the real core, runner
 * and mock API. Bug bash (coinage, JavaScript): run the tests from the keyboard, read a failing
 * trace and jump to its file and line, search across files, go to a line; undo per file; delete,
 * add and reset files from the keyboard; fix both bugs, see the tests pass and the interviewer ask
 * for the root cause, explain it, finish, see the judged feedback; review the steps in History and
 * find the code by History search. Integration: the API's address in the brief, code that calls
 * it and handles 429s, each part's hidden runs with faults passing through the webhooks part.
 * Screenshots at 1366×900 and 800×600, light and dark.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { BugBash, Integration } from '../../content/schema/workspace-exercise.js';
import { referenceFiles } from '../../main/core/runner/suites/patch.js';
import { DEBUG_PROMPTS } from '../../main/core/workspace-rounds/debug-triggers.js';
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
  bugBash?: BugBash;
  integration?: Integration;
}
const pack = parse(fs.readFileSync(path.join(ROOT, 'content/roles/stripe-backend-engineer.yaml'), 'utf8')) as {
  rounds: { id: string; questions: PackQuestion[] }[];
};
/** A repro test the candidate adds (with a word of its own for History search); it passes. */
function reproTest(language: string): { file: string; text: string } {
  return language === 'python'
    ? {
        file: 'tests/test_repro.py',
        text: 'import unittest\n\n# zebracrossing: the receipt from the report, kept as a note.\n\n\nclass TestRepro(unittest.TestCase):\n    def test_report_reproduces(self):\n        self.assertTrue(True)\n',
      }
    : {
        file: 'test/repro.test.js',
        text: "import test from 'node:test';\n\n// zebracrossing: the receipt from the report, kept as a note.\ntest('the report reproduces', () => {});\n",
      };
}
const questionById = (id: string) => pack.rounds.flatMap((r) => r.questions).find((q) => q.id === id)!;

/** Opens a file from the Files panel (by keyboard: focus its entry, press Enter). */
async function openFromTree(page: Page, file: string): Promise<void> {
  await page.getByRole('tab', { name: 'Files', exact: true }).click();
  await page.locator(`.pj-file[data-path="${file}"]`).focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.locator('.pj-tab[data-active] button').first().textContent())
    .toContain(file.split('/').at(-1)!);
}

/** Replaces the open file's text the way a person pasting would, and waits for the autosave. */
async function replaceText(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.getByTestId('pj-save-state').filter({ hasText: 'All changes saved' }).waitFor();
}

/** Runs the tests with Ctrl+Enter from inside the editor and waits for a new result. */
async function runTests(page: Page): Promise<string> {
  const status = page.getByTestId('pj-run-status');
  const before = await status.textContent();
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Enter');
  await page.locator('.pj-output[aria-busy="true"]').waitFor();
  await page.locator('.pj-output[aria-busy="false"]').waitFor({ timeout: 90_000 });
  const after = (await status.textContent()) ?? '';
  expect(after).not.toBe(before);
  return after;
}

/** Adds a line at the end of the open file (one edit, one undo step) and waits for the autosave. */
async function appendLine(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(`\n${text}`);
  await page.getByTestId('pj-save-state').filter({ hasText: 'All changes saved' }).waitFor();
}

/** Presses a button from the keyboard, then confirms with Enter (the confirm button takes the focus). */
async function pressAndConfirm(page: Page, button: string, confirmation: RegExp): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).focus();
  await page.keyboard.press('Enter');
  const group = page.getByRole('group', { name: 'Confirm' });
  expect(await group.textContent()).toMatch(confirmation);
  await page.keyboard.press('Enter');
  await group.waitFor({ state: 'detached' });
}

/** The end of the open file as the editor shows it (long files render only what is in view). */
async function endText(page: Page): Promise<string | null> {
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+End');
  return page.locator('.cm-content').textContent();
}
const fileEntry = (page: Page, file: string) => page.locator(`.pj-file[data-path="${file}"]`);

const activeLine = (page: Page) => page.locator('.cm-activeLineGutter').first().textContent();
const conversation = (page: Page) => page.locator('.conversation').textContent();

async function start(page: Page, url: string, round: RegExp): Promise<void> {
  await page.goto(url);
  await page.getByRole('link', { name: 'Open Stripe Backend Engineer', exact: true }).click();
  await page.getByRole('radio', { name: round }).check();
  await page.getByRole('button', { name: 'Start practice' }).click();
  await page.getByRole('button', { name: 'Begin' }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('project').waitFor();
}

describe('project workspace', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;
  let dark: BrowserHandle | undefined;

  afterAll(async () => {
    await dark?.close();
    await browser?.close();
    await server?.stop();
  });

  it('bug bash: reproduce, read the trace, jump, search, fix, see green, explain, finish, feedback', async () => {
    server = await startServer(makeDataDir());
    browser = await openBrowser();
    const { page } = browser;
    await page.setViewportSize({ width: 1366, height: 900 });
    await start(page, server.url, /^Bug bash/);
    const sessionId = decodeURIComponent(new URL(page.url()).hash.replace('#/practice/', ''));
    expect(await page.getByTestId('project').getAttribute('data-kind')).toBe('bug_bash');

    // Which codebase the round picked, and its reference fix.
    const id = await page.getByTestId('project').getAttribute('data-question-id');
    expect(id).toMatch(/^stripe-be-bugbash-/);
    const spec = questionById(id!).bugBash!;
    const fixed = referenceFiles(spec.files, spec.reference);
    const fixedFiles = Object.keys(fixed).filter((p) => fixed[p] !== spec.files[p] && !/readme/i.test(p));

    // Reproduce: run the tests from the keyboard before changing anything; some fail.
    expect(await runTests(page)).toMatch(/Some tests failed/);
    await expect.poll(() => conversation(page)).toContain(DEBUG_PROMPTS.hypothesis);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'project-bugbash-failing-1366x900');

    // Read a failing trace and jump to where it failed (keyboard: focus the link, Enter).
    const failure = page.getByTestId('pj-failure').first();
    expect(await failure.locator('.pj-error').textContent()).not.toBe('');
    const place = failure.locator('.ws-result-line .link-button');
    const [file, line] = ((await place.textContent()) ?? '').split(':');
    await place.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.pj-tab[data-active] button').first().textContent())
      .toContain(file!.split('/').at(-1)!);
    await expect.poll(() => activeLine(page)).toBe(line);

    // Search across files (Ctrl+Shift+F) and open a hit; go to a line (Ctrl+G).
    const fixFile = fixedFiles[0]!;
    const needle = spec.files[fixFile]!.split('\n')
      .find((l) => /\w{6,}/.test(l) && l.trim().length > 12)!
      .trim();
    await page.keyboard.press('Control+Shift+F');
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type))
      .toBe('search');
    await page.keyboard.type(needle.slice(0, 30));
    const hit = page.locator(`.pj-hit:has(.pj-hit-place:text-matches("^${fixFile.replace(/[.]/g, '\\.')}:"))`).first();
    const hitLine = ((await hit.locator('.pj-hit-place').textContent()) ?? '').split(':')[1];
    await hit.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => activeLine(page)).toBe(hitLine);
    await page.keyboard.press('Control+g');
    await page.locator('.cm-panel input').waitFor();
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect.poll(() => activeLine(page)).toBe('3');

    // Undo is per file: an edit in A, an edit in B, back in A Ctrl+Z undoes A's edit only.
    // The round picks one of the pack's codebases (JavaScript or Python).
    const python = spec.language === 'python';
    const ext = python ? '.py' : '.js';
    const comment = python ? '#' : '//';
    const repro = reproTest(spec.language);
    const other = Object.keys(spec.files).find(
      (p) => p.endsWith(ext) && !p.endsWith('__init__.py') && !fixedFiles.includes(p),
    )!;
    await openFromTree(page, fixFile);
    await appendLine(page, `${comment} undo check in A`);
    await openFromTree(page, other);
    await appendLine(page, `${comment} undo check in B`);
    await openFromTree(page, fixFile);
    expect(await endText(page)).toContain('undo check in A');
    await page.keyboard.press('Control+z');
    await expect.poll(() => endText(page)).not.toContain('undo check in A');
    await openFromTree(page, other);
    expect(await endText(page)).toContain('undo check in B');
    await page.keyboard.press('Control+z');
    await expect.poll(() => endText(page)).not.toContain('undo check in B');
    await page.getByTestId('pj-save-state').filter({ hasText: 'All changes saved' }).waitFor();

    // Delete a starting file and change another (keyboard, with confirmations), then reset to the
    // start: the deleted file is back and the change is gone.
    await pressAndConfirm(page, 'Delete file', new RegExp(`Delete ${other.replace(/[.]/g, '\\.')}\\?`));
    await expect.poll(() => fileEntry(page, other).count()).toBe(0);
    await openFromTree(page, fixFile);
    await appendLine(page, `${comment} thrown away by the reset`);
    await pressAndConfirm(page, 'Reset to start', /Put every file back to the start\?/);
    await expect.poll(() => fileEntry(page, other).count()).toBe(1);
    await page.getByRole('tab', { name: 'Files', exact: true }).click();
    expect(await page.locator('.pj-file .pj-mark.pj-changed').count()).toBe(0);
    await openFromTree(page, fixFile);
    expect(await endText(page)).not.toContain('thrown away by the reset');

    // Add files from the keyboard: a scratch file (deleted again) and a repro test that stays.
    const addFile = async (file: string) => {
      await page.getByRole('tab', { name: 'Files', exact: true }).click();
      await page.getByRole('button', { name: 'New file', exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.keyboard.type(file);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.locator('.pj-tab[data-active] button').first().textContent())
        .toContain(file.split('/').at(-1)!);
      expect(await fileEntry(page, file).locator('.pj-added').count()).toBe(1);
    };
    await addFile(`scratch${ext}`);
    await appendLine(page, `${comment} scratch`);
    await pressAndConfirm(page, 'Delete file', new RegExp(`Delete scratch\\${ext}\\?`));
    await expect.poll(() => fileEntry(page, `scratch${ext}`).count()).toBe(0);
    await addFile(repro.file);
    await replaceText(page, repro.text);
    await screenshot(page, 'project-bugbash-files-1366x900');

    // 800×600: the panels stack and stay usable.
    await page.setViewportSize({ width: 800, height: 600 });
    await screenshot(page, 'project-bugbash-800x600');
    await page.setViewportSize({ width: 1366, height: 900 });

    // Fix every bugged file (the reference fix, typed in), run again: green, and the interviewer
    // asks for the root cause.
    for (const f of fixedFiles) {
      await openFromTree(page, f);
      await replaceText(page, fixed[f]!);
    }
    expect(await runTests(page)).toMatch(/All tests passed/);
    await expect.poll(() => conversation(page)).toContain(DEBUG_PROMPTS.root_cause);
    await page.getByRole('tab', { name: 'Files', exact: true }).click();
    expect(await page.locator(`.pj-file[data-path="${fixFile}"] .pj-changed`).count()).toBe(1);
    await screenshot(page, 'project-bugbash-passing-1366x900');

    // Explain the cause out loud (typed here), then finish the codebase and the interview.
    await page.getByRole('button', { name: 'Start answer' }).click();
    const box = page.getByLabel('Your answer');
    await box.fill(
      'The root cause was floating point: the amount was multiplied as a float and truncated, so 4.35 became 434 cents. I reproduced it with the failing test first, then built the cents from the digits. The split rounded each share on its own, so the shares no longer added up; now the leftover cents go to the largest remainders.',
    );
    await box.press('Control+Enter');
    await page.locator('.practice[data-phase="question"], .practice[data-phase="answering"]').first().waitFor();

    // Dark mode on the same session, at both sizes.
    dark = await openBrowser({ colorScheme: 'dark' });
    await dark.page.setViewportSize({ width: 1366, height: 900 });
    await dark.page.goto(`${server.url}#/practice/${encodeURIComponent(sessionId)}`);
    await dark.page.getByTestId('project').waitFor();
    await dark.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await accessibilityProblems(dark.page)).toEqual([]);
    await screenshot(dark.page, 'project-bugbash-dark-1366x900');
    await dark.page.setViewportSize({ width: 800, height: 600 });
    await screenshot(dark.page, 'project-bugbash-dark-800x600');
    await dark.close();
    dark = undefined;

    await page.getByTestId('pj-finish').click();
    await page.getByRole('button', { name: 'Finish', exact: true }).click();
    await page.getByRole('button', { name: /Finish interview/ }).click();
    await page.waitForURL(/#\/summary\//);
    const card = page.getByTestId('pj-feedback');
    await card.waitFor({ timeout: 120_000 });
    expect(await card.locator('h2').textContent()).toBe(`${spec.bugs.length} of ${spec.bugs.length} bugs fixed`);
    expect(await card.textContent()).toMatch(/Reproduced before changing code/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'project-bugbash-summary');

    // History: the session page steps through the kept files with each step's changes and
    // test counts, and shows the final files.
    await page.goto(`${server.url}#/history/${encodeURIComponent(sessionId)}`);
    const review = page.getByTestId('project-review');
    await review.waitFor();
    // The judged results are on the session's page too, not only on the summary after the round.
    const judged = page.getByTestId('pj-feedback');
    await judged.waitFor({ timeout: 60_000 });
    expect(await judged.locator('h2').textContent()).toBe(`${spec.bugs.length} of ${spec.bugs.length} bugs fixed`);
    await judged.scrollIntoViewIfNeeded();
    await screenshot(page, 'project-history-feedback-1366x900');
    const position = page.getByTestId('pr-position');
    const count = Number(/of (\d+)/.exec((await position.textContent())!)![1]);
    // The first run, the reset, the run after the fix, the finish.
    expect(count).toBe(4);
    expect(await page.getByTestId('pr-caption').textContent()).toMatch(/finished/);
    await page.getByRole('slider', { name: 'Step' }).focus();
    await page.keyboard.press('ArrowLeft');
    expect(await position.textContent()).toBe(`Step 3 of 4`);
    expect(await page.getByTestId('pr-caption').textContent()).toMatch(/ran the tests/);
    const counts = await page.getByTestId('pr-caption').locator('.chip').allTextContents();
    expect(counts).toHaveLength(2);
    expect(counts[0]).toMatch(/^[1-9]\d* passed$/);
    expect(counts[1]).toBe('0 failed');
    const changedHere = await page
      .getByTestId('pr-file')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-path')));
    expect(changedHere.sort()).toEqual([...fixedFiles, repro.file].sort());
    const fixDiff = page.locator(`[data-testid="pr-file"][data-path="${fixFile}"]`);
    expect(await fixDiff.locator('.pr-line.pr-added').count()).toBeGreaterThan(0);
    await page.keyboard.press('Home');
    expect(await position.textContent()).toBe(`Step 1 of 4`);
    expect(await page.getByTestId('pr-caption').textContent()).toMatch(/ran the tests.*[1-9]\d* failed/);
    expect(await review.textContent()).toMatch(/No files changed since the start/);
    // Step 3 (after the reset) is compared with the starting files, and says so.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await review.textContent()).toMatch(/files? changed since the reset \(the starting files\)/);
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByTestId('pr-caption').textContent()).toMatch(/reset the files to the start/);
    await review.locator('select').selectOption(fixFile);
    expect(await page.getByTestId('pr-final').textContent()).toBe(fixed[fixFile]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByTestId('pr-final').scrollIntoViewIfNeeded();
    await screenshot(page, 'project-history-final-files-1366x900');
    await page.getByRole('slider', { name: 'Step' }).focus();
    await review.scrollIntoViewIfNeeded();
    await screenshot(page, 'project-history-review-1366x900');
    await page.setViewportSize({ width: 800, height: 600 });
    await screenshot(page, 'project-history-review-800x600');
    await judged.scrollIntoViewIfNeeded();
    await screenshot(page, 'project-history-feedback-800x600');
    dark = await openBrowser({ colorScheme: 'dark' });
    await dark.page.setViewportSize({ width: 1366, height: 900 });
    await dark.page.goto(`${server.url}#/history/${encodeURIComponent(sessionId)}`);
    await dark.page.getByTestId('project-review').waitFor();
    await dark.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await dark.page.getByRole('slider', { name: 'Step' }).fill('2');
    expect(await accessibilityProblems(dark.page)).toEqual([]);
    await screenshot(dark.page, 'project-history-review-dark-1366x900');
    await dark.page.setViewportSize({ width: 800, height: 600 });
    await screenshot(dark.page, 'project-history-review-dark-800x600');
    const judgedDark = dark.page.getByTestId('pj-feedback');
    await judgedDark.waitFor({ timeout: 60_000 });
    await judgedDark.scrollIntoViewIfNeeded();
    await screenshot(dark.page, 'project-history-feedback-dark-800x600');
    await dark.page.setViewportSize({ width: 1366, height: 900 });
    await judgedDark.scrollIntoViewIfNeeded();
    await screenshot(dark.page, 'project-history-feedback-dark-1366x900');
    await dark.close();
    dark = undefined;
    await page.setViewportSize({ width: 1366, height: 900 });

    // History search finds the code the candidate wrote.
    await page.goto(`${server.url}#/history?q=zebracrossing`);
    const codeHit = page.getByTestId('search-hit').filter({ hasText: 'Your code' });
    await codeHit.first().waitFor();
    expect(await codeHit.count()).toBe(1);
    expect(await codeHit.locator('mark').first().textContent()).toMatch(/zebracrossing/i);
    await codeHit.first().focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('project-review').waitFor();

    expect(browser.offsiteRequests).toEqual([]);
    expect(browser.consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
  }, 400_000);

  it('integration: the API in the brief, code that handles 429s, a part passing its runs with faults', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1366, height: 900 });
    await start(page, server.url, /^API integration/);
    expect(await page.getByTestId('project').getAttribute('data-kind')).toBe('integration');
    const brief = (await page.locator('.pj-brief').textContent()) ?? '';
    expect(brief).toMatch(/Part 1 of \d+/);
    expect(brief).toMatch(/http:\/\/127\.0\.0\.1:\d+\/v1/);
    const id = ['stripe-be-integration-ledger-sync', 'stripe-be-integration-billing-run'].find((q) =>
      brief.includes(questionById(q).integration!.parts[0]!.title),
    )!;
    const spec = questionById(id).integration!;
    const solved = referenceFiles(spec.files, spec.reference);

    // The starting code does not survive a burst of 429s: the part's check fails.
    await page.getByTestId('pj-submit-part').click();
    const check = page.getByTestId('pj-check');
    await check.waitFor({ timeout: 180_000 });
    expect(await check.locator('h3').textContent()).toMatch(/Part 1 check: not yet/);
    await screenshot(page, 'project-integration-check-failing-1366x900');

    // Code that calls the API, follows the cursor and waits out Retry-After, typed in.
    for (const f of Object.keys(spec.reference.files ?? {})) {
      await openFromTree(page, f);
      await replaceText(page, solved[f]!);
    }
    await runTests(page);
    await page.keyboard.press('Control+Alt+Enter');
    await expect
      .poll(() => page.getByTestId('pj-check').locator('h3').textContent(), { timeout: 180_000 })
      .toMatch(/Part 1 check: passed/);
    expect(await page.getByTestId('pj-check').textContent()).toMatch(/429/);
    // The new part's statement is shown in the Brief panel.
    expect(await page.getByRole('tab', { name: 'Brief', exact: true }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('.pj-brief').textContent()).toMatch(/Part 2 of/);
    await expect.poll(() => conversation(page)).toMatch(/Part 2: /);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'project-integration-part-2-1366x900');
    await page.setViewportSize({ width: 800, height: 600 });
    await screenshot(page, 'project-integration-800x600');
    await page.setViewportSize({ width: 1366, height: 900 });

    // The remaining parts, through the webhooks: each part's hidden runs with faults pass, the
    // next part appears in the brief and the conversation, and after the last one nothing is left
    // to submit.
    const partCount = spec.parts.length;
    for (let part = 2; part <= partCount; part++) {
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+Alt+Enter');
      const heading = page.getByTestId('pj-check').locator('h3');
      await expect
        .poll(() => heading.textContent(), { timeout: 180_000 })
        .toMatch(new RegExp(`Part ${part} check: (passed|not yet)`));
      expect(await heading.textContent()).toBe(`Part ${part} check: passed`);
      if (part < partCount) {
        await expect.poll(() => page.locator('.pj-brief').textContent()).toMatch(new RegExp(`Part ${part + 1} of`));
        await expect.poll(() => conversation(page)).toMatch(new RegExp(`Part ${part + 1}: `));
      }
    }
    expect(spec.parts.at(-1)!.title).toMatch(/webhook/i);
    expect(await page.locator('.pj-brief').textContent()).toContain(spec.parts.at(-1)!.title);
    await expect.poll(() => page.getByTestId('pj-submit-part').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'project-integration-all-parts-1366x900');
    expect(browser.offsiteRequests).toEqual([]);
  }, 400_000);
});
