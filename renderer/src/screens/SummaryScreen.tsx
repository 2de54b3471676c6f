import type { RoundSummaryView } from '../../../main/contract/services/interview.js';
import { api } from '../api/client.js';
import { Async } from '../components/Loading.js';
import { ROUND_KIND_LABELS } from '../labels.js';
import { href } from '../router.js';
import { useAsync } from '../use-async.js';
import { FeedbackCards } from './feedback/FeedbackCards.js';
import { formatDuration } from './practice/clock.js';

export function SummaryScreen({ sessionId }: { sessionId: string }) {
  const [summary] = useAsync(() => api.interview.summary({ sessionId }), [sessionId]);
  return (
    <Async state={summary} label="the round summary">
      {(value) => <Summary summary={value} />}
    </Async>
  );
}

function Summary({ summary }: { summary: RoundSummaryView }) {
  const over = summary.roundElapsedMs > summary.roundBudgetMs;
  const answered = summary.questions.filter((q) => !q.skipped).length;
  return (
    <div className="stack summary-screen">
      <a href={href({ name: 'role', roleId: summary.roleId })} className="small">
        ← Back to {summary.roleTitle}
      </a>
      <header className="page-header">
        <div>
          <div className="eyebrow">{summary.roleTitle}</div>
          <h1>{summary.roundTitle}: how it went</h1>
          <p className="muted" style={{ margin: 0 }}>
            <span className="chip">{ROUND_KIND_LABELS[summary.roundKind] ?? summary.roundKind}</span> Total time{' '}
            <strong className="tabular">{formatDuration(summary.roundElapsedMs)}</strong> of{' '}
            <span className="tabular">{formatDuration(summary.roundBudgetMs)}</span>
            {over && (
              <>
                {' '}
                ·{' '}
                <span className="chip warn">
                  over by {formatDuration(summary.roundElapsedMs - summary.roundBudgetMs)}
                </span>
              </>
            )}
            {' · '}
            {answered} of {summary.questions.length} question{summary.questions.length === 1 ? '' : 's'} answered
            {' · '}
            {new Date(summary.startedAt).toLocaleString()}
          </p>
        </div>
      </header>
      {summary.questions.length === 0 ? (
        <p className="muted">No questions were asked in this round.</p>
      ) : (
        <FeedbackCards summary={summary} />
      )}
    </div>
  );
}
