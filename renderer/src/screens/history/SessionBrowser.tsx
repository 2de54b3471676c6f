import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatLength, formatRoundRecord } from '../../../../main/contract/format.js';
import type { HistoryFilters, SessionListItem } from '../../../../main/contract/services/sessions.js';
import { api, errorMessage } from '../../api/client.js';
import { RoundKindSelect } from '../../components/RoundKindSelect.js';
import { apiKey } from '../../data/query-client.js';
import { roundKindLabel } from '../../labels.js';
import { href } from '../../router.js';
import { DamagedNotice } from './DamagedNotice.js';
import { dateInputToMs, formatDateTime, STATUS_LABELS } from './format.js';

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

/** What the list call gets for these filters (empty ones left out). */
function listInput(filters: Filters) {
  const from = dateInputToMs(filters.from);
  const to = dateInputToMs(filters.to, true);
  return {
    ...(filters.roleId ? { roleId: filters.roleId } : {}),
    ...(filters.roundKind ? { roundKind: filters.roundKind } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    sort: filters.sort,
  };
}

export function SessionBrowser() {
  const options = useQuery({ queryKey: apiKey('sessions', 'filters'), queryFn: () => api.sessions.filters() });
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const input = listInput(filters);
  const list = useInfiniteQuery({
    queryKey: apiKey('sessions', 'list', input),
    queryFn: ({ pageParam }) => api.sessions.list({ ...input, limit: PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.hasMore ? pages.reduce((n, page) => n + page.items.length, 0) : undefined),
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? null;
  const hasMore = list.hasNextPage;
  const error = list.error ? errorMessage(list.error) : null;
  const loadingMore = list.isFetchingNextPage;
  const loadMore = () => void list.fetchNextPage();
  const damaged = list.data?.pages.flatMap((page) => page.damaged ?? []) ?? [];

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = filters.roleId || filters.roundKind || filters.from || filters.to;
  const total = options.data ? options.data.totalSessions : null;

  return (
    <section className="stack" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="visually-hidden">
        Sessions
      </h2>
      <FilterBar
        filters={filters}
        options={options.data ?? null}
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
          <DamagedNotice damaged={damaged} />
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
      <RoundKindSelect
        id="filter-kind"
        label="Round"
        allLabel="All rounds"
        kinds={options?.roundKinds ?? []}
        value={filters.roundKind}
        onChange={(roundKind) => onChange({ roundKind })}
      />
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
          <span data-testid="round-record">{formatRoundRecord(item.record)}</span>
        </div>
      </div>
      <div className="session-badges">
        {roundKindLabel(item.roundKind) !== item.roundTitle && (
          <span className="chip">{roundKindLabel(item.roundKind)}</span>
        )}
        {item.hasAudio && <span className="chip">Recorded</span>}
        {item.status !== 'completed' && (
          <span className={`chip ${item.status === 'in_progress' ? 'warn' : ''}`}>{STATUS_LABELS[item.status]}</span>
        )}
      </div>
      {/* Only a model's judgement is a score; without one the cell stays empty (rule feedback,
          on the session's page, lists what was mentioned). The cell keeps the columns aligned. */}
      <div
        className="session-score"
        title={item.modelScorePct === null ? undefined : 'The model’s mean score, out of 100'}
      >
        {item.modelScorePct !== null && (
          <>
            <span className="score-value tabular">{item.modelScorePct}</span>
            <span className="muted small">model’s score</span>
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
