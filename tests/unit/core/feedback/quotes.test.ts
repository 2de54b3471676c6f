import { describe, expect, it } from 'vitest';
import { cleanQuote, locateQuote } from '../../../../main/core/feedback/quotes.js';

const answers = [
  'We put a cache in front of Postgres. I’d use “write-through” for the hot keys — it’s simpler.',
  'In the end,   we cut p99 latency\nby 40%.',
];

describe('locateQuote: quotes must be the candidate’s own words', () => {
  it.each([
    ['an exact quote', 'We put a cache in front of Postgres', 0, 'We put a cache in front of Postgres'],
    ['a different case', 'we put a CACHE in front of postgres', 0, 'We put a cache in front of Postgres'],
    [
      'straight quotes for curly ones',
      'I\'d use "write-through" for the hot keys',
      0,
      'I’d use “write-through” for the hot keys',
    ],
    ['a hyphen for a dash', "hot keys - it's simpler", 0, 'hot keys — it’s simpler'],
    ['collapsed whitespace and a line break', 'we cut p99 latency by 40%', 1, 'we cut p99 latency\nby 40%'],
    ['wrapping quote marks, ellipsis and end punctuation', '“…in front of Postgres.”', 0, 'in front of Postgres'],
  ])('accepts %s and returns the answer’s own text', (_what, quote, answer, text) => {
    const found = locateQuote(quote, answers);
    expect(found).toMatchObject({ answer, text });
    expect(answers[found!.answer]!.slice(found!.start, found!.end)).toBe(text);
  });

  it.each([
    ['words the candidate did not say', 'We put a Redis cache in front of Postgres'],
    ['words stitched together with an ellipsis', 'We put a cache ... simpler'],
    ['a paraphrase', 'a cache sits before the database'],
    ['part of a word', 'ache in fro'],
    ['too short to mean anything', 'we'],
    ['only punctuation', '“…”'],
    ['an empty quote', ''],
  ])('rejects %s', (_what, quote) => {
    expect(locateQuote(quote, answers)).toBeNull();
  });

  it('finds a later whole-word occurrence when an earlier one is inside a word', () => {
    expect(locateQuote('cache', ['the cachet of a cache'])).toMatchObject({ start: 16, end: 21, text: 'cache' });
  });

  it('cleanQuote trims what models wrap quotes in', () => {
    expect(cleanQuote('  "...we cut p99!"  ')).toBe('we cut p99');
    expect(cleanQuote('…so we did.”')).toBe('so we did');
  });
});
