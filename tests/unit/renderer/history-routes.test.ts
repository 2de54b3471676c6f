import { describe, expect, it } from 'vitest';
import { historyHref, parseHistoryRoute, type HistoryRoute } from '../../../renderer/src/screens/history/routes.js';

describe('history routes', () => {
  it('round-trip through the address', () => {
    const routes: HistoryRoute[] = [
      { name: 'history' },
      { name: 'history', query: 'idempotency "AND" (x) & #?/' },
      { name: 'session', sessionId: '3f1c-uuid' },
      { name: 'session', sessionId: 'a/b?c', turn: 3 },
      { name: 'session', sessionId: 'abc', turn: 2, at: 65_000 },
      { name: 'progress' },
      { name: 'progress', questionId: 'q-conflict' },
    ];
    for (const route of routes) expect(parseHistoryRoute(historyHref(route))).toEqual(route);
  });

  it('reads the addresses search results link to', () => {
    expect(historyHref({ name: 'session', sessionId: 's1', turn: 4, at: 2500 })).toBe('#/history/s1?turn=4&t=2500');
    expect(parseHistoryRoute('#/history/s1?turn=4&t=2500')).toEqual({
      name: 'session',
      sessionId: 's1',
      turn: 4,
      at: 2500,
    });
  });

  it('ignores malformed parts and leaves other screens alone', () => {
    expect(parseHistoryRoute('#/history/s1?turn=-1&t=abc')).toEqual({ name: 'session', sessionId: 's1' });
    expect(parseHistoryRoute('#/history/%E0%A4%A')).toEqual({ name: 'history' });
    expect(parseHistoryRoute('#/history?q=')).toEqual({ name: 'history' });
    expect(parseHistoryRoute('#/settings')).toBeNull();
    expect(parseHistoryRoute('#/practice/abc')).toBeNull();
    expect(parseHistoryRoute('')).toBeNull();
  });
});
