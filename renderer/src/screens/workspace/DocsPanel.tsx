import { useState } from 'react';
import type { Language } from '../../../../content/schema.js';
import { codeFor, searchReference } from './language-reference.js';
import { LocalDocs } from './LocalDocs.js';

const LANGUAGE_NAMES: Record<Language, string> = {
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  python: 'Python',
};

/**
 * The exercise's own reference material, the user's own documentation folder (set in Settings),
 * and a searchable reference for the chosen language.
 */
export function DocsPanel({ docs, language }: { docs: string | null; language: Language }) {
  const [query, setQuery] = useState('');
  const entries = searchReference(query, language);
  return (
    <div className="ws-docs">
      {docs && (
        <section aria-label="About this problem">
          <h3 className="small-heading">About this problem</h3>
          <pre className="ws-docs-text">{docs}</pre>
        </section>
      )}
      <section aria-label="Your documentation">
        <h3 className="small-heading">Your documentation</h3>
        <LocalDocs />
      </section>
      <section aria-label={`${LANGUAGE_NAMES[language]} reference`}>
        <h3 className="small-heading">{LANGUAGE_NAMES[language]} reference</h3>
        <label className="field">
          <span className="label">Search the reference</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="e.g. sort, deque, hmac, dates"
          />
        </label>
        {entries.length === 0 && <p className="muted">Nothing matches “{query}”.</p>}
        {entries.map((entry) => (
          <article key={entry.id} className="ws-ref-entry">
            <h4>{entry.title}</h4>
            <pre>{codeFor(entry, language)}</pre>
            {entry.note && <p className="muted small">{entry.note}</p>}
          </article>
        ))}
      </section>
    </div>
  );
}
