/**
 * The user's own documentation folder in the Docs tab: a search box whose results are picked
 * with the arrow keys and Enter (or a click), and the chosen document shown as text, Markdown
 * with a list of its headings, never as HTML.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { DocsHit } from '../../../../main/contract/services/docs.js';
import { api } from '../../api/client.js';
import { Async } from '../../components/Loading.js';
import { apiKey } from '../../data/query-client.js';
import { useSettings } from '../../data/settings.js';
import { href } from '../../router.js';
import { parseMarkdown } from '../project/markdown.js';
import { MarkdownBlocks, Text } from '../project/Markdown.js';
import { DocsStatusLine } from '../settings/DocsFolderSetting.js';

/** Waits for typing to pause before asking core, so a long folder is not searched per keystroke. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function Snippet({ hit }: { hit: DocsHit }) {
  const parts: ReactNode[] = [];
  let at = 0;
  hit.marks.forEach(([start, end], i) => {
    if (start > at) parts.push(hit.snippet.slice(at, start));
    parts.push(<mark key={i}>{hit.snippet.slice(start, end)}</mark>);
    at = end;
  });
  parts.push(hit.snippet.slice(at));
  return <span className="docs-hit-snippet">{parts}</span>;
}

function LocalDocument({ path, onBack }: { path: string; onBack: () => void }) {
  const doc = useQuery({ queryKey: apiKey('docs', 'open', { path }), queryFn: () => api.docs.open({ path }) });
  const back = useRef<HTMLButtonElement>(null);
  const top = useRef<HTMLElement>(null);
  const prefix = useId();
  // The document starts where it opened (below the problem's own docs), in view.
  useEffect(() => {
    top.current?.scrollIntoView({ block: 'start' });
    back.current?.focus({ preventScroll: true });
  }, []);
  return (
    <article
      ref={top}
      className="docs-document stack"
      aria-label={doc.data?.title ?? path}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onBack();
        }
      }}
    >
      <div className="row">
        <button ref={back} type="button" className="button small" onClick={onBack}>
          ← Results
        </button>
        <code className="muted small docs-path">{path}</code>
      </div>
      <Async state={doc} label="the document">
        {(d) => {
          const blocks = d.format === 'markdown' ? parseMarkdown(d.text) : [];
          const headings = blocks.filter((b) => b.kind === 'heading');
          let h = 0;
          return (
            <>
              <h4 className="docs-title">{d.title}</h4>
              {headings.length > 2 && (
                <nav aria-label="Headings in this document" className="docs-contents">
                  <ul>
                    {headings.map((b, i) => (
                      <li key={i} className={`docs-contents-l${Math.min(b.level, 4)}`}>
                        <a
                          href={`#${prefix}h${i}`}
                          onClick={(e) => {
                            e.preventDefault();
                            const target = document.getElementById(`${prefix}h${i}`);
                            target?.scrollIntoView({ block: 'start' });
                            target?.focus();
                          }}
                        >
                          <Text parts={b.text} />
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
              )}
              {d.format === 'text' ? (
                <pre className="ws-docs-text docs-plain">{d.text}</pre>
              ) : (
                <MarkdownBlocks
                  blocks={blocks}
                  className="pj-md docs-markdown"
                  heading={(b, i) => (
                    <h5
                      key={i}
                      id={`${prefix}h${h++}`}
                      tabIndex={-1}
                      className={`docs-h docs-h${Math.min(b.level, 4)}`}
                    >
                      <Text parts={b.text} />
                    </h5>
                  )}
                />
              )}
              {d.truncated && <p className="muted small">The document is longer than what is shown here.</p>}
            </>
          );
        }}
      </Async>
    </article>
  );
}

export function LocalDocs() {
  const settings = useSettings();
  const [query, setQuery] = useState('');
  // The picked result belongs to one search: a new search starts again at the first.
  const [picked, setPicked] = useState({ query: '', index: 0 });
  const [open, setOpen] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const settled = useSettled(query.trim(), 200);
  const folder = settings.data?.docsFolder ?? null;
  const status = useQuery({ queryKey: apiKey('docs', 'status'), queryFn: () => api.docs.status(), enabled: !!folder });
  const search = useQuery({
    queryKey: apiKey('docs', 'search', { query: settled }),
    queryFn: () => api.docs.search({ query: settled }),
    enabled: !!folder && settled !== '',
  });
  const hits = useMemo(() => (settled === '' ? [] : (search.data?.hits ?? [])), [settled, search.data]);
  const active = picked.query === settled && picked.index < hits.length ? picked.index : 0;

  if (!folder)
    return (
      <p className="muted small" data-testid="docs-folder-none">
        To search your own documentation here (e.g. downloaded language docs), add its folder in{' '}
        <a href={href({ name: 'settings' })}>Settings</a>.
      </p>
    );

  if (open)
    return (
      <LocalDocument
        path={open}
        onBack={() => {
          setOpen(null);
          requestAnimationFrame(() => input.current?.focus());
        }}
      />
    );

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (hits.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setPicked({ query: settled, index: (active + step + hits.length) % hits.length });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      setOpen(hits[active]!.path);
    }
  }

  const optionId = (i: number) => `${listId}-o${i}`;
  return (
    <div className="stack docs-local">
      <label className="field">
        <span className="label">Search your documentation</span>
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={hits.length > 0 ? optionId(active) : undefined}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Words from a title or the text; ↑ ↓ to pick, Enter to open"
          data-testid="docs-local-search"
        />
      </label>
      {status.data && status.data.state !== 'ready' && <DocsStatusLine status={status.data} />}
      {status.data?.state === 'ready' && status.data.truncated && <p className="muted small">{status.data.message}</p>}
      {search.isError && (
        <div className="notice error" role="alert">
          The search did not work. Check the folder in Settings.
        </div>
      )}
      {settled !== '' && search.data?.status.state === 'ready' && hits.length === 0 && (
        <p className="muted small" role="status">
          Nothing in your documentation matches “{settled}”.
        </p>
      )}
      <ul id={listId} role="listbox" aria-label="Matching documents" className="docs-hits">
        {hits.map((hit, i) => (
          <li
            key={hit.path}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="docs-hit"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => setOpen(hit.path)}
          >
            <span className="docs-hit-title">{hit.title}</span>
            <code className="docs-hit-path">{hit.path}</code>
            <Snippet hit={hit} />
          </li>
        ))}
      </ul>
      {search.data && search.data.total > hits.length && (
        <p className="muted small">
          Showing the best {hits.length} of {search.data.total} matches.
        </p>
      )}
    </div>
  );
}
