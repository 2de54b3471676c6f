import { useEffect, useState } from 'react';
import type { HistoryFilters, SessionListItem } from '../../../../main/contract/services/sessions.js';
import { api, errorMessage } from '../../api/client.js';
import { ROUND_KIND_LABELS } from '../../labels.js';
import { href } from '../../router.js';
import { useAsync } from '../../use-async.js';
import { dateInputToMs, formatDateTime, formatLength, STATUS_LABELS } from './format.js';

const PAGE = 25;
type Sort = 'newest' | 'oldest' | 'role';

interface Filters {
  roleId: string;
  roundKind: string;
  from: string;
  to: string;
  sort: Sort;
}

const NO_FILTERS: Filters = { roleId: '', roundKind: '', from: '', to: '', sort: 'newest' };

export function SessionBrowser({ dataVersion }: { dataVersion: number }) {
  const [options] = useAsync(() => api.sessions.filters(), [dataVersion]);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [items, setItems] = useState<SessionListItem[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const query = (offset: number) => {
    const from = dateInputToMs(filters.from);
    const to = dateInputToMs(filters.to, true);
    return api.sessions.list({
      ...(filters.roleId ? { roleId: filters.roleId } : {}),
      ...(filters.roundKind ? { roundKind: filters.roundKind } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      sort: filters.sort,
      limit: PAGE,
      offset,
    });
  };

  useEffect(() => {
    let current = true;
    setError(null);
    query(0).then(
      (page) => {
        if (!current) return;
        setItems(page.items);
        setHasMore(page.hasMore);
      },
      (e: unknown) => current && setError(errorMessage(e)),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, dataVersion]);

  async function loadMore() {
    if (!items) return;
    setLoadingMore(true);
    try {
      const page = await query(items.length);
      setItems([...items, ...page.items]);
      setHasMore(page.hasMore);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  }

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = filters.roleId || filters.roundKind || filters.from || filters.to;
  const total = options.status === 'ready' ? options.value.totalSessions : null;

  return (
    <section className="stack" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="visually-hidden">
        Sessions
      </h2>
      <FilterBar
        filters={filters}
        options={options.status === 'ready' ? options.value : null}
        onChange={set}
        onClear={() => setFilters(NO_FILTERS)}
      />
      {error && (
        <div className="notice error" role="alert">
          Could not load your sessions. {error}
        </div>
      )}
      {items === null && !error && (
        <p className="muted" role="status">
          Loading your sessions…
        </p>
      )}
      {items !== null && (
        <>
          <p className="muted small" role="status">
            {countLine(items.length, hasMore, Boolean(filtered), total)}
          </p>
          {items.length === 0 && !filtered && (
            <div className="card empty-history">
              <p>No sessions yet. Practise a round and it will appear here, with its transcript and feedback.</p>
              <a className="button primary" href={href({ name: 'library' })}>
                Choose a role to practise
              </a>
            </div>
          )}
          <ol className="session-list" aria-label="Sessions">
            {items.map((item) => (
              <SessionRow key={item.sessionId} item={item} />
            ))}
          </ol>
          {hasMore && (
            <div>
              <button type="button" className="button" disabled={loadingMore} onClick={() => void loadMore()}>
                {loadingMore ? 'Loading…' : 'Show more sessions'}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function countLine(shown: number, hasMore: boolean, filtered: boolean, total: number | null): string {
  const plural = (n: number) => `${n} session${n === 1 ? '' : 's'}`;
  if (shown === 0) return filtered ? 'No session matches these filters.' : '';
  if (filtered) return `${plural(shown)} match${shown === 1 ? 'es' : ''}${hasMore ? ' so far' : ''}.`;
  return total !== null && total > shown ? `Showing ${shown} of ${plural(total)}.` : `${plural(shown)}.`;
}

function FilterBar({
  filters,
  options,
  onChange,
  onClear,
}: {
  filters: Filters;
  options: HistoryFilters | null;
  onChange: (patch: Partial<Filters>) => void;
  onClear: () => void;
}) {
  return (
    <div className="history-filters" role="group" aria-label="Filter and sort">
      <div className="field">
        <label htmlFor="filter-role">Role</label>
        <select id="filter-role" value={filters.roleId} onChange={(e) => onChange({ roleId: e.target.value })}>
          <option value="">All roles</option>
          {options?.roles.map((r) => (
            <option key={r.roleId} value={r.roleId}>
              {r.company && !r.roleTitle.includes(r.company) ? `${r.company} — ${r.roleTitle}` : r.roleTitle}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-kind">Round</label>
        <select id="filter-kind" value={filters.roundKind} onChange={(e) => onChange({ roundKind: e.target.value })}>
          <option value="">All rounds</option>
          {options?.roundKinds.map((k) => (
            <option key={k} value={k}>
              {ROUND_KIND_LABELS[k] ?? k}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from">From</label>
        <input
          id="filter-from"
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(e) => onChange({ from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-to">To</label>
        <input
          id="filter-to"
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(e) => onChange({ to: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-sort">Sort</label>
        <select id="filter-sort" value={filters.sort} onChange={(e) => onChange({ sort: e.target.value as Sort })}>
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
          <option value="role">By role</option>
        </select>
      </div>
      <button type="button" className="button small clear-filters" onClick={onClear} disabled={filters === NO_FILTERS}>
        Clear filters
      </button>
    </div>
  );
}

const kindLabel = (kind: string) => ROUND_KIND_LABELS[kind] ?? kind;

function SessionRow({ item }: { item: SessionListItem }) {
  const role =
    item.company && !item.roleTitle.includes(item.company) ? `${item.company} — ${item.roleTitle}` : item.roleTitle;
  const titleId = `session-${item.sessionId}`;
  return (
    <li
      className={`session-row card${item.status === 'in_progress' ? ' interrupted-row' : ''}`}
      data-testid="session-row"
    >
      <div className="session-main">
        <a id={titleId} className="session-link" href={href({ name: 'session', sessionId: item.sessionId })}>
          <span className="session-role">{role}</span>
          <span className="session-round">{item.roundTitle}</span>
        </a>
        <div className="session-meta small muted">
          <time dateTime={new Date(item.createdAt).toISOString()}>{formatDateTime(item.createdAt)}</time>
          <span aria-hidden="true">·</span>
          <span>{formatLength(item.durationMs)}</span>
          <span aria-hidden="true">·</span>
          <span>
            {item.questionsAnswered} of {item.questionsAsked} answered
          </span>
        </div>
      </div>
      <div className="session-badges">
        {kindLabel(item.roundKind) !== item.roundTitle && <span className="chip">{kindLabel(item.roundKind)}</span>}
        {item.hasAudio && <span className="chip">Recorded</span>}
        {item.status !== 'completed' && (
          <span className={`chip ${item.status === 'in_progress' ? 'warn' : ''}`}>{STATUS_LABELS[item.status]}</span>
        )}
      </div>
      <div className="session-score" title="Rubric points covered">
        {item.coveragePct === null ? (
          <span className="muted small">No score</span>
        ) : (
          <>
            <span className="score-value tabular">{item.coveragePct}%</span>
            <span className="muted small">coverage</span>
          </>
        )}
      </div>
      {item.status === 'in_progress' && (
        <a
          className="button small primary"
          href={href({ name: 'practice', sessionId: item.sessionId })}
          aria-describedby={titleId}
        >
          Resume
        </a>
      )}
    </li>
  );
}
