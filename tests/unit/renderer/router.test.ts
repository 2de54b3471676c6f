import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from '../../../renderer/src/router.js';

describe('app routes', () => {
  it('round-trip through the address, ids with odd characters included', () => {
    const routes: Route[] = [
      { name: 'library' },
      { name: 'role', roleId: 'stripe-backend-engineer' },
      { name: 'settings' },
      { name: 'models' },
      { name: 'practice', sessionId: 'a/b?c#d' },
      { name: 'summary', sessionId: '3f1c' },
      { name: 'history' },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  });

  it('sends an unknown or damaged address to the library', () => {
    expect(parseRoute('')).toEqual({ name: 'library' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'library' });
    expect(parseRoute('#/practice/')).toEqual({ name: 'library' });
  });
});
