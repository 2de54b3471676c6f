import { describe, expect, it } from 'vitest';
import type { ChecklistItem } from '../../../../content/schema.js';
import type { DesignNotes } from '../../../../main/contract/services/board.js';
import { componentFor, neighbours } from '../../../../main/core/board/components.js';
import { designChecklistCoverage } from '../../../../main/core/board/coverage.js';
import { describeScene } from '../../../../main/core/board/describe.js';
import { boardObservations } from '../../../../main/core/board/observations.js';
import { box, label, scene, smallDesign } from './scenes.js';

function described(data: unknown) {
  const result = describeScene(data);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const checklist: ChecklistItem[] = [
  { id: 'requirements', label: 'Requirements', signals: ['requirements', 'out of scope'] },
  { id: 'api', label: 'API', signals: ['endpoint', 'post'] },
  { id: 'idempotency', label: 'Idempotency', signals: ['idempotency key', 'dedupe'] },
  { id: 'failure-handling', label: 'Failures', signals: ['failover', 'retry'] },
  { id: 'trade-offs', label: 'Trade-offs', signals: ['trade-off'] },
];

const emptyNotes: DesignNotes = { requirements: '', api: '', dataModel: '', estimates: '', tradeOffs: '' };

describe('design checklist coverage', () => {
  it('finds evidence in what was said, the notes pane and the board, naming the source', () => {
    const board = described(
      scene([
        box('api', 0, 0),
        label('api', 'POST /payments'),
        box('q', 200, 0),
        label('q', 'Retry queue (dedupe by event id)'),
      ]),
    );
    const coverage = designChecklistCoverage(checklist, {
      transcript: 'The clients send an Idempotency-Key header with every request.',
      notes: { ...emptyNotes, requirements: 'Cards only; refunds out of scope', tradeOffs: 'ok' },
      board,
    });
    const byId = Object.fromEntries(coverage.map((c) => [c.id, c]));
    expect(byId.requirements?.evidence).toEqual([{ source: 'notes', quote: 'Cards only; refunds out of scope' }]);
    expect(byId.api?.evidence).toEqual([{ source: 'board', quote: 'POST /payments' }]);
    expect(byId.idempotency?.evidence).toEqual([
      { source: 'transcript', quote: 'Idempotency-Key' },
      { source: 'board', quote: 'Retry queue (dedupe by event id)' },
    ]);
    expect(byId['failure-handling']).toMatchObject({ mentioned: true, evidence: [{ source: 'board' }] });
    // A notes field with a word or two is not evidence on its own.
    expect(byId['trade-offs']).toMatchObject({ mentioned: false, evidence: [] });
  });

  it('mentions nothing for an empty board, empty notes and no answer', () => {
    const coverage = designChecklistCoverage(checklist, { transcript: '', notes: null, board: described(scene([])) });
    expect(coverage.every((c) => !c.mentioned && c.evidence.length === 0)).toBe(true);
  });
});

describe('components the interviewer asks about', () => {
  const board = described(smallDesign());

  it("prefers a label with the item's words, else the most connected component", () => {
    expect(componentFor(board, ['cache', 'postgres'])?.label).toBe('Postgres primary');
    expect(componentFor(board, ['kafka'])?.label).toBe('Payments API');
    expect(componentFor(described(scene([box('a', 0, 0)])), [])).toBeNull();
  });

  it('finds neighbours by arrows', () => {
    expect(neighbours(board, 'api').map((c) => c.label)).toEqual(['Clients', 'Postgres primary']);
  });
});

describe('board observations', () => {
  const withCache = () => {
    const s = smallDesign();
    s.elements = s.elements.map((e) => (e.id === 'api-label' ? { ...e, originalText: 'Redis cache' } : e));
    return described(s);
  };

  it('points out a cache between two components that nobody talked about evicting or invalidating', () => {
    expect(boardObservations(withCache(), ['We read through the cache and write to the primary.'])).toEqual([
      'Drew a cache ("Redis cache") between "Clients" and "Postgres primary" — no eviction or invalidation mentioned.',
      'Drew a database ("Postgres primary") next to "Redis cache" — no replicas or failover mentioned.',
    ]);
  });

  it('says nothing once the concern was mentioned anywhere', () => {
    expect(
      boardObservations(withCache(), ['Entries expire after a TTL of a minute.', 'A replica takes over on failover.']),
    ).toEqual([]);
  });
});
