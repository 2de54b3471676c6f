import { useEffect, useState } from 'react';
import { href } from '../../router.js';
import { DataPanel } from './DataPanel.js';
import { takeFlash } from './flash.js';
import { historyHref } from './routes.js';
import { SearchResults } from './SearchResults.js';
import { SessionBrowser } from './SessionBrowser.js';

/**
 * Past sessions: a search over everything said, asked and noted; the list with filters; and
 * the candidate's data (export, import, delete).
 */
export function HistoryScreen({ initialQuery }: { initialQuery: string }) {
  const [query, setQuery] = useState(initialQuery);
  const [debounced, setDebounced] = useState(initialQuery.trim());
  const [flash] = useState(takeFlash);
  // Bumped when data changes under the list (import, delete all), so it loads again.

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);

  // The search lives in the address, so Back from a result comes back to it. replaceState
  // does not fire hashchange: the page does not re-route (or move focus) while typing.
  useEffect(() => {
    window.history.replaceState(
      null,
      '',
      historyHref(debounced ? { name: 'history', query: debounced } : { name: 'history' }),
    );
  }, [debounced]);

  return (
    <div className="stack history-screen">
      <header className="page-header">
        <div>
          <h1>History</h1>
          <p className="muted">Every session you practised, with its transcript, recordings and feedback.</p>
        </div>
        <a className="button" href={href({ name: 'progress' })}>
          See your progress
        </a>
      </header>
      {flash && (
        <div className="notice good" role="status">
          {flash}
        </div>
      )}
      <form className="history-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="history-search" className="label">
          Search your sessions
        </label>
        <input
          id="history-search"
          type="search"
          value={query}
          placeholder="Words from a question, an answer or your notes"
          autoComplete="off"
          maxLength={500}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault();
              setQuery('');
            }
          }}
        />
      </form>
      {debounced ? (
        <SearchResults key={debounced} query={debounced} />
      ) : (
        <>
          <SessionBrowser />
          <DataPanel />
        </>
      )}
    </div>
  );
}
