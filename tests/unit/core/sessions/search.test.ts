import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResults } from '../../../../main/contract/services/sessions.js';
import { buildMatchQuery, foldToken, searchSessions, snippetParts } from '../../../../main/core/sessions/search.js';
import { addRecording, call, seedSession, openTestData, type TestData } from './helpers.js';

const T0 = Date.UTC(2025, 2, 1, 9, 0);

/** Every kind of text FTS5 would read as syntax, plus other scripts and emoji. */
const HOSTILE = [
  'AND',
  'OR',
  'NOT',
  'NEAR',
  'NEAR(a b)',
  'a AND',
  'OR b',
  '"',
  '""',
  '"unbalanced',
  "it's",
  '*',
  'idem*',
  '**',
  '(',
  ')',
  '(()',
  'a OR (b',
  'prompt_text:idempotency',
  'answer_text : x',
  '^start',
  '-minus',
  '+plus',
  '{a b}',
  'a:b:c',
  ':',
  ';',
  '\\',
  "'; DROP TABLE turns; --",
  '😀',
  '😀 idempotency',
  '👩‍💻🚀',
  '面试',
  '面试经验',
  'Привет мир',
  'مرحبا',
  'שלום',
  'ภาษาไทย',
  'e\u0301',
  'Ⅻ',
  '\u0000',
  '\u200b',
  ' ',
  '',
  'a'.repeat(500),
  'x '.repeat(200),
  'rollback "plan',
  'say NEAR(abc',
  'one AND (two',
  'payment OR requ',
  'NEAR/3',
  'col1 : col2',
  'rank',
  'rowid',
  'MATCH',
  '%',
  '_',
  '[a]',
];

describe('buildMatchQuery', () => {
  it('quotes every word and doubles inner quotes, so nothing is read as FTS syntax', () => {
    expect(buildMatchQuery('retry AND idempotency').match).toBe('"retry" "AND" "idempotency"');
    expect(buildMatchQuery('say "hi" (now)').match).toBe('"say" """hi""" "(now)"');
    expect(buildMatchQuery('NEAR(a b)').match).toBe('"NEAR(a" "b)"');
  });

  it('drops words with no letter or digit and reports what it searched for', () => {
    expect(buildMatchQuery('😀 * ( ) "')).toEqual({ match: null, prefix: null, terms: [] });
    expect(buildMatchQuery('  cache   😀  miss ').terms).toEqual(['cache', 'miss']);
  });

  it('offers the last word as a prefix only when it is long enough or from a script without spaces', () => {
    expect(buildMatchQuery('event sourc').prefix).toEqual({ before: ['"event"'], last: 'sourc' });
    expect(buildMatchQuery('db ab').prefix).toBeNull();
    expect(buildMatchQuery('面试').prefix).toEqual({ before: [], last: '面试' });
    expect(buildMatchQuery('idem*').prefix).toBeNull();
  });

  it('folds a word as the tokenizer does', () => {
    expect(foldToken('Résumé')).toBe('resume');
    expect(foldToken('ÇA')).toBe('ca');
    expect(foldToken("don't")).toBeNull();
  });
});

describe('snippetParts', () => {
  it('splits the marked snippet into plain and matched parts', () => {
    expect(snippetParts('…we used \uE000idempotency\uE001 keys and \uE000retries\uE001')).toEqual([
      { text: '…we used ', match: false },
      { text: 'idempotency', match: true },
      { text: ' keys and ', match: false },
      { text: 'retries', match: true },
    ]);
    expect(snippetParts('no marks')).toEqual([{ text: 'no marks', match: false }]);
  });
});

