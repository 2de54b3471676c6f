import { useEffect, useState } from 'react';
import { historyHref, parseHistoryRoute, type HistoryRoute } from './screens/history/routes.js';

/** Hash routes: they work the same under app:// and the bridge, and survive reloads. */
export type Route =
  | { name: 'library' }
  | { name: 'role'; roleId: string }
  | { name: 'settings' }
  | { name: 'models' }
  | { name: 'practice'; sessionId: string }
  | { name: 'summary'; sessionId: string }
  | HistoryRoute;

export function parseRoute(hash: string): Route {
  const history = parseHistoryRoute(hash);
  if (history) return history;
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'role' && parts[1]) return { name: 'role', roleId: parts[1] };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'models') return { name: 'models' };
  if (parts[0] === 'practice' && parts[1]) return { name: 'practice', sessionId: parts[1] };
  if (parts[0] === 'summary' && parts[1]) return { name: 'summary', sessionId: parts[1] };
  return { name: 'library' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'library':
      return '#/';
    case 'role':
      return `#/role/${encodeURIComponent(route.roleId)}`;
    case 'settings':
      return '#/settings';
    case 'models':
      return '#/models';
    case 'practice':
      return `#/practice/${encodeURIComponent(route.sessionId)}`;
    case 'summary':
      return `#/summary/${encodeURIComponent(route.sessionId)}`;
    case 'history':
    case 'session':
    case 'progress':
      return historyHref(route);
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
