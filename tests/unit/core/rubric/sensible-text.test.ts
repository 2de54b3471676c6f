import { describe, expect, it } from 'vitest';
import { sensibleEnglish } from '../../../../main/core/rubric/sensible-text.js';

describe('sensibleEnglish: a cheap gate on model output', () => {
  // What the random-weights test model (llama-2-tiny-random.gguf) wrote when asked for a follow-up.
  it.each([
    'саcr ä Gil pov sold техandeorganisation girlsdisk retroмеритинаeld perman britann cell hacia, astero gene threaten',
    'sets tournament Categoryoutosedfish?}uvo ge dei*)utureolsplex grands)ogen intersection operatedwebsiterek Ardisplaylij reference procedures',
    'umann Mai jou randomlyodesols Peace Mov jurisletin Advanced History edgecotypeof ano Bel MCutzt stand trava anche Event',
    'spr occupied tw Lith undert Officer Mis Learjack increment heading Ta conjic charset Statinger Ocean etti Detsheet ovisVisyam',
  ])('rejects token soup: %s', (text) => {
    expect(sensibleEnglish(text).ok).toBe(false);
  });

  it.each([
    'How did you make sure a retried request with the same idempotency key could not charge the card twice?',
    'What would you change if the traffic grew ten times?',
    'Why?',
    'Go on.',
    'The answer names the trade-off between consistency and latency, and backs it with a number from production.',
    'Strong on ownership; the result needs a number.',
  ])('accepts real English: %s', (text) => {
    expect(sensibleEnglish(text)).toEqual({ ok: true });
  });
});
