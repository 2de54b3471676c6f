import type { ReactNode } from 'react';
import type { FeedbackEntry, SessionDetail } from '../../../../main/contract/services/sessions.js';

/** The feedback rows when there are any; otherwise the rubric coverage of each question. */
export function FeedbackPanel({ detail }: { detail: SessionDetail }) {
  return (
    <section className="card stack" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">Feedback</h2>
      {detail.feedback.length > 0 ? (
        <ol className="feedback-list">
          {detail.feedback.map((entry) => (
            <li key={entry.id}>
              <FeedbackItem entry={entry} />
            </li>
          ))}
        </ol>
      ) : (
        <Coverage detail={detail} />
      )}
    </section>
  );
}

function FeedbackItem({ entry }: { entry: FeedbackEntry }) {
  const body = entry.body && typeof entry.body === 'object' && !Array.isArray(entry.body) ? (entry.body as Record<string, unknown>) : null;
  const rest = body ? Object.entries(body).filter(([key]) => key !== 'scores') : [];
  return (
    <article className="feedback-item stack-tight">
      <h3 className="small-heading">
        {entry.source === 'llm' ? 'From the AI interviewer' : 'From the rules'}
        <span className="muted"> · {entry.turnSeq === null ? 'whole round' : `answer ${entry.turnSeq}`}</span>
      </h3>
      {entry.scores.length > 0 && (
        <ul className="score-list">
          {entry.scores.map((s) => (
            <li key={s.dimension}>
              <span>{humanize(s.dimension)}</span>
              <meter min={0} max={100} value={s.value} aria-label={`${humanize(s.dimension)}: ${s.value} out of 100`} />
              <span className="tabular small">{s.value}</span>
            </li>
          ))}
        </ul>
      )}
      {body ? rest.length > 0 && <JsonValue value={Object.fromEntries(rest)} /> : <JsonValue value={entry.body} />}
    </article>
  );
}

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The feedback service's JSON, shown as readable text: objects as labelled lists. */
function JsonValue({ value, depth = 0 }: { value: unknown; depth?: number }): ReactNode {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value === 'string') return <span className="prewrap">{value}</span>;
  if (typeof value === 'number' || typeof value === 'boolean') return <span className="tabular">{String(value)}</span>;
  if (depth > 4) return <span className="muted">…</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    return (
      <ul className="json-list">
        {value.map((item, i) => (
          <li key={i}>
            <JsonValue value={item} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    <dl className="kv json-kv">
      {entries.map(([key, item]) => (
        <div key={key} className="json-pair">
          <dt>{humanize(key)}</dt>
          <dd>
            <JsonValue value={item} depth={depth + 1} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Coverage({ detail }: { detail: SessionDetail }) {
  if (detail.summary.questions.length === 0) return <p className="muted">No questions were asked in this session.</p>;
  return (
    <>
      <p className="muted small">Rubric coverage: which points of each question's rubric your answers touched.</p>
      <ol className="coverage-questions">
        {detail.summary.questions.map((q, i) => {
          const covered = q.coverage.filter((c) => c.covered).length;
          return (
            <li key={`${q.questionId}-${i}`} className="stack-tight">
              <h3 className="small-heading">
                {q.prompt} <span className="muted">({covered} of {q.coverage.length} covered{q.skipped ? ', not answered' : ''})</span>
              </h3>
              <ul className="coverage-list">
                {q.coverage.map((c) => (
                  <li key={c.id} className={c.covered ? 'covered' : 'missing'}>
                    <span className="mark" aria-hidden="true">{c.covered ? '✓' : '✗'}</span>
                    <div>
                      <span className="visually-hidden">{c.covered ? 'Covered: ' : 'Missing: '}</span>
                      {c.point}
                      {c.covered && c.evidence.length > 0 && (
                        <div className="evidence small">
                          You said{' '}
                          {c.evidence.map((w, k) => (
                            <span key={k}>
                              {k > 0 && ', '}
                              <q>{w}</q>
                            </span>
                          ))}
                        </div>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </>
  );
}
