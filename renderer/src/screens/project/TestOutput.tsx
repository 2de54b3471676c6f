import type { SuiteRun, SuiteTestResult } from '../../../../main/contract/suite-results.js';
import { linkStack } from './project-helpers.js';

const STATUS_WORDS: Record<SuiteRun['status'], string> = {
  passed: 'All tests passed',
  failed: 'Some tests failed',
  error: 'The tests could not run',
  timeout: 'Stopped: the run took too long',
  memory: 'Stopped: the run used too much memory',
  output_limit: 'Stopped: the run printed too much',
  aborted: 'Stopped',
  sandbox_unavailable: 'The runner is not available',
};

interface TestOutputProps {
  run: SuiteRun | null;
  running: string | null;
  files: ReadonlySet<string>;
  onOpen: (file: string, line: number) => void;
}

/** The project's test command output: a summary, failures first with their traces as links, then the rest. */
export function TestOutput({ run, running, files, onOpen }: TestOutputProps) {
  const failing = run?.tests.filter((t) => !t.passed && !t.skipped) ?? [];
  const passing = run?.tests.filter((t) => t.passed) ?? [];
  return (
    <section className="pj-output card" aria-label="Test output" aria-busy={running !== null}>
      <div className="ws-results-head" role="status" aria-live="polite" data-testid="pj-run-status">
        {running ? (
          <span>{running}…</span>
        ) : run ? (
          <span>
            <strong className={run.status === 'passed' ? 'ws-good' : 'ws-bad'}>{STATUS_WORDS[run.status]}</strong>
            {' · '}
            <span className="tabular">
              {run.passed} passed, {run.failed} failed
            </span>
            <span className="muted small"> · {(run.durationMs / 1000).toFixed(1)} s</span>
          </span>
        ) : (
          <span className="muted">Run the tests (Ctrl+Enter) to see the project’s test output here.</span>
        )}
      </div>
      {!running && run?.message && (
        <p className="notice error" role="alert">
          {run.message}
        </p>
      )}
      {!running && run && (
        <div className="pj-output-body" tabIndex={0} aria-label="Test results, failures first">
          {failing.map((t) => (
            <Failure key={t.id} test={t} files={files} onOpen={onOpen} />
          ))}
          {passing.length > 0 && (
            <details className="pj-passing">
              <summary>{passing.length} passing</summary>
              <ul>
                {passing.map((t) => (
                  <li key={t.id} className="ws-pass">
                    <span aria-hidden="true">✓ </span>
                    {t.id}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {run.stderr.trim() && failing.length === 0 && (
            <details className="pj-passing">
              <summary>Output</summary>
              <pre className="pj-trace">{run.stderr.slice(-4000)}</pre>
            </details>
          )}
        </div>
      )}
    </section>
  );
}

function Failure({
  test,
  files,
  onOpen,
}: {
  test: SuiteTestResult;
  files: ReadonlySet<string>;
  onOpen: TestOutputProps['onOpen'];
}) {
  const place = test.at && files.has(test.at.file) ? test.at : null;
  return (
    <article className="pj-failure ws-fail" data-testid="pj-failure">
      <div className="ws-result-line">
        <span className="ws-mark" aria-hidden="true">
          ✗
        </span>
        <span className="visually-hidden">failed:</span>
        <span className="ws-test-name">{test.id}</span>
        {place && (
          <button type="button" className="link-button" onClick={() => onOpen(place.file, place.line)}>
            {place.file}:{place.line}
          </button>
        )}
      </div>
      {test.error && <pre className="pj-error">{test.error}</pre>}
      {test.stack && (
        <pre className="pj-trace">
          {linkStack(test.stack, files).map((piece, i) =>
            typeof piece === 'string' ? (
              piece
            ) : (
              <button key={i} type="button" className="link-button" onClick={() => onOpen(piece.file, piece.line)}>
                {piece.text}
              </button>
            ),
          )}
        </pre>
      )}
    </article>
  );
}
