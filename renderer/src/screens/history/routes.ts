/**
 * The history screens' hash routes. A search and a jump to one moment of a session live in
 * the address, so Back returns to the results and a result can be reopened later.
 *
 *   #/history?q=<words>             the list, or search results when q is set
 *   #/history/<id>?turn=<seq>&t=<ms> one session, scrolled to a turn (and a moment in its audio)
 *   #/progress?question=<id>         progress, with one question's attempts side by side
 */
export type HistoryRoute =
  | { name: 'history'; query?: string }
  | { name: 'session'; sessionId: string; turn?: number; at?: number }
  | { name: 'progress'; questionId?: string };

function numberParam(params: URLSearchParams, key: string): number | undefined {
  const value = params.get(key);
  if (value === null || !/^\d{1,12}$/.test(value)) return undefined;
  return Number(value);
}

export function parseHistoryRoute(hash: string): HistoryRoute | null {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const params = new URLSearchParams(search);
  const raw = path.split('/');
  if (raw[0] !== 'history' && raw[0] !== 'progress') return null;
  let parts: string[];
  try {
    parts = raw.map(decodeURIComponent);
  } catch {
    // A damaged address of ours: the list, rather than a crash.
    return { name: 'history' };
  }
  if (parts[0] === 'history' && parts[1]) {
    const turn = numberParam(params, 'turn');
    const at = numberParam(params, 't');
    return {
      name: 'session',
      sessionId: parts[1],
      ...(turn !== undefined ? { turn } : {}),
      ...(at !== undefined ? { at } : {}),
    };
  }
  if (parts[0] === 'history') {
    const query = params.get('q');
    return query ? { name: 'history', query } : { name: 'history' };
  }
  if (parts[0] === 'progress') {
    const questionId = params.get('question');
    return questionId ? { name: 'progress', questionId } : { name: 'progress' };
  }
  return null;
}

export function historyHref(route: HistoryRoute): string {
  switch (route.name) {
    case 'history':
      return route.query ? `#/history?${new URLSearchParams({ q: route.query }).toString()}` : '#/history';
    case 'session': {
      const params = new URLSearchParams();
      if (route.turn !== undefined) params.set('turn', String(route.turn));
      if (route.at !== undefined) params.set('t', String(route.at));
      const query = params.toString();
      return `#/history/${encodeURIComponent(route.sessionId)}${query ? `?${query}` : ''}`;
    }
    case 'progress':
      return route.questionId
        ? `#/progress?${new URLSearchParams({ question: route.questionId }).toString()}`
        : '#/progress';
  }
}
