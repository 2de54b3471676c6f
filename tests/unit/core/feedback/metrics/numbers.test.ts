import { describe, expect, it } from 'vitest';
import { repeatedPhrases } from '../../../../../main/core/feedback/metrics/repeats.js';
import { readWords } from '../../../../../main/core/feedback/metrics/transcript.js';
import { tokenize } from '../../../../../main/core/rubric/tokens.js';

describe('numbers in answers', () => {
  it.each([
    ['3,000', ['3,000']],
    ['1,250,000 events', ['1,250,000', 'events']],
    ['99.95% uptime', ['99.95', 'uptime']],
    ['p99 latency', ['p99', 'latency']],
    ['from 30 a week to 2 a week', ['from', '30', 'a', 'week', 'to', '2', 'a', 'week']],
    // A list with commas stays a list: "1, 2, 3" are three numbers.
    ['steps 1, 2, 3', ['steps', '1', '2', '3']],
    ['version 2.0.', ['version', '2.0']],
  ])('"%s" reads as %j', (text, words) => {
    expect(tokenize(text).map((t) => t.word)).toEqual(words);
  });

  it('"3,000 rows per second" is never a repeated "000 rows per second"', () => {
    const text =
      'We went from 3,000 rows per second to 9,000 rows per second, and after the index 12,000 rows per second.';
    const phrases = repeatedPhrases(readWords(text)).map((p) => p.phrase);
    expect(phrases.join('|')).not.toContain('000');
    // A unit said after each number is not a verbal habit either.
    expect(phrases).toEqual([]);
  });

  it('a phrase really said again and again is still found', () => {
    const text =
      'At the end of the day we shipped. At the end of the day it worked. At the end of the day the team was happy.';
    expect(repeatedPhrases(readWords(text))[0]).toMatchObject({ count: 3 });
  });
});
