import { describe, expect, it } from 'vitest';
import type { RubricPoint } from '../../../../content/schema.js';
import { findSignal, rubricCoverage } from '../../../../main/core/rubric/rubric-coverage.js';
import { stem } from '../../../../main/core/rubric/stem.js';
import { tokenize } from '../../../../main/core/rubric/tokens.js';

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
  const rubric: RubricPoint[] = [
    {
      id: 'caching',
      point: 'Caches hot reads in front of the database.',
      why: 'Because',
      signals: ['cache', 'memoize'],
    },
    {
      id: 'limits',
      point: 'Limits each client with a token bucket.',
      why: 'Because',
      signals: ['token bucket', 'leaky bucket', 'rate limit'],
    },
    { id: 'retries', point: 'Makes writes safe to retry.', why: 'Because', signals: ['retry', 'idempotent'] },
    { id: 'sharding', point: 'Shards by merchant.', why: 'Because', signals: ['shard', 'partition'] },
  ];

  it('reports every point, in order, with the words and the sentence that mention it', () => {
    const answer =
      'I would Cache hot reads. We use Token Buckets and a rate-limit per key. Writes are idempotent so they can be Retried.';
    expect(rubricCoverage(answer, rubric)).toEqual([
      { id: 'caching', point: rubric[0]!.point, covered: true, evidence: ['Cache'], quote: 'I would Cache hot reads.' },
      {
        id: 'limits',
        point: rubric[1]!.point,
        covered: true,
        evidence: ['Token Buckets', 'rate-limit'],
        quote: 'We use Token Buckets and a rate-limit per key.',
      },
      {
        id: 'retries',
        point: rubric[2]!.point,
        covered: true,
        evidence: ['Retried', 'idempotent'],
        quote: 'Writes are idempotent so they can be Retried.',
      },
      { id: 'sharding', point: rubric[3]!.point, covered: false, evidence: [], quote: null },
    ]);
  });

  it('every piece of evidence and every quote is a substring of the answer', () => {
    const answer =
      'We are caching the hot reads, and the caches sit in front. Retrying is safe because each write is idempotent. We partition it and shard by merchant.';
    for (const c of rubricCoverage(answer, rubric)) {
      expect(c.covered).toBe(c.evidence.length > 0);
      for (const e of c.evidence) expect(answer).toContain(e);
      if (c.quote) expect(answer).toContain(c.quote);
    }
    expect(rubricCoverage(answer, rubric).map((c) => c.covered)).toEqual([true, false, true, true]);
  });

  it('does not repeat the same evidence for two signals', () => {
    const c = rubricCoverage('we cache the hot reads', [{ ...rubric[0]!, signals: ['cache', 'caching', 'cached'] }]);
    expect(c[0]?.evidence).toEqual(['cache']);
  });

  it('an empty answer mentions nothing', () => {
    expect(rubricCoverage('', rubric).every((c) => !c.covered && c.evidence.length === 0 && c.quote === null)).toBe(
      true,
    );
  });

  // Seen in use: 19 keywords scored 5 of 5.
  it('a list of keywords mentions no point, however well chosen', () => {
    const list =
      'Token bucket, rate limit, cache, memoize, idempotent, retry, shard, partition, Redis, Lua script, sliding window, leaky bucket, backoff, jitter, 429, headers, quotas, burst, replicas';
    expect(rubricCoverage(list, rubric).filter((c) => c.covered)).toEqual([]);
    const bullets = '- token bucket\n- cache reads\n- idempotent retries\n- shard by merchant';
    expect(rubricCoverage(bullets, rubric).filter((c) => c.covered)).toEqual([]);
  });

  // Seen in use: "simpler to audit" counted as "exception queue with an audit trail".
  it('one uncommon word alone does not evidence a point; with another word of the point it does', () => {
    const point: RubricPoint = {
      id: 'exceptions',
      point: 'Routes true differences into an exception queue with ownership and an audit trail of resolutions.',
      why: 'Because',
      signals: ['exception', 'queue', 'workflow', 'threshold', 'resolve', 'audit'],
    };
    expect(rubricCoverage('It keeps the design simpler to audit later on.', [point])[0]?.covered).toBe(false);
    expect(rubricCoverage('Every resolution is kept so finance can audit the trail.', [point])[0]).toMatchObject({
      covered: true,
      quote: 'Every resolution is kept so finance can audit the trail.',
    });
    expect(rubricCoverage('Differences go to an exception queue that ops own.', [point])[0]?.covered).toBe(true);
  });

  // Seen in use: "deploy" evidenced "narrowed the problem with evidence, stated and tested hypotheses".
  it('a common word never evidences a point alone, even beside another common word of the point', () => {
    const point: RubricPoint = {
      id: 'narrowing',
      point:
        'Narrowed the problem with evidence, looking at what changed, metrics, logs and traces, stating and testing hypotheses.',
      why: 'Because',
      signals: ['dashboard', 'logs', 'traces', 'hypothesis', 'what changed', 'deploy', 'narrowed down', 'correlated'],
    };
    expect(rubricCoverage('We had to deploy the fix and test it on Friday.', [point])[0]?.covered).toBe(false);
    expect(
      rubricCoverage('I looked at what changed and found the deploy that matched the spike.', [point])[0]?.covered,
    ).toBe(true);
    expect(rubricCoverage('My first hypothesis came from the logs of the failing pods.', [point])[0]?.covered).toBe(
      true,
    );
  });

  it('the words must be in one sentence that makes a statement', () => {
    const point: RubricPoint = {
      id: 'exceptions',
      point: 'Routes true differences into an exception queue with an audit trail.',
      why: 'Because',
      signals: ['exception', 'audit'],
    };
    // "exception" and "audit" are both there, but in different sentences.
    expect(rubricCoverage('There is an exception here. We can audit it later.', [point])[0]?.covered).toBe(false);
  });
});
