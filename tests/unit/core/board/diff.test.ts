import { describe, expect, it } from 'vitest';
import { describeScene } from '../../../../main/core/board/describe.js';
import { boardUpdateText, diffBoards } from '../../../../main/core/board/diff.js';
import { arrow, box, label, note, smallDesign } from './scenes.js';

function described(data: unknown) {
  const result = describeScene(data);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('board diff', () => {
  const before = described(smallDesign());

  it('gives the whole description on the first look', () => {
    expect(boardUpdateText(null, before)).toMatch(/^The board has 3 components, 2 arrows, 0 notes\./);
  });

  it('says when nothing changed', () => {
    expect(boardUpdateText(before, described(smallDesign()))).toBe('No change on the board since your last look.');
  });

  it('lists additions, renames and removals by element id', () => {
    const next = smallDesign();
    next.elements = next.elements
      .filter((e) => e.id !== 'a2' && e.id !== 'a2-label')
      .map((e) => (e.id === 'db-label' ? { ...e, originalText: 'Postgres (primary + replica)' } : e));
    next.elements.push(
      box('cache', 200, 200),
      label('cache', 'Redis cache'),
      arrow('a3', [250, 64], [250, 196], { start: 'api', end: 'cache' }),
      label('a3', 'read-through'),
      note('n1', 'TTL 60 s'),
      { id: 'fr', type: 'frame', x: 0, y: 0, width: 10, height: 10, name: 'Region A' },
    );
    const after = described(next);
    expect(diffBoards(before, after).changes).toEqual([
      'renamed "Postgres primary" to "Postgres (primary + replica)"',
      'added "Redis cache" (rectangle)',
      'added arrow "Payments API" → "Redis cache": "read-through"',
      'removed arrow "Payments API" → "Postgres primary": "SQL writes"',
      'added note "TTL 60 s"',
      'added frame "Region A"',
    ]);
    expect(boardUpdateText(before, after)).toMatch(
      /^Changes on the board since your last look:\n- renamed "Postgres primary"/,
    );
  });

  it('sees an arrow re-pointed or relabelled, and a shape removed', () => {
    const next = smallDesign();
    next.elements = next.elements
      .filter((e) => e.id !== 'clients' && e.id !== 'clients-label')
      .map((e) => (e.id === 'a2-label' ? { ...e, originalText: 'writes' } : e));
    expect(diffBoards(before, described(next)).changes).toEqual([
      'removed "Clients"',
      'changed arrow "Clients" → "Payments API": "HTTPS" to (loose end) → "Payments API": "HTTPS"',
      'changed arrow "Payments API" → "Postgres primary": "SQL writes" to "Payments API" → "Postgres primary": "writes"',
    ]);
  });
});
