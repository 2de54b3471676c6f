import { describe, expect, it } from 'vitest';
import { isKeywordList, isStatement, splitSentences } from '../../../../main/core/rubric/sentences.js';

describe('splitSentences', () => {
  it('splits at end punctuation and line breaks, keeping where each sentence is', () => {
    const text = 'First we cache.  Then we shard!\n- and a bullet item here\n2) numbered one';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'First we cache.',
      'Then we shard!',
      'and a bullet item here',
      'numbered one',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('keeps numbers with decimals in one sentence', () => {
    expect(splitSentences('We hit 99.95 percent uptime.').map((s) => s.text)).toEqual(['We hit 99.95 percent uptime.']);
  });
});

describe('statements and keyword lists', () => {
  const one = (text: string) => splitSentences(text)[0]!;

  it('a sentence with the small words of a claim is a statement; a label is not', () => {
    expect(isStatement(one('I would put the keys in Postgres with a unique constraint.'))).toBe(true);
    expect(isStatement(one('Idempotency keys, Postgres, unique constraint, TTL'))).toBe(false);
    expect(isStatement(one('Use a cache.'))).toBe(false);
  });

  it('flags an answer that is mostly keywords, not one that has a list inside sentences', () => {
    expect(
      isKeywordList(
        'idempotency keys, retries, exponential backoff, ledger, double-entry, reconciliation, webhooks, Kafka, outbox',
      ),
    ).toBe(true);
    expect(isKeywordList('- token bucket\n- Redis\n- Lua script\n- sliding window\n- 429 responses')).toBe(true);
    expect(
      isKeywordList(
        'I would keep a token bucket per merchant in Redis, refilled by a Lua script so the check and the decrement are atomic. Clients over the limit get a 429 with Retry-After.',
      ),
    ).toBe(false);
    expect(isKeywordList('Redis and Lua.')).toBe(false);
  });
});
