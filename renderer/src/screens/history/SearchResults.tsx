import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatClock } from '../../../../main/contract/format.js';
import type { SearchHit, SearchResults as Results, SnippetPart } from '../../../../main/contract/services/sessions.js';
import { api, errorMessage } from '../../api/client.js';
import { apiKey } from '../../data/query-client.js';
import { roundKindLabel } from '../../labels.js';
import { href } from '../../router.js';
import { formatDateTime } from './format.js';

const STEP = 30;

/** A new query starts again from the first results (the parent keys this by the query). */
export function SearchResults({ query }: { query: string }) {
  const [limit, setLimit] = useState(STEP);
  const search = useQuery({
    queryKey: apiKey('sessions', 'search', { query, limit }),
    queryFn: () => api.sessions.search({ query, limit }),
    // Showing more keeps the results already on screen until the longer list arrives.
    placeholderData: keepPreviousData,
  });
  const results: Results | null = search.data ?? null;
  const error = search.error ? errorMessage(search.error) : null;

  if (error)
    return (
      <div className="notice error" role="alert">
        The search did not work: {error} Try other words.
      </div>
    );
  if (!results)
    return (
      <p className="muted" role="status">
        Searching…
      </p>
    );
  return (
    <section className="stack" aria-labelledby="results-heading">
      <h2 id="results-heading" className="visually-hidden">
        Search results
      </h2>
      <p className="muted small" role="status" aria-live="polite">
        {statusLine(results, query)}
      </p>
      {results.hits.length > 0 && (
        <ol className="search-results">
          {results.hits.map((hit, i) => (
            <li key={`${hit.sessionId}-${hit.kind}-${hit.turnSeq ?? ''}-${hit.startMs ?? ''}-${i}`}>
              <Hit hit={hit} />
            </li>
          ))}
        </ol>
      )}
      {results.hasMore && limit < 200 && (
        <div>
          <button type="button" className="button" onClick={() => setLimit((l) => Math.min(200, l + STEP))}>
            Show more results
          </button>
        </div>
      )}
    </section>
  );
}

function statusLine(results: Results, query: string): string {
  if (results.terms.length === 0)
    return `Nothing to search for in “${query}”: type a word or a number (symbols and emoji are not searched).`;
  if (results.hits.length === 0) return `No session mentions “${results.terms.join(' ')}”. Try fewer or other words.`;
  const n = results.hits.length;
  return `${results.hasMore ? `The ${n} most recent` : n} result${n === 1 ? '' : 's'} for “${results.terms.join(' ')}”.`;
}

const KIND_LABELS: Record<SearchHit['kind'], string> = {
  question: 'Question',
  answer: 'Your answer',
  transcript: 'What you said',
  notes: 'Your notes',
  board: 'On your whiteboard',
  code: 'Your code',
};

function Hit({ hit }: { hit: SearchHit }) {
  const target = href({
    name: 'session',
    sessionId: hit.sessionId,
    ...(hit.turnSeq !== null ? { turn: hit.turnSeq } : {}),
    ...(hit.startMs !== null ? { at: hit.startMs } : {}),
  });
  return (
    <a className="search-hit card" href={target} data-testid="search-hit">
      <span className="hit-head small">
        <strong>{hit.roleTitle}</strong>
        <span>{hit.roundTitle}</span>
        {roundKindLabel(hit.roundKind) !== hit.roundTitle && (
          <span className="chip">{roundKindLabel(hit.roundKind)}</span>
        )}
        <span className="muted">{formatDateTime(hit.createdAt)}</span>
      </span>
      <span className="hit-kind small">
        {KIND_LABELS[hit.kind]}
        {hit.startMs !== null && ` at ${formatClock(hit.startMs, 'down')}`}
        {hit.turnSeq !== null && hit.kind !== 'notes' && <span className="muted"> · turn {hit.turnSeq}</span>}
      </span>
      <Snippet parts={hit.snippet} />
    </a>
  );
}

export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <span className="snippet">
      {parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}
