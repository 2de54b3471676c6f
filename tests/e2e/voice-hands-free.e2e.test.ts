/**
 * Hands-free answering, options set and takes started from the keyboard: with "end the answer after 2 s of silence" a take ends by
 * itself and its words land in the answer box, still to be corrected and sent; with "and submit
 * it" on as well, the answer goes to the interviewer without a key, and the next question comes.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshot, updateSettingsFromPage } from './harness.js';
import { voiceRig } from './voice-rig.js';

/** A short spoken answer followed by six seconds of quiet (the fake microphone loops the file). */
function makeSpokenAnswer(dir: string): string {
  const raw = path.join(dir, 'short-raw.wav');
  const out = path.join(dir, 'short.wav');
  execFileSync('espeak-ng', ['-s', '150', '-w', raw, 'I would add an idempotency key to every payment request.']);
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', out, 'pad', '0.5', '6']);
  return out;
}

describe('hands-free answering', () => {
  const rig = voiceRig(makeSpokenAnswer);

  it('ends a take on silence, then with "submit it" sends the answer without a key', async () => {
    const { page } = rig.browser;
    await page.goto(`${rig.server.url}#/role/frontend-engineer`);
    await page.getByRole('radio', { name: /^Behavioral/ }).check();
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.waitForURL(/#\/practice\//);
    await page.getByRole('button', { name: 'Begin' }).click();
    await page.locator('.practice[data-phase="question"]').waitFor();
    await page.getByRole('link', { name: 'Open the Models screen' }).waitFor();
    await updateSettingsFromPage(page, rig.server, { activeWhisperModel: rig.whisper, whisperThreads: 1 });
    await page.reload();
    await page.locator('.practice[data-phase="question"]').waitFor();

    // Voice options, from the keyboard: "submit it" only makes sense once the answer can end by itself.
    const focused = () => page.evaluate(() => document.activeElement?.closest('label, summary')?.textContent?.trim());
    await page.locator('.voice-options summary').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^Hold to talk/);
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^End the answer after/);
    const submitIt = page.getByRole('checkbox', { name: /and submit it/ });
    expect(await submitIt.isDisabled()).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('combobox', { name: /End the answer after/ }).inputValue()).toBe('2');
    await expect.poll(() => submitIt.isDisabled()).toBe(false);
    expect(await submitIt.isChecked()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('and submit it (hands-free)');

    // First take (after skipping the microphone check), started from the keyboard: it ends by
    // itself after the pause, and its words wait in the box.
    await page.keyboard.press('Alt+V');
    await page.getByRole('button', { name: 'Skip the check' }).click();
    await page.getByRole('heading', { name: 'Check your microphone' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+V');
    await page.locator('.voice-panel[data-status="listening"]').waitFor();
    await page.locator('.voice-panel[data-status="idle"]').waitFor({ timeout: 60_000 });
    const firstTake = (await page.locator('#answer-text').inputValue()).trim();
    expect(firstTake.length).toBeGreaterThan(0);
    expect(await page.locator('.practice').getAttribute('data-phase')).toBe('answering');
    expect(await page.locator('.conversation .message.candidate').count()).toBe(0);

    // "and submit it": the next take goes to the interviewer on its own. The options stayed open
    // through the microphone check and the take.
    const options = page.locator('.voice-options');
    expect(await options.evaluate((el: HTMLDetailsElement) => el.open)).toBe(true);
    expect(await page.getByRole('combobox', { name: /End the answer after/ }).inputValue()).toBe('2');
    await submitIt.focus();
    await page.keyboard.press('Space');
    // The box shows the saved setting, so it ticks once the save is back.
    await expect.poll(() => submitIt.isChecked()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    for (const theme of ['light', 'dark'] as const) {
      // The app applies its theme at start; switch it in place.
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      for (const [width, height] of [
        [1366, 900],
        [800, 600],
      ] as const) {
        await page.setViewportSize({ width, height });
        await screenshot(page, `voice-options-hands-free-${theme}-${width}x${height}`);
      }
    }
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.keyboard.press('Alt+V');
    await page.locator('.voice-panel[data-status="listening"]').waitFor();
    const sent = page.locator('.conversation .message.candidate');
    await sent.first().waitFor({ timeout: 60_000 });
    await page.locator('.practice[data-phase="question"]').waitFor({ timeout: 30_000 });
    const answer = (await sent.first().locator('.message-text').textContent())?.trim() ?? '';
    expect(answer.startsWith(firstTake)).toBe(true);
    expect(answer.length).toBeGreaterThan(firstTake.length);
    expect(await page.locator('#answer-text').inputValue()).toBe('');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.locator('.voice-options').scrollIntoViewIfNeeded();
    await screenshot(page, 'voice-hands-free');
  });
});
