import { useQuery } from '@tanstack/react-query';
import { formatClock } from '../../../../main/contract/format.js';
import type { ProjectFeedbackView } from '../../../../main/contract/services/project.js';
import type {
  BugBashFeedback,
  IntegrationFeedback,
  WorkspaceProcess,
} from '../../../../main/contract/workspace-feedback.js';
import { api, errorMessage } from '../../api/client.js';
import { apiKey } from '../../data/query-client.js';

/** Bug-bash and integration results, judged after the round by the hidden tests (it takes a while). */
export function ProjectFeedbackCards({ sessionId }: { sessionId: string }) {
  const feedback = useQuery({
    queryKey: apiKey('project', 'feedback', { sessionId }),
    queryFn: () => api.project.feedback({ sessionId }),
    staleTime: Infinity,
  });
  if (feedback.status === 'pending')
    return (
      <p className="muted" role="status" data-testid="pj-judging">
        Running the hidden tests on your final code…
      </p>
    );
  if (feedback.status === 'error')
    return <p className="notice error">The code could not be judged: {errorMessage(feedback.error)}</p>;
  return (
    <>
      {feedback.data.map((fb) => (
        <ProjectFeedbackCard key={fb.questionId} view={fb} />
      ))}
    </>
  );
}

function ProjectFeedbackCard({ view }: { view: ProjectFeedbackView }) {
  const fb = view.feedback;
  return (
    <section className="card stack part-feedback" aria-label="Workspace results" data-testid="pj-feedback">
      <div>
        <div className="eyebrow">
          Judged by the hidden tests · {fb.kind === 'bug_bash' ? 'bug bash' : 'integration'}
        </div>
        <h2>
          {fb.kind === 'bug_bash'
            ? `${fb.bugsFixed} of ${fb.bugs.length} bug${fb.bugs.length === 1 ? '' : 's'} fixed`
            : `${fb.partsCompleted} of ${fb.parts.length} part${fb.parts.length === 1 ? '' : 's'} done`}
        </h2>
      </div>
      {fb.kind === 'bug_bash' ? <BugBashDetails fb={fb} /> : <IntegrationDetails fb={fb} />}
      <ProcessFacts process={fb.process} />
    </section>
  );
}

function BugBashDetails({ fb }: { fb: BugBashFeedback }) {
  return (
    <>
      <ul className="pj-feedback-list">
        {fb.bugs.map((bug) => (
          <li key={bug.id} className={bug.fixed ? 'ws-pass' : 'ws-fail'}>
            <strong>{bug.fixed ? 'Fixed' : 'Not fixed'}</strong>
            {bug.fixed && bug.fixedAtMs !== undefined && (
              <span className="muted"> at {formatClock(bug.fixedAtMs)}</span>
            )}
            {' — '}
            {bug.summary} <span className="muted small">({bug.file})</span>
          </li>
        ))}
      </ul>
      <p className="small">
        Hidden tests: {fb.hiddenPassed}/{fb.hiddenTotal} passed.{' '}
        {fb.regressions.length === 0
          ? 'No regressions: every hidden test that passed on the starting code still passes.'
          : `Regressions (passed at the start, fail now): ${fb.regressions.map((r) => r.id).join('; ')}.`}
      </p>
    </>
  );
}

function IntegrationDetails({ fb }: { fb: IntegrationFeedback }) {
  return (
    <>
      <ul className="pj-feedback-list">
        {fb.parts.map((part) => (
          <li key={part.id} className={part.completed ? 'ws-pass' : 'ws-fail'}>
            <strong>{part.title}</strong>:{' '}
            {part.reached ? (part.completed ? 'done' : 'not passing yet') : 'not reached'}
            {part.runs.map((run) => (
              <div key={run.name} className="small">
                {run.passed ? '✓' : '✗'} {run.name}
                {run.faults.length > 0 && <span className="muted"> — with {run.faults.join('; ')}</span>}
                <span className="muted">
                  {' '}
                  ({run.counters.requests} requests, {run.counters.rateLimited} answered 429,{' '}
                  {run.counters.earlyRetries} retried too early, {run.counters.createdWithoutKey} creates without an
                  idempotency key)
                </span>
              </div>
            ))}
          </li>
        ))}
      </ul>
      <p className="small">
        Runs with faults switched on: {fb.faultRunsPassed}/{fb.faultRuns} passed.
      </p>
      <ul className="pj-feedback-list small">
        {fb.signals.map((s) => (
          <li key={s.id}>
            {s.found ? 'Found' : 'Not found'}: {s.label}
            {s.evidence && (
              <span className="muted">
                {' '}
                ({s.evidence.file}:{s.evidence.line} <code>{s.evidence.text}</code>)
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function ProcessFacts({ process }: { process: WorkspaceProcess }) {
  return (
    <p className="small muted">
      {process.firstTestRunMs === undefined
        ? 'The tests were never run.'
        : `First test run at ${formatClock(process.firstTestRunMs)}; ${process.testRuns} run${process.testRuns === 1 ? '' : 's'} in all. `}
      {process.firstTestRunMs !== undefined &&
        (process.ranTestsBeforeChangingCode
          ? 'Reproduced before changing code (the first run was on the starting code). '
          : 'Code was changed before the first run. ')}
      {process.wroteFailingTestFirst && 'Wrote a failing test before the fix.'}
    </p>
  );
}
