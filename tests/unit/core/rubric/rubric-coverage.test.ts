import { describe, expect, it } from 'vitest';
import type { RubricPoint } from '../../../../content/schema.js';
import { findSignal, rubricCoverage } from '../../../../main/core/rubric/rubric-coverage.js';
import { stem } from '../../../../main/core/rubric/stem.js';
import { tokenize } from '../../../../main/core/rubric/tokens.js';

const point = (id: string, signals: string[]): RubricPoint => ({ id, point: `Point ${id}`, why: 'Because', signals });
const find = (answer: string, signal: string) => findSignal(tokenize(answer), answer, signal);

describe('stem', () => {
  it.each([
    ['cache', ['caching', 'cached', 'caches', 'Cache', 'CACHING']],
    ['retry', ['retries', 'retried', 'retrying', 'Retry']],
    ['queue', ['queues', 'queued', 'queueing', 'queuing']],
    ['shard', ['shards', 'sharded', 'sharding']],
    ['index', ['indexes', 'indexing']],
    ['idempotent', ['idempotently']],
    ['bucket', ['buckets']],
  ])('%s meets its forms', (base, forms) => {
    for (const form of forms) expect(stem(form), form).toBe(stem(base));
  });

  it.each([
    ['cache', 'cachet'],
    ['index', 'reindexing'],
    ['queue', 'queen'],
    ['shard', 'shared'],
  ])('%s does not meet %s', (a, b) => {
    expect(stem(a)).not.toBe(stem(b));
  });

  it('leaves short words alone', () => {
    for (const w of ['is', 'as', 'bus', 'us', 'was']) expect(stem(w)).toBe(w);
  });
});

describe('tokenize', () => {
  it('splits on anything but letters and digits, keeping where each word came from', () => {
    const text = 'Re-index the DB, then 2PC…';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.word)).toEqual(['re', 'index', 'the', 'db', 'then', '2pc']);
    for (const t of tokens) expect(text.slice(t.start, t.end).toLowerCase()).toBe(t.word);
  });

  it('keeps contractions in one word and reads curly apostrophes as straight ones', () => {
    expect(tokenize('Don’t panic, it’s fine').map((t) => t.word)).toEqual(["don't", 'panic', "it's", 'fine']);
  });

  it('handles non-English letters', () => {
    expect(tokenize('Größe café naïve').map((t) => t.word)).toEqual(['größe', 'café', 'naïve']);
  });
});

describe('findSignal', () => {
  it.each([
    ['We put a cache in front of the database', 'cache', 'cache'],
    ['We are caching the hot keys', 'cache', 'caching'],
    ['Responses are cached for a minute', 'cache', 'cached'],
    ['Both caches are warm', 'cache', 'caches'],
    ['Failed calls are retried with backoff', 'retry', 'retried'],
    ['Use retries with jitter', 'retry', 'retries'],
    ['Jobs go onto queues', 'queue', 'queues'],
    ['the cache’s hit rate', 'cache', 'cache’s'],
    ["the queue's depth", 'queue', "queue's"],
    ['we re-index nightly', 'index', 'index'],
  ])('%j evidences %j with %j', (answer, signal, evidence) => {
    expect(find(answer, signal)).toBe(evidence);
  });

  it.each([
    ['He wore a cachet of honour', 'cache'],
    ['Reindexing runs nightly', 'index'],
    ['The database was sharedd', 'shard'],
    ['Nothing relevant here at all', 'retry'],
    ['', 'cache'],
  ])('%j does not evidence %j (whole words only)', (answer, signal) => {
    expect(find(answer, signal)).toBeNull();
  });

  it('is case-insensitive and quotes the answer in its own case', () => {
    expect(find('We add a CACHE layer', 'cache')).toBe('CACHE');
    expect(find('we add a cache layer', 'CACHE')).toBe('cache');
  });

  it('matches a multi-word phrase as adjacent words, in any form', () => {
    expect(find('I would use Token Buckets per user', 'token bucket')).toBe('Token Buckets');
    expect(find('a token-bucket limiter', 'token bucket')).toBe('token-bucket');
    expect(find('rate limiting with a token bucket.', 'token bucket')).toBe('token bucket');
  });

  it('does not match a phrase whose words are apart or out of order', () => {
    expect(find('each token goes in a bucket', 'token bucket')).toBeNull();
    expect(find('a bucket of tokens', 'token bucket')).toBeNull();
    expect(find('just the token here', 'token bucket')).toBeNull();
  });

  it('finds a phrase at the very end of the answer', () => {
    expect(find('the last words are exponential backoff', 'exponential backoff')).toBe('exponential backoff');
  });

  it('a signal with no words matches nothing', () => {
    expect(find('anything at all', '—')).toBeNull();
  });
});

describe('rubricCoverage', () => {
  const rubric = [
    point('caching', ['cache', 'memoize']),
    point('limits', ['token bucket', 'leaky bucket', 'rate limit']),
    point('retries', ['retry', 'idempotent']),
    point('sharding', ['shard', 'partition']),
  ];

  it('reports every point, in order, with the evidence as the answer wrote it', () => {
    const answer =
      'I would Cache reads, use Token Buckets and a rate-limit per key, and make writes idempotent so they can be Retried.';
    expect(rubricCoverage(answer, rubric)).toEqual([
      { id: 'caching', point: 'Point caching', covered: true, evidence: ['Cache'] },
      { id: 'limits', point: 'Point limits', covered: true, evidence: ['Token Buckets', 'rate-limit'] },
      { id: 'retries', point: 'Point retries', covered: true, evidence: ['Retried', 'idempotent'] },
      { id: 'sharding', point: 'Point sharding', covered: false, evidence: [] },
    ]);
  });

  it('every piece of evidence is a substring of the answer', () => {
    const answer = 'CACHING, caches; retrying — partitions! Leaky   buckets';
    for (const c of rubricCoverage(answer, rubric)) {
      expect(c.covered).toBe(c.evidence.length > 0);
      for (const e of c.evidence) expect(answer).toContain(e);
    }
    expect(rubricCoverage(answer, rubric).map((c) => c.covered)).toEqual([true, true, true, true]);
  });

  it('does not repeat the same evidence for two signals', () => {
    const c = rubricCoverage('we cache it', [point('p', ['cache', 'caching', 'cached'])]);
    expect(c[0]?.evidence).toEqual(['cache']);
  });

  it('an empty answer covers nothing', () => {
    expect(rubricCoverage('', rubric).every((c) => !c.covered && c.evidence.length === 0)).toBe(true);
  });
});
