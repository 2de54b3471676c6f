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

/** A STAR-shaped story full of the words behavioral rubrics look for. */
const STORY = [
  'Situation: on my last team a designer and a product manager wanted a custom dropdown that was not accessible to keyboard users.',
  'Task: I owned the frontend for the checkout flow, so it was my call to raise it and to ship something we all agreed on.',
  'Action: first I listened and asked why, to understand their goal and their perspective. Then I built a quick prototype,',
  'showed them data from user testing and the WCAG guidelines, and we agreed on a compromise: the native select with their styling.',
  'I wrote down the decision, communicated it to the team, took ownership of the follow-up work and mentored a junior engineer through it.',
  'Result: conversion went up by three percent, support tickets about the form dropped, and the relationship with the designer got stronger.',
  'I learned to bring evidence early; next time, in hindsight, I would involve the accessibility review before the design is final.',
].join(' ');

const FOLLOW_UP =
  'I asked them directly what problem the design was solving and listened first. What convinced people was the prototype and the user testing data I showed them, not an argument. We still work together well today and I learned a lot from it.';

async function phase(page: Page): Promise<string> {
  return (await page.locator('.practice').getAttribute('data-phase')) ?? '';
}

/** Waits until a call is no longer in flight and the screen left `from`. */
async function waitForPhaseNot(page: Page, from: string): Promise<void> {
  await page.locator(`.practice:not([data-phase="${from}"])`).waitFor();
}

