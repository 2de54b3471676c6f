/**
 * Detailed feedback for a finished round: the round summary and one card per question (score,
 * evidence marked in the answer, missing rubric points, delivery metrics with their meaning).
 * Rule-based feedback shows at once; the model's judgement arrives in the background, so the
 * cards reload when core says it moved on ('feedback:progress' / 'feedback:ready').
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { RoundSummaryView } from '../../../../main/contract/services/interview.js';
import { api, errorMessage } from '../../api/client.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { apiKey } from '../../data/query-client.js';
import { navigate } from '../../router.js';
import { QuestionFeedbackCard } from './QuestionFeedbackCard.js';
import { RoundFeedbackCard } from './RoundFeedbackCard.js';

export function FeedbackCards({ summary }: { summary: RoundSummaryView }) {
  const { sessionId } = summary;
  // Kept fresh by 'feedback:progress' / 'feedback:ready' (see data/core-events.ts).
  const feedback = useQuery({
    queryKey: apiKey('feedback', 'forSession', { sessionId }),
    queryFn: () => api.feedback.forSession({ sessionId }),
  });
  const [error, setError] = useState<string | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const busy = useRef(false);
  // Asks core once to start whatever is missing (e.g. judgements of a session from before a model
  // was chosen); progress and results then arrive as events.
  useEffect(() => {
    api.feedback.request({ sessionId }).catch(() => undefined);
  }, [sessionId]);

  async function practiceAgain(questionId: string) {
    if (busy.current) return;
    busy.current = true;
    setPendingId(questionId);
    setError(null);
    try {
      const view = await api.interview.start({
        roleId: summary.roleId,
        roundId: summary.roundId,
        questionIds: [questionId],
      });
      navigate({ name: 'practice', sessionId: view.sessionId });
    } catch (e) {
      setError(`Could not start a new practice: ${errorMessage(e)}`);
    } finally {
      busy.current = false;
      setPendingId(null);
    }
  }

  if (feedback.status === 'pending')
    return (
      <section data-slot="feedback">
        <p className="muted" role="status">
          Loading feedback…
        </p>
      </section>
    );
  if (feedback.status === 'error') {
    return (
      <section data-slot="feedback">
        <div className="notice error" role="alert">
          Could not load the feedback. {errorMessage(feedback.error)}{' '}
          <button type="button" className="button" onClick={() => void feedback.refetch()}>
            Try again
          </button>
        </div>
      </section>
    );
  }
  const view = feedback.data;
  return (
    <section data-slot="feedback" className="stack feedback" aria-label="Feedback">
      <RoundFeedbackCard round={view.round} generation={view.generation} />
      <ErrorNotice message={error} />
      {view.questions.length > 0 && (
        <>
          <h2 className="fb-section-heading">Feedback by question</h2>
          <ol className="question-cards">
            {view.questions.map((q, i) => (
              <li key={`${q.questionId}-${i}`}>
                <QuestionFeedbackCard
                  feedback={q}
                  index={i}
                  pending={pendingId === q.questionId}
                  disabled={pendingId !== null}
                  onPracticeAgain={() => void practiceAgain(q.questionId)}
                />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
