import type { AnswerFeedback } from '../../../../main/contract/services/feedback.js';

/** Delivery metrics of one answer: value, what a good value looks like, and what it means. */
export function MetricsTable({ answer, caption }: { answer: AnswerFeedback; caption: string }) {
  const typed = answer.metrics.mode === 'typed';
  return (
    <div className="metrics">
      <table className="metrics-table">
        <caption>
          {caption} <span className="chip">{typed ? 'Typed' : 'Spoken'}</span>
          {typed && (
            <span className="muted small">
              {' '}
              Pace, pauses and time to first word are measured on spoken answers only.
            </span>
          )}
        </caption>
        <colgroup>
          <col className="metrics-name" />
          <col className="metrics-yours" />
          <col className="metrics-range" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Yours</th>
            <th scope="col">Good range</th>
            <th scope="col">What it means</th>
          </tr>
        </thead>
        <tbody>
          {answer.metricViews.map((m) => (
            <tr key={m.id} data-metric={m.id}>
              <th scope="row">{m.label}</th>
              <td>
                <span className="tabular">{m.value}</span>{' '}
                {m.status === 'watch' && <span className="chip warn">Worth a look</span>}
                {m.details.length > 0 && (
                  <div className="muted small metric-details">
                    {m.details.map((d, i) => (
                      <span key={i}>
                        {i > 0 && ' · '}
                        <span className="metric-detail">{d}</span>
                      </span>
                    ))}
                  </div>
                )}
              </td>
              <td className="muted">{m.goodRange}</td>
              <td className="muted">{m.meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
