import { useEffect, useState } from 'react';
import type { SearchHit, SearchResults as Results, SnippetPart } from '../../../../main/contract/services/sessions.js';
import { api, errorMessage } from '../../api/client.js';
import { ROUND_KIND_LABELS } from '../../labels.js';
import { href } from '../../router.js';
import { formatDateTime, formatPosition } from './format.js';

const STEP = 30;

export function SearchResults({ query }: { query: string }) {
  const [limit, setLimit] = useState(STEP);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setLimit(STEP), [query]);

  useEffect(() => {
    let current = true;
    setError(null);
    api.sessions.search({ query, limit }).then(
      (value) => current && setResults(value),
      (e: unknown) => current && setError(errorMessage(e)),
    );
    return () => {
      current = false;
    };
  }, [query, limit]);

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
        {(ROUND_KIND_LABELS[hit.roundKind] ?? hit.roundKind) !== hit.roundTitle && (
          <span className="chip">{ROUND_KIND_LABELS[hit.roundKind] ?? hit.roundKind}</span>
        )}
        <span className="muted">{formatDateTime(hit.createdAt)}</span>
      </span>
      <span className="hit-kind small">
        {KIND_LABELS[hit.kind]}
        {hit.startMs !== null && ` at ${formatPosition(hit.startMs)}`}
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
