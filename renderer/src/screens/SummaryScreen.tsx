import { useQuery } from '@tanstack/react-query';
import { formatClock, formatRoundRecord } from '../../../main/contract/format.js';
import type { RoundSummaryView } from '../../../main/contract/services/interview.js';
import { api } from '../api/client.js';
import { Async } from '../components/Loading.js';
import { apiKey } from '../data/query-client.js';
import { roundKindLabel } from '../labels.js';
import { href } from '../router.js';
import { FeedbackCards } from './feedback/FeedbackCards.js';
import { ProjectFeedbackCards } from './project/ProjectFeedbackCard.js';
import { ExerciseFeedbackCards } from './workspace/ExerciseFeedbackCard.js';

export function SummaryScreen({ sessionId }: { sessionId: string }) {
  const summary = useQuery({
    queryKey: apiKey('interview', 'summary', { sessionId }),
    queryFn: () => api.interview.summary({ sessionId }),
  });
  return (
    <Async state={summary} label="the round summary">
      {(value) => <Summary summary={value} />}
    </Async>
  );
}

function Summary({ summary }: { summary: RoundSummaryView }) {
  const over = summary.roundElapsedMs > summary.roundBudgetMs;
  return (
    <div className="stack summary-screen">
      <a href={href({ name: 'role', roleId: summary.roleId })} className="small">
        ← Back to {summary.roleTitle}
      </a>
      <header className="page-header">
        <div>
          <div className="eyebrow">{summary.roleTitle}</div>
          <h1>{summary.roundTitle}: how it went</h1>
          <p className="muted flush">
            <span className="chip">{roundKindLabel(summary.roundKind)}</span> Total time{' '}
            <strong className="tabular">{formatClock(summary.roundElapsedMs, 'down')}</strong> of{' '}
            <span className="tabular">{formatClock(summary.roundBudgetMs, 'down')}</span>
            {over && (
              <>
                {' '}
                ·{' '}
                <span className="chip warn">
                  over by {formatClock(summary.roundElapsedMs - summary.roundBudgetMs, 'down')}
                </span>
              </>
            )}
            {' · '}
            <span data-testid="round-record" className={summary.record.endedEarly ? 'chip warn' : undefined}>
              {formatRoundRecord(summary.record)}
            </span>
            {' · '}
            {new Date(summary.startedAt).toLocaleString()}
          </p>
        </div>
      </header>
      <ExerciseFeedbackCards sessionId={summary.sessionId} />
      {(summary.roundKind === 'bug_bash' || summary.roundKind === 'integration') && (
        <ProjectFeedbackCards sessionId={summary.sessionId} />
      )}
      {summary.questions.length === 0 ? (
        <p className="muted">No questions were asked in this round.</p>
      ) : (
        <FeedbackCards summary={summary} />
      )}
    </div>
  );
}
