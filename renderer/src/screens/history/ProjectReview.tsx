import { useState } from 'react';
import { formatClock } from '../../../../main/contract/format.js';
import type {
  DiffLine,
  ProjectFileChange,
  ProjectReview,
  ProjectStepReview,
} from '../../../../main/contract/services/project.js';
import { StepButtons, stepKeys } from '../../components/StepButtons.js';

const STEP: Record<ProjectStepReview['reason'], string> = {
  run: 'ran the tests',
  check: 'checked the part',
  reset: 'reset the files to the start',
  finish: 'finished',
};

const KIND = { bug_bash: 'Bug bash', integration: 'Integration' } as const;

/** Review of the session's bug-bash and integration work: one card per codebase. */
export function ProjectReviews({ projects }: { projects: ProjectReview[] }) {
  return (
    <>
      {projects.map((p) => (
        <ProjectReviewCard key={p.questionId} project={p} />
      ))}
    </>
  );
}

function ProjectReviewCard({ project }: { project: ProjectReview }) {
  const headingId = `project-review-${project.questionId}`;
  return (
    <section className="card stack project-review" aria-labelledby={headingId} data-testid="project-review">
      <div>
        <div className="eyebrow">
          {KIND[project.kind]}
          {project.language ? ` · ${project.language}` : ''} · {project.runs} test run{project.runs === 1 ? '' : 's'}
          {project.lastRun ? ` · last: ${project.lastRun.passed} passed, ${project.lastRun.failed} failed` : ''}
        </div>
        <h2 id={headingId}>Codebase, step by step</h2>
        <p className="muted small">{project.title}</p>
      </div>
      {project.steps.length === 0 ? (
        <p className="muted">The tests were never run and nothing was kept along the way.</p>
      ) : (
        <Steps project={project} />
      )}
      <FinalFiles project={project} />
    </section>
  );
}

/** ← and → step through the moments the files were kept; each shows what changed since the one before. */
function Steps({ project }: { project: ProjectReview }) {
  const { steps } = project;
  const [index, setIndex] = useState(steps.length - 1);
  const step = steps[index]!;
  const move = (delta: number) => setIndex((i) => Math.min(steps.length - 1, Math.max(0, i + delta)));
  return (
    <div className="stack" onKeyDown={stepKeys(move)}>
      <div className="row pr-stepper">
        <StepButtons index={index} count={steps.length} noun="Step" testId="pr-position" onMove={move} />
      </div>
      <input
        type="range"
        min={0}
        max={steps.length - 1}
        value={index}
        onChange={(e) => setIndex(Number(e.target.value))}
        aria-label="Step"
        aria-valuetext={`Step ${index + 1} of ${steps.length}`}
      />
      <p className="pr-caption" data-testid="pr-caption">
        <span>{formatClock(Math.max(0, step.at - project.startedAt))} in</span>
        <span aria-hidden="true">·</span>
        <span>{STEP[step.reason]}</span>
        {step.passed !== null && (
          <>
            <span aria-hidden="true">·</span>
            <span className="chip good">{step.passed} passed</span>
            <span className={`chip ${step.failed ? 'bad' : ''}`}>{step.failed ?? 0} failed</span>
          </>
        )}
      </p>
      <StepChanges
        step={step}
        after={index === 0 ? 'start' : steps[index - 1]!.reason === 'reset' ? 'reset' : 'step'}
      />
    </div>
  );
}

const SINCE = {
  start: 'the start',
  reset: 'the reset (the starting files)',
  step: 'the step before',
} as const;

function StepChanges({ step, after }: { step: ProjectStepReview; after: keyof typeof SINCE }) {
  const since = SINCE[after];
  if (step.changes === null) {
    return (
      <p className="muted small">
        What changed is not known: the role pack with this codebase’s starting files is not installed.
      </p>
    );
  }
  if (step.changes.length === 0) return <p className="muted small">No files changed since {since}.</p>;
  return (
    <div className="stack pr-changes">
      <p className="small">
        {step.changes.length} file{step.changes.length === 1 ? '' : 's'} changed since {since}
        {step.reason === 'reset' ? ' (then put back to the start)' : ''}:
      </p>
      {step.changes.map((c) => (
        <FileDiff key={c.path} change={c} />
      ))}
    </div>
  );
}

const STATUS = { added: 'new file', changed: 'changed', deleted: 'deleted' } as const;
const SIGN = { same: ' ', added: '+', removed: '−' } as const;

function FileDiff({ change }: { change: ProjectFileChange }) {
  return (
    // A deleted file's every line is "removed": folded until asked for.
    <details className="pr-file" open={change.status !== 'deleted'} data-testid="pr-file" data-path={change.path}>
      <summary>
        <code>{change.path}</code> <span className="muted small">{STATUS[change.status]}</span>{' '}
        <span className="pr-added">+{change.added}</span> <span className="pr-removed">−{change.removed}</span>
      </summary>
      <pre className="pr-diff" tabIndex={0} aria-label={`Changes to ${change.path}`}>
        {change.hunks.map((hunk, h) => (
          <span key={h} className="pr-hunk">
            {h > 0 && <span className="pr-gap">⋯{'\n'}</span>}
            {hunk.map((line, i) => (
              <Line key={i} line={line} />
            ))}
          </span>
        ))}
        {change.truncated && <span className="pr-gap">⋯ more lines not shown{'\n'}</span>}
      </pre>
    </details>
  );
}

function Line({ line }: { line: DiffLine }) {
  const number = line.newLine ?? line.oldLine ?? 0;
  return (
    <span className={`pr-line pr-${line.kind}`}>
      <span className="pr-num" aria-hidden="true">
        {String(number).padStart(4, ' ')}
      </span>
      <span className="pr-sign">{SIGN[line.kind]}</span>
      {line.text}
      {'\n'}
    </span>
  );
}

function FinalFiles({ project }: { project: ProjectReview }) {
  const touched = [...project.changed, ...project.added].sort();
  const all = Object.keys(project.files).sort();
  const [path, setPath] = useState(touched[0] ?? all[0] ?? '');
  const mark = (p: string) => (project.added.includes(p) ? ' (new)' : project.changed.includes(p) ? ' (changed)' : '');
  if (all.length === 0) return null;
  return (
    <div className="stack">
      <h3>Final files</h3>
      <p className="muted small">
        {project.filesFrom === 'last_step'
          ? 'The role pack with this codebase is not installed: these are the files as of the last step.'
          : touched.length === 0
            ? 'No file differs from the start.'
            : `${touched.length} file${touched.length === 1 ? '' : 's'} differ from the start` +
              (project.deleted.length > 0 ? `; deleted: ${project.deleted.join(', ')}` : '') +
              '.'}
      </p>
      <label className="row small">
        File
        <select className="small-select" value={path} onChange={(e) => setPath(e.target.value)}>
          {all.map((p) => (
            <option key={p} value={p}>
              {p}
              {mark(p)}
            </option>
          ))}
        </select>
      </label>
      <pre className="pr-final" tabIndex={0} aria-label={`${path} at the end`} data-testid="pr-final">
        {project.files[path]}
      </pre>
    </div>
  );
}