describe('search over stored sessions', () => {
  let data: TestData;
  beforeEach(() => {
    data = openTestData();
    seedSession(data.db, {
      sessionId: 's-old',
      createdAt: T0,
      answers: [
        'We added idempotency keys to every payment request so a retry never charged twice.',
        'I would shard the Postgres table by customer.',
      ],
    });
    seedSession(data.db, {
      sessionId: 's-new',
      roleId: 'frontend-engineer',
      roleTitle: 'Frontend Engineer',
      roundKind: 'system_design',
      roundTitle: 'System design',
      createdAt: T0 + 86_400_000,
      answers: ['The résumé page rendered slowly, so we virtualised the list.', null],
    });
    addRecording(data.db, data.dir, 's-new', 1, [
      { startMs: 0, endMs: 2500, text: 'The résumé page rendered slowly,' },
      { startMs: 2500, endMs: 5200, text: 'so we virtualised the list.' },
    ]);
    data.db
      .prepare('UPDATE sessions SET notes = ? WHERE id = ?')
      .run('Remember to mention the rollback plan earlier.', 's-old');
  });
  afterEach(() => data.close());

  const search = (query: string, limit = 30) => call<SearchResults>(data.dispatch, 'search', { query, limit });

  it('finds an answer and highlights the words', async () => {
    const result = await search('idempotency');
    expect(result.hits).toHaveLength(1);
    const [hit] = result.hits;
    expect(hit).toMatchObject({
      sessionId: 's-old',
      kind: 'answer',
      turnSeq: 1,
      startMs: null,
      roleTitle: 'Backend Engineer',
      roundKind: 'behavioral',
    });
    expect(hit?.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['idempotency']);
    expect(hit?.snippet.map((p) => p.text).join('')).toContain('keys to every payment request');
  });

  it('prefers the moment in the recording over the answer text, with its start time', async () => {
    const result = await search('virtualised');
    expect(result.hits).toEqual([
      expect.objectContaining({ sessionId: 's-new', kind: 'transcript', turnSeq: 1, startMs: 2500 }),
    ]);
  });

  it('finds questions and notes, and ignores accents and case', async () => {
    expect((await search('ROLLBACK plan')).hits).toEqual([
      expect.objectContaining({ sessionId: 's-old', kind: 'notes', turnSeq: null }),
    ]);
    const resume = await search('resume');
    expect(resume.hits.map((h) => h.kind).sort()).toEqual(['transcript']);
    const prompt = await search('Tell me about q2');
    expect(prompt.hits.map((h) => `${h.sessionId}:${h.kind}:${h.turnSeq}`).sort()).toEqual([
      's-new:question:2',
      's-old:question:2',
    ]);
  });

  it('matches a word being typed by its beginning', async () => {
    expect((await search('idempot')).hits.map((h) => h.sessionId)).toEqual(['s-old']);
    expect((await search('payment requ')).hits.map((h) => h.sessionId)).toEqual(['s-old']);
    expect((await search('idempotencyx')).hits).toEqual([]);
  });

  it('puts newer sessions first and says when there is more', async () => {
    const all = await search('the', 30);
    expect(all.hits.length).toBeGreaterThan(1);
    expect(all.hits[0]?.sessionId).toBe('s-new');
    const createdAt = all.hits.map((h) => h.createdAt);
    expect([...createdAt].sort((a, b) => b - a)).toEqual(createdAt);
    const one = await search('the', 1);
    expect(one.hits).toHaveLength(1);
    expect(one.hasMore).toBe(true);
  });

  it('never fails on FTS syntax, quotes, emoji or other scripts', async () => {
    for (const query of HOSTILE) {
      const result = await data.dispatch('sessions:search', { query, limit: 10 });
      expect(result.ok, `query ${JSON.stringify(query)}: ${JSON.stringify(result)}`).toBe(true);
    }
    // Operators are searched as words, not obeyed: "idempotency OR nothing" needs both words.
    expect((await search('idempotency OR zebra')).hits).toEqual([]);
    expect((await search('"idempotency"')).hits).toHaveLength(1);
    expect((await search('😀 idempotency')).hits).toHaveLength(1);
    expect((await search("'; DROP TABLE turns; --")).hits).toEqual([]);
    expect(data.db.prepare('SELECT COUNT(*) AS n FROM turns').get()).toEqual({ n: 4 });
  });

  it('finds words in other scripts', async () => {
    data.db.prepare('UPDATE sessions SET notes = ? WHERE id = ?').run('面试经验 Привет мир 👩‍💻', 's-new');
    expect((await search('привет')).hits).toEqual([expect.objectContaining({ sessionId: 's-new', kind: 'notes' })]);
    expect((await search('面试经验')).hits).toHaveLength(1);
    // Unspaced scripts are indexed as runs: the start of a run is found by prefix.
    expect((await search('面试')).hits).toHaveLength(1);
    expect((await search('👩‍💻')).hits).toEqual([]);
  });

  it('rejects an over-long query with a validation error, not a crash', async () => {
    const result = await data.dispatch('sessions:search', { query: 'x'.repeat(501) });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('the search index follows the data', () => {
  let data: TestData;
  beforeEach(() => {
    data = openTestData();
    seedSession(data.db, { sessionId: 's1', createdAt: T0, answers: ['We chose Kafka for the event log.'] });
  });
  afterEach(() => data.close());

  const kinds = (query: string) => searchSessions(data.db, query, 10).hits.map((h) => `${h.sessionId}:${h.kind}`);
  const integrity = () => {
    for (const table of ['turns_fts', 'segments_fts', 'notes_fts'])
      data.db.exec(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`);
  };

  it('on edits to answers, segments and notes', () => {
    expect(kinds('kafka')).toEqual(['s1:answer']);
    data.db.prepare('UPDATE turns SET answer_text = ? WHERE id = ?').run('We chose Pulsar for the event log.', 's1:t1');
    expect(kinds('kafka')).toEqual([]);
    expect(kinds('pulsar')).toEqual(['s1:answer']);

    addRecording(data.db, data.dir, 's1', 1, [{ startMs: 0, endMs: 1000, text: 'we chose pulsar' }]);
    data.db.prepare("UPDATE segments SET text = 'we picked rabbitmq' WHERE turn_id = 's1:t1'").run();
    expect(kinds('rabbitmq')).toEqual(['s1:transcript']);

    data.db.prepare('UPDATE sessions SET notes = ? WHERE id = ?').run('practise backpressure', 's1');
    expect(kinds('backpressure')).toEqual(['s1:notes']);
    data.db.prepare('UPDATE sessions SET notes = ? WHERE id = ?').run('', 's1');
    expect(kinds('backpressure')).toEqual([]);
    integrity();
  });

  it('when a session is deleted (rows go by cascade)', () => {
    addRecording(data.db, data.dir, 's1', 1, [{ startMs: 0, endMs: 1000, text: 'kafka log' }]);
    data.db.prepare('UPDATE sessions SET notes = ? WHERE id = ?').run('kafka notes', 's1');
    expect(kinds('kafka').sort()).toEqual(['s1:notes', 's1:transcript']);
    data.db.prepare('DELETE FROM sessions WHERE id = ?').run('s1');
    expect(kinds('kafka')).toEqual([]);
    expect(searchSessions(data.db, 'event', 10).hits).toEqual([]);
    integrity();
  });

  it('leaves draft saves out of the index work', () => {
    const before = data.db.prepare('SELECT COUNT(*) AS n FROM turns_fts_data').get() as { n: number };
    for (let i = 0; i < 20; i++)
      data.db
        .prepare('UPDATE turns SET draft_text = ?, answer_text = answer_text WHERE id = ?')
        .run(`draft ${i}`, 's1:t1');
    const after = data.db.prepare('SELECT COUNT(*) AS n FROM turns_fts_data').get() as { n: number };
    expect(after.n).toBe(before.n);
    expect(kinds('kafka')).toEqual(['s1:answer']);
  });
});
