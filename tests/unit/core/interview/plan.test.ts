import { describe, expect, it } from 'vitest';
import { mulberry32, pickQuestions, seededShuffle } from '../../../../main/core/interview/plan.js';

const items = Array.from({ length: 12 }, (_, i) => `q${i + 1}`);
const qs = items.map((id) => ({ id }));
const ids = (list: { id: string }[]) => list.map((q) => q.id);

describe('mulberry32', () => {
  it('repeats for a seed, stays in [0, 1) and differs across seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seqA = Array.from({ length: 50 }, a);
    expect(Array.from({ length: 50 }, b)).toEqual(seqA);
    for (const x of seqA) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(new Set(seqA).size).toBeGreaterThan(45);
    expect(Array.from({ length: 50 }, mulberry32(43))).not.toEqual(seqA);
  });
});

describe('seededShuffle', () => {
  it('is deterministic for a seed', () => {
    expect(seededShuffle(items, 7)).toEqual(seededShuffle(items, 7));
  });

  it('is a permutation and does not touch its input', () => {
    const input = [...items];
    const out = seededShuffle(input, 7);
    expect(input).toEqual(items);
    expect([...out].sort()).toEqual([...items].sort());
  });

  it('differs across seeds', () => {
    const orders = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => seededShuffle(items, seed).join(',')));
    expect(orders.size).toBe(8);
    expect(orders.has(items.join(','))).toBe(false);
  });

  it('handles empty and single-item lists', () => {
    expect(seededShuffle([], 1)).toEqual([]);
    expect(seededShuffle(['only'], 1)).toEqual(['only']);
  });
});

describe('pickQuestions', () => {
  it('returns count items, all different', () => {
    for (const count of [0, 1, 3, 12]) {
      const picked = pickQuestions(qs, count, 5, new Map());
      expect(picked).toHaveLength(count);
      expect(new Set(ids(picked)).size).toBe(count);
    }
  });

  it('returns every question when asked for more than exist, and none for a negative count', () => {
    expect(pickQuestions(qs, 20, 5, new Map())).toHaveLength(12);
    expect(pickQuestions(qs, -1, 5, new Map())).toEqual([]);
  });

  it('with nothing practised, follows the seeded shuffle: the same for a seed, different across seeds', () => {
    expect(ids(pickQuestions(qs, 12, 9, new Map()))).toEqual(seededShuffle(items, 9));
    expect(ids(pickQuestions(qs, 4, 9, new Map()))).toEqual(ids(pickQuestions(qs, 4, 9, new Map())));
    const firstFour = new Set([1, 2, 3, 4, 5, 6].map((seed) => ids(pickQuestions(qs, 4, seed, new Map())).join(',')));
    expect(firstFour.size).toBeGreaterThan(1);
  });

  it('prefers never-practised questions, whatever the seed', () => {
    const practised = new Map(items.slice(0, 9).map((id, i) => [id, 1_000 + i]));
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(ids(pickQuestions(qs, 3, seed, practised)).sort()).toEqual(['q10', 'q11', 'q12']);
    }
  });

  it('then the ones practised longest ago, oldest first', () => {
    const practised = new Map<string, number>(items.map((id, i) => [id, 10_000 - i * 10]));
    // q12 was practised longest ago, q1 most recently.
    expect(ids(pickQuestions(qs, 4, 1, practised))).toEqual(['q12', 'q11', 'q10', 'q9']);
    const mixed = new Map([
      ['q1', 500],
      ['q2', 100],
      ['q3', 300],
    ]);
    const three = [{ id: 'q1' }, { id: 'q2' }, { id: 'q3' }, { id: 'q4' }];
    expect(ids(pickQuestions(three, 4, 1, mixed))).toEqual(['q4', 'q2', 'q3', 'q1']);
  });

  it('breaks ties between equally old questions by the seed', () => {
    const practised = new Map(items.map((id) => [id, 1_000]));
    expect(ids(pickQuestions(qs, 12, 3, practised))).toEqual(seededShuffle(items, 3));
  });
});
