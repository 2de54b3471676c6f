import { useEffect, useMemo, useRef, useState } from 'react';
import { MAX_SEARCH_HITS, searchFiles } from './project-helpers.js';

interface SearchPanelProps {
  /** The files as typed so far, read when the query changes. */
  read: () => Record<string, string>;
  onOpen: (path: string, line: number) => void;
  /** A new value puts the cursor in the search field. */
  focusToken: number;
}

/** Search across every file (Ctrl/Cmd+Shift+F); a hit opens its file at the line. */
export function SearchPanel({ read, onOpen, focusToken }: SearchPanelProps) {
  const [query, setQuery] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusToken]);
  const hits = useMemo(() => searchFiles(read(), query), [read, query]);
  return (
    <div className="pj-search">
      <label className="field">
        <span className="label">Search all files</span>
        <input
          ref={inputRef}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="e.g. parseAmount, cursor, Retry-After"
        />
      </label>
      {query.trim() && (
        <p className="muted small" role="status">
          {hits.length === 0
            ? `Nothing matches “${query.trim()}”.`
            : `${hits.length}${hits.length >= MAX_SEARCH_HITS ? '+' : ''} matching line${hits.length === 1 ? '' : 's'}`}
        </p>
      )}
      <ul className="pj-hits" aria-label="Search results">
        {hits.map((hit) => (
          <li key={`${hit.path}:${hit.line}`}>
            <button type="button" className="pj-hit" onClick={() => onOpen(hit.path, hit.line)}>
              <span className="pj-hit-place">
                {hit.path}:{hit.line}
              </span>
              <code>{hit.text}</code>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
