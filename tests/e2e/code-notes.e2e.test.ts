/**
 * The model's notes on a coding answer's code, in the browser: a Python solution typed into the
 * workspace, the problem and the round finished; without a model the per-part card has no notes;
 * then notes written into the session's store (as the judge writes them, keyed to that code)
 * appear in the card, each with its file, line and quoted code. Light and dark, 1366×900 and 800×600.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CodeNote } from '../../main/contract/services/feedback.js';
import { answersKey } from '../../main/core/feedback/answer-keys.js';
import { createFeedbackStore } from '../../main/core/feedback/feedback-store.js';
import { codeKey } from '../../main/core/feedback/session-input.js';
import type { LlmQuestionBody } from '../../main/core/feedback/stored-body.js';
import { createInterviewRepository, roundRowId, turnRowId } from '../../main/core/interview/repository.js';
import { openDatabase } from '../../main/core/storage/database.js';
import { finalCode } from '../../main/core/workspace/session-code.js';
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

const LARGE = { width: 1366, height: 900 };
const SMALL = { width: 800, height: 600 };

interface PackQuestion {
  id: string;
  exercise?: { parts: { reference: { python: string } }[] };
}
const pack = parse(fs.readFileSync(path.join(ROOT, 'content/roles/stripe-backend-engineer.yaml'), 'utf8')) as {
  rounds: { questions: PackQuestion[] }[];
};

async function replaceCode(page: Page, code: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  await page.getByTestId('save-state').filter({ hasText: 'All changes saved' }).waitFor();
}

/** Stores notes on the session's coding question the way the judge does, keyed to its final code. */
function storeNotes(dataDir: string, sessionId: string, questionId: string, notes: CodeNote[]): void {
  const opened = openDatabase(dataDir);
  if (!opened.ok) throw new Error(opened.status.message);
  try {
    const state = createInterviewRepository(opened.db).load(sessionId)!.state;
    const index = state.questions.findIndex((q) => q.id === questionId);
    const turns = state.turns.filter((t) => t.questionIndex === index);
    const code = finalCode(opened.db, sessionId, state, questionId)!;
    const body: LlmQuestionBody = {
      v: 1,
      type: 'question',
      questionId,
      key: `${answersKey(turns)}:${codeKey(code)}`,
      judgement: null,
      note: 'The model was not asked to score this answer: it is empty.',
      scores: [],
      codeNotes: notes,
    };
    createFeedbackStore(opened.db).save(
      roundRowId(sessionId),
      turnRowId(sessionId, turns[0]!.seq),
      'llm',
      body,
      Date.now(),
    );
  } finally {
    opened.db.close();
  }
}

describe("the model's notes on the code", () => {
  let server: ServerHandle;
  let browser: BrowserHandle;
  let dark: BrowserHandle | undefined;

  afterAll(async () => {
    await dark?.close();
    await browser?.close();
    await server?.stop();
  });

  it('are absent without a model and shown with their quoted lines once judged', async () => {
    const dataDir = makeDataDir();
    server = await startServer(dataDir);
    browser = await openBrowser();
    const { page } = browser;
    await page.setViewportSize(LARGE);

    await page.goto(server.url);
    await page.getByRole('link', { name: 'Open Stripe Backend Engineer', exact: true }).click();
    await page.getByRole('radio', { name: /^Practical coding/ }).check();
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.getByRole('button', { name: 'Begin' }).click();
    const workspace = page.getByTestId('workspace');
    await workspace.waitFor();
    const sessionId = decodeURIComponent(new URL(page.url()).hash.replace('#/practice/', ''));
    const questionId = (await workspace.getAttribute('data-question-id'))!;
    const reference = pack.rounds.flatMap((r) => r.questions).find((q) => q.id === questionId)!.exercise!.parts[0]!
      .reference.python;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('python');
    await replaceCode(page, reference);

    await page.getByTestId('finish-problem').click();
    await page.getByRole('button', { name: 'Finish problem' }).last().click();
    await page.getByRole('button', { name: /Finish interview/ }).click();
    await page.waitForURL(/#\/summary\//);
    await page.getByTestId('part-row').first().waitFor();
    // No model: no notes, and nothing pretends to be one.
    expect(await page.getByTestId('code-notes').count()).toBe(0);

    const lines = reference.split('\n');
    const first = lines.findIndex((l) => l.trim() !== '');
    const last = lines.map((l) => l.trim() !== '').lastIndexOf(true);
    storeNotes(dataDir, sessionId, questionId, [
      {
        aspect: 'naming',
        file: 'solution',
        line: first + 1,
        quote: lines[first]!.trim(),
        note: 'The name says what the function returns.',
      },
      {
        aspect: 'edge_cases',
        file: 'solution',
        line: last + 1,
        quote: lines[last]!.trim(),
        note: 'Nothing here handles an empty input on its own; a test for it would show the intent.',
      },
    ]);
    await page.reload();
    const notes = page.getByTestId('code-notes');
    await notes.waitFor();
    expect(await notes.getByRole('listitem').count()).toBe(2);
    expect(await notes.textContent()).toContain(`Solution, line ${first + 1}`);
    expect(await notes.locator('code').first().textContent()).toBe(lines[first]!.trim());
    expect(await notes.textContent()).toContain('not a score');
    expect(await accessibilityProblems(page)).toEqual([]);
    const show = (el: Element) => el.scrollIntoView({ block: 'center' });
    await notes.evaluate(show);
    await screenshot(page, 'code-notes-summary');
    await page.setViewportSize(SMALL);
    await notes.evaluate(show);
    await screenshot(page, 'code-notes-summary-800x600');

    dark = await openBrowser({ colorScheme: 'dark' });
    await dark.page.setViewportSize(LARGE);
    await dark.page.goto(`${server.url}#/history/${encodeURIComponent(sessionId)}`);
    await dark.page.getByTestId('code-notes').waitFor();
    await dark.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await accessibilityProblems(dark.page)).toEqual([]);
    await dark.page.getByTestId('code-notes').evaluate(show);
    await screenshot(dark.page, 'code-notes-history-dark');
    await dark.page.setViewportSize(SMALL);
    await dark.page.getByTestId('code-notes').evaluate(show);
    await screenshot(dark.page, 'code-notes-history-800x600-dark');
  }, 240_000);
});
