/**
 * Feedback in the browser: a typed behavioral round finished without a model shows rule-based
 * feedback cards (scores, evidence marked in the answer, missing points, metrics) and the
 * round summary; then model feedback written into the session's store shows up too, as the app
 * shows it once a model has judged the answers.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { answersKey, roundKeyOf } from '../../main/core/feedback/answer-keys.js';
import { createFeedbackStore } from '../../main/core/feedback/feedback-store.js';
import type { LlmQuestionBody, LlmRoundBody } from '../../main/core/feedback/stored-body.js';
import { createInterviewRepository, roundRowId, turnRowId } from '../../main/core/interview/repository.js';
import { openDatabase } from '../../main/core/storage/database.js';
import {
  accessibilityProblems,
  makeDataDir,
  openBrowser,
  screenshot,
  startServer,
  type BrowserHandle,
  type ServerHandle,
} from './harness.js';

const STORY = [
  'Situation: at my last company a designer and a product manager wanted a custom dropdown that keyboard users could not operate.',
  'Task: I owned the checkout frontend, so it was my call to raise it.',
  'Action: I asked why and listened to understand their goal, then I built a prototype and showed them data from user testing.',
  'We agreed on a compromise: the native select with their styling.',
  'Result: conversion went up by 3 percent and support tickets about the form dropped. I learned to bring evidence early.',
].join(' ');
const FOLLOW_UP =
  'I asked them what problem the design solved and listened first. The prototype and the user testing data convinced people. We still work well together.';

async function phase(page: Page): Promise<string> {
  return (await page.locator('.practice').getAttribute('data-phase')) ?? '';
}

/** Plays a typed behavioral round: question 2 gets one-word answers, everything else a full story. */
async function playTypedRound(page: Page, baseUrl: string): Promise<string> {
  await page.goto(baseUrl);
  await page.getByRole('link', { name: 'Open Frontend Engineer', exact: true }).click();
  await page.getByRole('radio', { name: /^Behavioral/ }).check();
  await page.getByRole('button', { name: 'Start practice' }).click();
  await page.waitForURL(/#\/practice\//);
  const sessionId = decodeURIComponent(new URL(page.url()).hash.replace('#/practice/', ''));
  await page.getByRole('button', { name: 'Begin' }).click();
  await page.locator('.practice[data-phase="question"]').waitFor();
  for (let guard = 0; guard < 30 && (await phase(page)) === 'question'; guard++) {
    const progress = (await page.getByTestId('question-progress').textContent()) ?? '';
    const followUp =
      (await page.locator('.message.kind-question, .message.kind-follow_up').last().getAttribute('class'))?.includes(
        'kind-follow_up',
      ) ?? false;
    await page.getByRole('button', { name: 'Start answer' }).click();
    await page.locator('.practice[data-phase="answering"]').waitFor();
    const box = page.getByRole('textbox', { name: 'Your answer' });
    await box.fill(progress.startsWith('Question 2 ') ? (followUp ? 'No.' : 'Yes.') : followUp ? FOLLOW_UP : STORY);
    await box.press('Control+Enter');
    await page.locator('.practice:not([data-phase="answering"])').waitFor();
    await page.locator('.practice:not([data-phase="deciding"])').waitFor();
  }
  expect(await phase(page)).toBe('wrap_up');
  await page.getByRole('button', { name: 'Finish interview' }).click();
  await page.waitForURL(/#\/summary\//);
  return sessionId;
}

/**
 * What the app stores once a model has judged the answers (the real generator is covered by the
 * integration test), plus timed transcript segments for the first answer as if it had been spoken.
 */
function storeModelFeedback(dataDir: string, sessionId: string): void {
  const opened = openDatabase(dataDir);
  if (!opened.ok) throw new Error(opened.status.message);
  try {
    const record = createInterviewRepository(opened.db).load(sessionId)!;
    const store = createFeedbackStore(opened.db);
    const state = record.state;
    const turns = state.turns.filter((t) => t.questionIndex === 0);
    const body: LlmQuestionBody = {
      v: 1,
      type: 'question',
      questionId: state.questions[0]!.id,
      key: answersKey(turns),
      note: null,
      scores: [],
      judgement: {
        scores: [
          {
            dimension: 'content',
            label: 'Content',
            score: 4,
            justification: 'Covers intent, evidence, the decision and the outcome.',
          },
          {
            dimension: 'depth',
            label: 'Depth',
            score: 3,
            justification: 'Concrete prototype and data; the dropdown problem could be sharper.',
          },
          { dimension: 'structure', label: 'Structure', score: 4, justification: 'Clear STAR order.' },
          {
            dimension: 'communication',
            label: 'Communication',
            score: 3,
            justification: 'Clear, a little long in the setup.',
          },
        ],
        overall: 3.5,
        evidence: [
          { quote: 'I built a prototype and showed them data from user testing', note: 'evidence over opinion' },
          { quote: 'conversion went up by 3 percent', note: 'a measured result' },
        ],
        droppedQuotes: 1,
        strengths: ['Used evidence instead of arguing', 'Quantified the result'],
        improvement: 'Say in one sentence why the custom dropdown failed keyboard users before describing the fix.',
        betterAnswer: [
          'The dropdown and why it failed keyboard users',
          'Asking the designer why, listening',
          'Prototype and user-testing data',
          'Compromise: native select, their styling',
          'Result: +3% conversion; bring evidence early',
        ],
      },
    };
    store.save(roundRowId(sessionId), turnRowId(sessionId, turns[0]!.seq), 'llm', body, Date.now());
    const segment = opened.db.prepare(
      `INSERT INTO segments (turn_id, start_ms, end_ms, text, status, created_at) VALUES (?, ?, ?, ?, 'done', 0)`,
    );
    const spoken = [
      [
        2_000,
        16_000,
        'Um, so at my last company a designer and a product manager wanted a custom dropdown that keyboard users could not operate.',
      ],
      [
        16_500,
        30_000,
        'I owned the checkout frontend, so it was my call to raise it. I asked why and, like, listened to understand their goal.',
      ],
      [
        34_000,
        49_000,
        'Then I built a prototype and showed them data from user testing, and we agreed on the native select with their styling.',
      ],
      [
        49_500,
        60_000,
        'Conversion went up by 3 percent and support tickets dropped. I learned to bring evidence early.',
      ],
    ] as const;
    for (const [start, end, text] of spoken) segment.run(turnRowId(sessionId, turns[0]!.seq), start, end, text);
    const round: LlmRoundBody = {
      v: 1,
      type: 'round',
      key: roundKeyOf(state),
      note: null,
      round: {
        summary:
          'Strong, evidence-led stories where you answered in full; one question got a one-word answer, which would stand out in a real loop.',
        hireSignal: 'lean_yes',
        reasons: ['Clear ownership and evidence in the stories', 'One question effectively unanswered'],
        practiceNext: [
          'Answer every question with a real example',
          'Open with the problem in one sentence',
          'Keep setups under 30 seconds',
        ],
      },
    };
    store.save(roundRowId(sessionId), null, 'llm', round, Date.now());
  } finally {
    opened.db.close();
  }
}

describe('feedback: a typed round, rule-based and then with model feedback', () => {
  let server: ServerHandle;
  let browser: BrowserHandle;
  let dark: BrowserHandle | undefined;

  afterAll(async () => {
    await dark?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the feedback cards and the round summary after a typed round', async () => {
    server = await startServer(makeDataDir());
    browser = await openBrowser();
    const { page } = browser;
    const sessionId = await playTypedRound(page, server.url);

    const cards = page.getByTestId('feedback-card');
    await cards.first().waitFor();
    const questionCount = await cards.count();
    expect(questionCount).toBeGreaterThanOrEqual(3);

    // No model: labelled rule-based, and the status line says why.
    const round = page.getByTestId('round-feedback');
    expect(await round.getByText('Rule-based', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('feedback-status').textContent()).toMatch(
      /^Rule-based feedback\. No language model is active/,
    );
    expect(await round.getByRole('heading', { name: /Practice next/ }).count()).toBe(1);

    // First card: no score without a model; points mentioned with the sentence quoted, evidence
    // marked in the answer, STAR, typed metrics.
    const first = cards.first();
    expect(await first.locator('.fb-score-main').textContent()).toMatch(/^No score without a model/);
    expect(await cards.getByText(/ of \d+ rubric points/).count()).toBe(0);
    // Mentioned points quote the candidate's own sentences (looked for across every card: the
    // questions are picked at random, and one question's rubric may share nothing with the story).
    const quotes = await cards.locator('.fb-mentioned q').allTextContents();
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(`${STORY} ${FOLLOW_UP}`).toContain(quote.replace(/…$/, ''));
    // Each mark is a piece of the answer itself, looked for across every card likewise.
    const marked = await cards
      .locator('.feedback-transcript mark.hl-rubric')
      .evaluateAll((marks) => marks.map((m) => m.firstChild?.textContent ?? ''));
    expect(marked.length).toBeGreaterThan(0);
    for (const words of marked) expect(`${STORY} ${FOLLOW_UP}`).toContain(words);
    expect(await first.locator('.fb-star .present').count()).toBe(4);
    expect(await first.getByText('Result has a number:').count()).toBe(1);
    const metricRows = await first
      .locator('table.metrics-table')
      .first()
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-metric')));
    expect(metricRows).toEqual(['fillers', 'length', 'hedges', 'repeats']);
    expect(await first.locator('caption .chip').first().textContent()).toBe('Typed');

    // Second card: one-word answers are flagged, not scored.
    const second = cards.nth(1);
    expect(await second.getByText('Too short to judge').count()).toBe(1);
    expect(await second.locator('.fb-improvement p').textContent()).toMatch(/too short/);

    expect(await accessibilityProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 4200 });
    await screenshot(page, 'feedback-rules');
    await page.setViewportSize({ width: 1280, height: 860 });

    // The model's judgement, once stored, shows with its scores, quotes and the round summary.
    storeModelFeedback(server.dataDir, sessionId);
    await page.reload();
    await cards.first().waitFor();
    expect(await page.getByTestId('feedback-status').textContent()).toMatch(/^Model feedback is ready/);
    expect(await page.getByTestId('hire-signal').textContent()).toBe('Lean yes');
    expect(await first.locator('.fb-score-value').textContent()).toBe('3.5');
    expect(await first.locator('.feedback-transcript mark.hl-quote').allTextContents()).toEqual([
      'I built a prototype and showed them data from user testing (quoted by the model: evidence over opinion)',
      'conversion went up by 3 percent (quoted by the model: a measured result)',
    ]);
    expect(await first.getByText('1 quote was left out because it is not in your answer.').count()).toBe(1);
    // The first answer now has timed segments: pace, pauses and time to first word appear.
    const spokenRows = await first
      .locator('table.metrics-table')
      .first()
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-metric')));
    expect(spokenRows).toEqual([
      'pace_speech',
      'pace_wall',
      'fillers',
      'pauses',
      'first_word',
      'length',
      'hedges',
      'repeats',
    ]);
    expect(await first.locator('caption .chip').first().textContent()).toBe('Spoken');
    // 83 words in 53 s of speech = 94 words/min; one 4 s pause; first word after 2 s.
    expect(await first.locator('tr[data-metric="pace_speech"] td').first().textContent()).toMatch(/^94 words\/min/);
    expect(await first.locator('tr[data-metric="pauses"] td').first().textContent()).toMatch(/^1 \(longest 4\.0 s\)/);
    expect(await first.locator('tr[data-metric="first_word"] td').first().textContent()).toMatch(/^2\.0 s\s*$/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 4200 });
    await screenshot(page, 'feedback-model');
    await page.setViewportSize({ width: 1280, height: 860 });

    // Dark mode.
    dark = await openBrowser({ colorScheme: 'dark' });
    await dark.page.goto(`${server.url}#/summary/${encodeURIComponent(sessionId)}`);
    await dark.page.getByTestId('feedback-card').first().waitFor();
    await dark.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await accessibilityProblems(dark.page)).toEqual([]);
    await dark.page.setViewportSize({ width: 1280, height: 2600 });
    await screenshot(dark.page, 'feedback-dark');
    await dark.close();
    dark = undefined;

    // "Practice this question again" from a feedback card starts a one-question session.
    await cards.nth(2).getByRole('button', { name: 'Practice this question again' }).click();
    await page.waitForURL(/#\/practice\//);
    await page.getByRole('button', { name: 'Begin' }).click();
    await expect.poll(() => page.getByTestId('question-progress').textContent()).toBe('Question 1 of 1');
  });

  it('made no request that left 127.0.0.1 and logged no errors', () => {
    expect(browser.offsiteRequests).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});
