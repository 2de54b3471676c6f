import { useEffect, useRef } from 'react';
import type { PartCheckView, ProjectView } from '../../../../main/contract/services/project.js';
import { Markdown } from './Markdown.js';

/** The bug report or the task and its parts so far, and the API's address. */
export function BriefPanel({ project }: { project: ProjectView }) {
  const currentPart = useRef<HTMLElement>(null);
  const count = project.parts.length;
  // A new part scrolls into view (the earlier ones stay above it).
  useEffect(() => {
    if (count > 1) currentPart.current?.scrollIntoView({ block: 'start' });
  }, [count]);
  return (
    <div className="pj-brief">
      <section aria-label={project.kind === 'bug_bash' ? 'Bug report' : 'Task'}>
        <h3 className="small-heading">{project.kind === 'bug_bash' ? 'Bug report' : 'Task'}</h3>
        <Markdown source={project.brief} />
      </section>
      {project.parts.map((part) => (
        <section
          key={part.id}
          ref={part.index === count - 1 ? currentPart : undefined}
          aria-label={`Part ${part.index + 1}`}
          className="pj-part"
          data-status={part.status}
        >
          <h3 className="small-heading">
            Part {part.index + 1} of {project.partCount}: {part.title}
            {part.status !== 'current' && (
              <span className="chip">{part.status === 'passed' ? 'passed' : 'moved on'}</span>
            )}
          </h3>
          <Markdown source={part.statement} />
        </section>
      ))}
      {project.api && (
        <p className="small">
          The API for this round answers at <code>{project.api.baseUrl}</code> (your code reads it from{' '}
          <code>API_BASE_URL</code>, the key from <code>API_KEY</code>).
        </p>
      )}
    </div>
  );
}

/** The last "Submit part": each hidden run with the faults it switched on. */
export function PartCheck({ check }: { check: PartCheckView }) {
  return (
    <section aria-label="Last part check" className="pj-check card" data-testid="pj-check">
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
                <div key={f.id} className="muted small pj-check-failure">
                  {f.id}
                  {f.error ? `: ${f.error.slice(0, 300)}` : ''}
                </div>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
