import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState, type ComponentProps } from 'react';
import type { ProgressView } from '../../../../main/contract/services/sessions.js';
import { api } from '../../api/client.js';
import { Async } from '../../components/Loading.js';
import { RoundKindSelect } from '../../components/RoundKindSelect.js';
import { apiKey } from '../../data/query-client.js';
import { href } from '../../router.js';
import { Attempts } from './Attempts.js';
import { DamagedNotice } from './DamagedNotice.js';
import { formatDay, formatDayTime } from './format.js';
import { seriesByRoundKind } from './progress-series.js';
import type { ChartSeries, LineChart as LineChartComponent } from './ProgressChart.js';

// chart.js is most of this screen's weight: it loads when the screen is first opened.
const LazyLineChart = lazy(() => import('./ProgressChart.js').then((m) => ({ default: m.LineChart })));

function LineChart(props: ComponentProps<typeof LineChartComponent>) {
  return (
    <Suspense fallback={<div className="chart-box" aria-hidden="true" />}>
      <LazyLineChart {...props} />
    </Suspense>
  );
}

export function ProgressScreen({ questionId }: { questionId?: string | undefined }) {
  const filters = useQuery({ queryKey: apiKey('sessions', 'filters'), queryFn: () => api.sessions.filters() });
  const [roleId, setRoleId] = useState('');
  const [roundKind, setRoundKind] = useState('');
  const input = { ...(roleId ? { roleId } : {}), ...(roundKind ? { roundKind } : {}) };
  const view = useQuery({
    queryKey: apiKey('sessions', 'progress', input),
    queryFn: () => api.sessions.progress(input),
  });

  return (
    <div className="stack progress-screen">
      <header className="page-header">
        <div>
          <h1>Progress</h1>
          <p className="muted">How your scores and delivery change from session to session.</p>
        </div>
        <a className="button" href={href({ name: 'history' })}>
          All sessions
        </a>
      </header>
      <div className="history-filters" role="group" aria-label="Which sessions">
        <div className="field">
          <label htmlFor="progress-role">Role</label>
          <select id="progress-role" value={roleId} onChange={(e) => setRoleId(e.target.value)}>
            <option value="">All roles</option>
            {filters.data &&
              filters.data.roles.map((r) => (
                <option key={r.roleId} value={r.roleId}>
                  {r.roleTitle}
                </option>
              ))}
          </select>
        </div>
        <RoundKindSelect
          id="progress-kind"
          label="Round"
          allLabel="All rounds"
          kinds={filters.data?.roundKinds ?? []}
          value={roundKind}
          onChange={setRoundKind}
        />
      </div>
      <Async state={view} label="your progress">
        {(value) => (
          <>
            <DamagedNotice damaged={value.damaged} />
            <Progress view={value} questionId={questionId} />
          </>
        )}
      </Async>
    </div>
  );
}

function Progress({ view, questionId }: { view: ProgressView; questionId?: string | undefined }) {
  const labels = useMemo(() => {
    const days = view.points.map((p) => formatDay(p.createdAt));
    // Several sessions on one day are told apart by their time.
    return new Set(days).size === days.length ? days : view.points.map((p) => formatDayTime(p.createdAt));
  }, [view]);
  // One line per round kind (and score): a behavioral round is not the next step of a coding one.
  const scoreSeries = useMemo<ChartSeries[]>(
    () =>
      view.dimensions.flatMap((d) =>
        seriesByRoundKind(
          view.points,
          (p) => p.scores[d.id] ?? null,
          (kind) => (view.dimensions.length === 1 ? kind : `${d.label} · ${kind}`),
        ),
      ),
    [view],
  );
  const spoken = view.points.some((p) => p.delivery.wordsPerMinute !== null || p.delivery.fillersPer100Words !== null);
  const deliverySeries = useMemo<ChartSeries[]>(
    () => [
      ...seriesByRoundKind(
        view.points,
        (p) => p.delivery.wordsPerMinute,
        (kind) => `Words per minute · ${kind}`,
      ),
      ...seriesByRoundKind(
        view.points,
        (p) => p.delivery.fillersPer100Words,
        (kind) => `Fillers per 100 words · ${kind}`,
        'right',
      ),
    ],
    [view],
  );

  if (view.points.length === 0) {
    return (
      <div className="card">
        <p>No sessions to show yet. Practise a round and your scores will appear here.</p>
        <a className="button primary" href={href({ name: 'library' })}>
          Choose a role to practise
        </a>
      </div>
    );
  }
  return (
    <>
      <section className="card stack" aria-labelledby="scores-heading">
        <h2 id="scores-heading">Scores over time</h2>
        {view.dimensions.length === 0 ? (
          <p className="muted small" data-testid="no-scores">
            No scores yet. Only an interviewer model judges how good an answer was; without one, each session’s feedback
            lists which rubric points your answers mentioned, with the sentence, and gives no score. Add a model on the
            Models screen to see scores here.
          </p>
        ) : (
          <>
            <p className="muted small">The model’s scores, out of 100, for each session it judged.</p>
            <LineChart
              labels={labels}
              series={scoreSeries}
              leftTitle="Score (0–100)"
              percent
              description={`The model’s scores for ${view.points.length} session${view.points.length === 1 ? '' : 's'}. The table below lists every value.`}
            />
          </>
        )}
        <details className="outline">
          <summary>Show the figures as a table</summary>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  {view.dimensions.map((d) => (
                    <th key={d.id} scope="col">
                      {d.label}
                    </th>
                  ))}
                  <th scope="col">Words per minute</th>
                  <th scope="col">Fillers per 100 words</th>
                </tr>
              </thead>
              <tbody>
                {view.points.map((p) => (
                  <tr key={p.sessionId}>
                    <th scope="row">
                      <a href={href({ name: 'session', sessionId: p.sessionId })}>
                        {formatDay(p.createdAt)} · {p.roundTitle}
                      </a>
                    </th>
                    {view.dimensions.map((d) => (
                      <td key={d.id} className="tabular">
                        {p.scores[d.id] ?? '—'}
                      </td>
                    ))}
                    <td className="tabular">{p.delivery.wordsPerMinute ?? '—'}</td>
                    <td className="tabular">{p.delivery.fillersPer100Words ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <section className="card stack" aria-labelledby="delivery-heading">
        <h2 id="delivery-heading">Delivery</h2>
        {spoken ? (
          <>
            <p className="muted small">Pace and filler words of your spoken answers. Typed answers are left out.</p>
            <LineChart
              labels={labels}
              series={deliverySeries}
              leftTitle="Words per minute"
              rightTitle="Fillers per 100 words"
              description="Words per minute and filler words per 100 words for each session with spoken answers. The table above lists every value."
            />
          </>
        ) : (
          <p className="muted">Pace and filler words appear here once you answer out loud.</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="repeated-heading">
        <h2 id="repeated-heading">The same question, attempt by attempt</h2>
        {view.repeatedQuestions.length === 0 ? (
          <p className="muted">
            Questions you answer more than once show up here, to compare your attempts side by side.
          </p>
        ) : (
          <ul className="repeated-list">
            {view.repeatedQuestions.map((q) => (
              <li key={q.questionId}>
                <a
                  href={href({ name: 'progress', questionId: q.questionId })}
                  aria-current={q.questionId === questionId ? 'true' : undefined}
                >
                  {q.prompt}
                </a>{' '}
                <span className="muted small">({q.attempts} attempts)</span>
              </li>
            ))}
          </ul>
        )}
        {questionId && <Attempts key={questionId} questionId={questionId} />}
      </section>
    </>
  );
}