async function openRoundAndStart(page: Page, baseUrl: string): Promise<string> {
  await page.goto(baseUrl);
  await page.getByRole('heading', { name: 'Choose a role to practice' }).waitFor();
  await page.getByRole('link', { name: 'Open Frontend Engineer', exact: true }).click();
  await page.getByRole('heading', { name: 'Pick a round' }).waitFor();
  await page.getByRole('radio', { name: /^Behavioral/ }).check();
  await page.getByRole('button', { name: 'Start practice' }).click();
  await page.waitForURL(/#\/practice\//);
  await page.getByRole('button', { name: 'Begin' }).waitFor();
  return decodeURIComponent(new URL(page.url()).hash.replace('#/practice/', ''));
}

describe('practice: a behavioral round, typed, from start to summary', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;
  let dark: BrowserHandle | undefined;

  afterAll(async () => {
    await dark?.close();
    await browser?.close();
    await server?.stop();
  });

  it('runs the whole round and shows the summary', async () => {
    server = await startServer(makeDataDir());
    browser = await openBrowser();
    const { page } = browser;
    const sessionId = await openRoundAndStart(page, server.url);

    // Intro: the interviewer explains the round; Enter begins.
    await expect.poll(() => page.getByTestId('current-prompt').textContent()).toContain('how you');
    await page.keyboard.press('Enter');
    await page.locator('.practice[data-phase="question"]').waitFor();
    await expect.poll(() => page.getByTestId('question-progress').textContent()).toMatch(/^Question 1 of \d+$/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'practice-question');

    // Dark mode on the same session, in a second browser that prefers dark.
    dark = await openBrowser({ colorScheme: 'dark' });
    await dark.page.goto(`${server.url}#/practice/${encodeURIComponent(sessionId)}`);
    await dark.page.locator('.practice[data-phase="question"]').waitFor();
    await dark.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await accessibilityProblems(dark.page)).toEqual([]);
    await screenshot(dark.page, 'practice-dark');
    await dark.close();
    dark = undefined;

    // "R" repeats the question when not typing.
    const messages = page.locator('.conversation .message');
    const before = await messages.count();
    await page.locator('#main').focus();
    await page.keyboard.press('r');
    await expect.poll(() => page.locator('.message.kind-repeat').count()).toBe(1);
    expect(await messages.count()).toBe(before + 1);

    let answered = 0;
    let shotAnswering = false;
    for (let guard = 0; guard < 30; guard++) {
      const current = await phase(page);
      if (current === 'wrap_up') break;
      expect(current).toBe('question');
      await page.getByRole('button', { name: 'Start answer' }).click();
      await page.locator('.practice[data-phase="answering"]').waitFor();
      const box = page.getByLabel('Your answer');
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);

      if (answered === 0) {
        // A blank answer is not recorded: the interviewer nudges.
        await page.keyboard.press('Control+Enter');
        await page.getByTestId('interviewer-aside').waitFor();
        expect(await phase(page)).toBe('answering');

        // A 50,000-character answer stays responsive: typing after it is immediate.
        await box.fill('x'.repeat(50_000));
        const started = Date.now();
        await box.press('End');
        await box.pressSequentially(' still typing', { delay: 0 });
        expect(Date.now() - started).toBeLessThan(3000);
        expect((await box.inputValue()).length).toBe(50_013);

        // Pause and resume: the box is disabled and a notice shows while paused.
        await page.keyboard.press('Alt+P');
        await page.locator('.paused-overlay').waitFor();
        expect(await box.isDisabled()).toBe(true);
        await page.keyboard.press('Alt+P');
        await page.locator('.paused-overlay').waitFor({ state: 'detached' });
        expect(await box.isDisabled()).toBe(false);
      }

      const lastPrompt = await page
        .locator('.message.kind-question, .message.kind-follow_up')
        .last()
        .getAttribute('class');
      const isFollowUp = lastPrompt?.includes('kind-follow_up') ?? false;
      await box.fill(isFollowUp ? FOLLOW_UP : STORY);
      if (!shotAnswering) {
        expect(await accessibilityProblems(page)).toEqual([]);
        await screenshot(page, 'practice-answering');
        shotAnswering = true;
      }
      await box.press('Control+Enter');
      await waitForPhaseNot(page, 'answering');
      answered++;
    }
    expect(answered).toBeGreaterThanOrEqual(4);
    expect(await phase(page)).toBe('wrap_up');

    // Wrap-up: ask the interviewer one question.
    await page.getByRole('heading', { name: 'Do you have any questions for me?' }).waitFor();
    await page
      .getByLabel('Your question for the interviewer')
      .fill('What does success look like for this team in the first six months?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await page.locator('.message.kind-candidate_answer').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'practice-wrapup');

    await page.getByRole('button', { name: 'Finish interview' }).click();
    await page.waitForURL(/#\/summary\//);
    await page.getByRole('heading', { name: /how it went/ }).waitFor();
    const cards = page.getByTestId('feedback-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(4);
    // Words of the answers that evidence rubric points are marked in the transcript.
    expect(
      await page.locator('[data-testid="feedback-card"] .feedback-transcript mark.hl-rubric').count(),
    ).toBeGreaterThan(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    // The app scrolls inside its main area, so a tall window shows the whole summary.
    await page.setViewportSize({ width: 1280, height: 3200 });
    await screenshot(page, 'summary');
    await page.setViewportSize({ width: 1280, height: 860 });

    // Practice one question again: a new session with just that question.
    await cards.first().getByRole('button', { name: 'Practice this question again' }).click();
    await page.waitForURL(/#\/practice\//);
    await page.getByRole('button', { name: 'Begin' }).click();
    await expect.poll(() => page.getByTestId('question-progress').textContent()).toBe('Question 1 of 1');
  });

  it('made no request that left 127.0.0.1 and logged no errors', () => {
    expect(browser.offsiteRequests).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});

describe('practice: an interrupted round comes back with its draft', () => {
  let first: ServerHandle | undefined;
  let second: ServerHandle | undefined;
  let browser: BrowserHandle | undefined;

  afterAll(async () => {
    await browser?.close();
    await first?.stop('SIGKILL');
    await second?.stop();
  });

  it('resumes after the server is killed mid-answer', async () => {
    const dataDir = makeDataDir();
    first = await startServer(dataDir);
    browser = await openBrowser();
    const { page } = browser;
    await openRoundAndStart(page, first.url);
    await page.getByRole('button', { name: 'Begin' }).click();
    await page.getByRole('button', { name: 'Start answer' }).click();
    await page.locator('.practice[data-phase="answering"]').waitFor();
    const draft = `Situation: our design system had no focus styles.\nAction: I wrote a proposal and built a prototype.\nUnicode survives too: café, naïve, Zürich, “quotes”.`;
    await page.getByLabel('Your answer').pressSequentially(draft.slice(0, 40), { delay: 5 });
    await page.getByLabel('Your answer').fill(draft);
    await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toMatch(/^Saved/);

    await first.stop('SIGKILL');
    first = undefined;
    second = await startServer(dataDir);
    await page.goto(second.url);
    const interrupted = page.getByTestId('interrupted-sessions');
    await interrupted.waitFor();
    expect(await interrupted.textContent()).toContain('Frontend Engineer');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'resume-library');

    await interrupted.getByRole('link', { name: 'Resume' }).click();
    await page.waitForURL(/#\/practice\//);
    const box = page.getByLabel('Your answer');
    await box.waitFor();
    expect(await box.inputValue()).toBe(draft);
    // It comes back paused: the time between the last save and the crash is unknown.
    await page.locator('.paused-overlay').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'resume');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('.paused-overlay').waitFor({ state: 'detached' });
    expect(await box.inputValue()).toBe(draft);
    expect(await box.isDisabled()).toBe(false);

    // Back in the library it is still unfinished; "Finish as is" removes it.
    await page.getByRole('link', { name: 'Practice', exact: true }).click();
    await interrupted.waitFor();
    await interrupted.getByRole('button', { name: 'Finish as is' }).click();
    await interrupted.waitFor({ state: 'detached' });
    expect(browser.offsiteRequests).toEqual([]);
  });
});
