import type { RunView } from '../../../../main/contract/services/workspace.js';

const KIND: Record<RunView['kind'], string> = { visible: 'Visible tests', own: 'Your tests', submit: 'Submit' };

/** The last run: a summary line, then one row per test (hidden tests keep their inputs to themselves). */
export function ResultsPanel({ run, running }: { run: RunView | null; running: string | null }) {
  return (
    <section
      className="ws-results card"
      aria-label="Test results"
      aria-busy={running !== null}
      data-run-at={run?.at ?? 0}
    >
      <div className="ws-results-head" role="status" aria-live="polite">
        {running ? (
          <span>{running}…</span>
        ) : run ? (
          <span>
            <strong>{KIND[run.kind]}</strong>
            {run.total > 0 && (
              <>
                {' '}
                ·{' '}
                <span className={run.passed === run.total ? 'ws-good' : 'ws-bad'}>
                  {run.passed}/{run.total} passed
                </span>
              </>
            )}{' '}
            <span className="muted small">· {(run.durationMs / 1000).toFixed(1)} s</span>
          </span>
        ) : (
          <span className="muted">Run the tests to see results here.</span>
        )}
      </div>
      {!running && run?.message && (
        <p className={`notice ${run.status === 'ok' ? '' : 'error'}`} role="alert">
          {run.message}
          {run.line ? ` (line ${run.line})` : ''}
        </p>
      )}
      {!running && run && run.results.length > 0 && (
        <ol className="ws-result-list" tabIndex={0} aria-label="Results, one per test">
          {run.results.map((r, i) => (
            <li key={i} className={r.passed ? 'ws-pass' : 'ws-fail'} data-testid="test-result">
              <div className="ws-result-line">
                <span className="ws-mark" aria-hidden="true">
                  {r.passed ? '✓' : '✗'}
                </span>
                <span className="visually-hidden">{r.passed ? 'passed' : 'failed'}:</span>
                <span className="ws-test-name">{r.name}</span>
                {r.fromPart !== undefined && <span className="chip">part {r.fromPart}</span>}
                <span className="muted small tabular">{r.ms} ms</span>
              </div>
              {!r.passed && (
                <div className="ws-result-detail">
                  {r.input !== undefined && <Detail label="input" text={r.input} />}
                  {r.expected !== undefined && <Detail label="expected" text={r.expected} />}
                  {r.got !== undefined && <Detail label="got" text={r.got} />}
                  {r.error && <Detail label="error" text={r.error} />}
                </div>
              )}
              {r.stdout && (
                <details className="ws-stdout">
                  <summary className="small">printed output</summary>
                  <pre>{r.stdout}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
      {!running && run?.stdout && (
        <details className="ws-stdout">
          <summary className="small">Output</summary>
          <pre>{run.stdout}</pre>
        </details>
      )}
    </section>
  );
}

function Detail({ label, text }: { label: string; text: string }) {
  return (
    <div className="ws-detail">
      <span className="muted small">{label}</span>
      <pre>{text}</pre>
    </div>
  );
}
