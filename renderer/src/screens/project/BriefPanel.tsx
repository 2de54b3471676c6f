import type { ProjectView } from '../../../../main/contract/services/project.js';

/** The bug report or the task and its parts so far, the API's address, and the last part check. */
export function BriefPanel({ project }: { project: ProjectView }) {
  const check = project.lastCheck;
  return (
    <div className="pj-brief">
      <section aria-label={project.kind === 'bug_bash' ? 'Bug report' : 'Task'}>
        <h3 className="small-heading">{project.kind === 'bug_bash' ? 'Bug report' : 'Task'}</h3>
        <pre className="ws-docs-text">{project.brief}</pre>
      </section>
      {project.parts.map((part) => (
        <section key={part.id} aria-label={`Part ${part.index + 1}`} className="pj-part" data-status={part.status}>
          <h3 className="small-heading">
            Part {part.index + 1} of {project.partCount}: {part.title}
            {part.status !== 'current' && (
              <span className="chip">{part.status === 'passed' ? 'passed' : 'moved on'}</span>
            )}
          </h3>
          <pre className="ws-docs-text">{part.statement}</pre>
        </section>
      ))}
      {project.api && (
        <p className="small">
          The API for this round answers at <code>{project.api.baseUrl}</code> (your code reads it from{' '}
          <code>API_BASE_URL</code>, the key from <code>API_KEY</code>).
        </p>
      )}
      {check && (
        <section aria-label="Last part check" className="pj-check" data-testid="pj-check">
          <h3 className="small-heading">
            Part {check.part + 1} check: {check.passed ? 'passed' : 'not yet'}
          </h3>
          <ul>
            {check.runs.map((run) => (
              <li key={run.name} className={run.passed ? 'ws-pass' : 'ws-fail'}>
                <span aria-hidden="true">{run.passed ? '✓ ' : '✗ '}</span>
                <span className="visually-hidden">{run.passed ? 'passed:' : 'failed:'}</span>
                {run.name}
                {run.faults.length > 0 && <span className="muted small"> — with {run.faults.join('; ')}</span>}
                {!run.passed && run.problem && <span className="muted small"> ({run.problem})</span>}
                {!run.passed &&
                  run.failures.slice(0, 2).map((f) => (
                    <div key={f.id} className="muted small">
                      {f.id}
                      {f.error ? `: ${f.error.slice(0, 200)}` : ''}
                    </div>
                  ))}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
