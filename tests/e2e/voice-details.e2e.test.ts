/**
 * Voice details a candidate can trust: the microphone check can be skipped at any moment (even
 * while it listens) and the round's clocks stand still during it; a take cut short by a reload
 * is shown as such with its audio, and its words never slip into the next typed answer; only
 * one recording plays at a time.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshot, updateSettingsFromPage } from './harness.js';
import { voiceRig } from './voice-rig.js';

/** A long spoken answer (espeak-ng), so a reload lands in the middle of it. */
function makeSpokenAnswer(dir: string): string {
  const raw = path.join(dir, 'long-raw.wav');
  const out = path.join(dir, 'long.wav');
  const text = Array.from(
    { length: 6 },
    (_, i) => `Point ${i + 1}: we retried with idempotency keys and it held.`,
  ).join(' ');
  execFileSync('espeak-ng', ['-s', '140', '-w', raw, text]);
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', out, 'pad', '1', '1']);
  return out;
}

function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dataDir, 'rehearsal.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('voice details', () => {
  const rig = voiceRig(makeSpokenAnswer);

  it('skips the check mid-listen, keeps a reloaded take apart, and plays one recording at a time', async () => {
    const { page } = rig.browser;
    const { dataDir, server, whisper } = rig;
    await page.goto(`${server.url}#/role/frontend-engineer`);
    await page.getByRole('radio', { name: /^Behavioral/ }).check();
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.waitForURL(/#\/practice\//);
    const sessionId = decodeURIComponent(new URL(page.url()).hash.replace('#/practice/', ''));
    await page.getByRole('button', { name: 'Begin' }).click();
    await page.locator('.practice[data-phase="question"]').waitFor();
    await page.getByRole('link', { name: 'Open the Models screen' }).waitFor();
    // Activate the fixture speech model directly through the bridge's settings call.
    await updateSettingsFromPage(page, server, { activeWhisperModel: whisper, whisperThreads: 1 });
    await page.reload();
    await page.locator('.practice[data-phase="question"]').waitFor();

    // The check stops the clocks, and "Skip the check" works while it is listening.
    await page.getByRole('button', { name: /Check microphone and speak/ }).click();
    await page.getByRole('heading', { name: 'Check your microphone' }).waitFor();
    await page.locator('.practice[data-paused]').waitFor();
    expect(await page.getByRole('button', { name: 'Start check' }).getAttribute('class')).toContain('primary');
    await page.getByRole('button', { name: 'Start check' }).click();
    await page.getByRole('button', { name: /Listening…/ }).waitFor();
    await page.getByRole('button', { name: 'Skip the check' }).click();
    await page.getByRole('heading', { name: 'Check your microphone' }).waitFor({ state: 'detached' });
    await page.locator('.practice:not([data-paused])').waitFor();

    // Speak, and reload in the middle of the take.
    await page.getByRole('button', { name: /Speak your answer/ }).click();
    await page.locator('.voice-panel[data-status="listening"]').waitFor();
    await page.locator('[data-testid="transcript-segments"] li').first().waitFor({ timeout: 60_000 });
    await page.reload();

    // The take is shown as cut short, with its audio; the answer box holds none of it.
    const offer = page.locator('.interrupted-take');
    await offer.waitFor({ timeout: 60_000 });
    expect(await offer.textContent()).toMatch(/cut short \(the page reloaded\)/);
    await page.getByTestId('interrupted-take-audio').waitFor();
    expect(await page.locator('#answer-text').inputValue()).toBe('');
    const held = query<{ status: string }>(dataDir, 'SELECT status FROM segments WHERE turn_id = ?', `${sessionId}:t1`);
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((s) => s.status === 'held')).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'voice-interrupted-take');

    // Only one recording plays at a time (two players of the same recording, started in turn).
    const pausedFirst = await page.evaluate(async () => {
      const source = document.querySelector<HTMLAudioElement>('[data-testid="interrupted-take-audio"]')!;
      const a = source.cloneNode() as HTMLAudioElement;
      const b = source.cloneNode() as HTMLAudioElement;
      for (const el of [a, b]) {
        el.muted = true;
        document.body.append(el);
      }
      await a.play();
      await b.play();
      const result = a.paused && !b.paused;
      a.remove();
      b.remove();
      return result;
    });
    expect(pausedFirst).toBe(true);

    // Left out: the typed answer is submitted alone, the audio stays.
    await page.getByRole('button', { name: 'Leave it out' }).click();
    await offer.waitFor({ state: 'detached' });
    await page
      .getByRole('button', { name: 'Start answer' })
      .click()
      .catch(() => undefined);
    await page.locator('.practice[data-phase="answering"]').waitFor();
    await page.locator('#answer-text').fill('A typed answer, not the spoken one.');
    await page.keyboard.press('Control+Enter');
    await page.locator('.practice:not([data-phase="answering"])').waitFor();
    const after = query<{ status: string }>(
      dataDir,
      'SELECT status FROM segments WHERE turn_id = ?',
      `${sessionId}:t1`,
    );
    expect(after.every((s) => s.status === 'set_aside')).toBe(true);
    const [turn] = query<{ answer_text: string; raw_transcript: string | null }>(
      dataDir,
      'SELECT answer_text, raw_transcript FROM turns WHERE id = ?',
      `${sessionId}:t1`,
    );
    expect(turn?.answer_text).toBe('A typed answer, not the spoken one.');
    expect(turn?.raw_transcript ?? '').toBe('');
    const [recording] = query<{ duration_ms: number }>(
      dataDir,
      'SELECT duration_ms FROM recordings WHERE turn_id = ?',
      `${sessionId}:t1`,
    );
    expect(recording?.duration_ms).toBeGreaterThan(1000);
    expect(rig.browser.consoleErrors.filter((e) => !/play\(\)|media/i.test(e))).toEqual([]);
  });
});
