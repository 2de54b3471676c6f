/**
 * Detailed feedback for a finished round: the round summary and one card per question (score,
 * evidence marked in the answer, missing rubric points, delivery metrics with their meaning).
 * Rule-based feedback shows at once; the model's judgement arrives in the background, so the
 * cards reload when core says it moved on ('feedback:progress' / 'feedback:ready').
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionFeedbackView } from '../../../../main/contract/services/feedback.js';
import type { RoundSummaryView } from '../../../../main/contract/services/interview.js';
import { api, errorMessage, onEvent } from '../../api/client.js';
import { navigate } from '../../router.js';
import { QuestionFeedbackCard } from './QuestionFeedbackCard.js';
import { RoundFeedbackCard } from './RoundFeedbackCard.js';

type Loaded =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: SessionFeedbackView };

export function FeedbackCards({ summary }: { summary: RoundSummaryView }) {
  const { sessionId } = summary;
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const loading = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const busy = useRef(false);

  // One load at a time; events that arrive during a load ask for one more afterwards.
  const load = useCallback(() => {
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = api.feedback
      .forSession({ sessionId })
      .then(
        (value) => setState({ status: 'ready', value }),
        (e: unknown) => setState((s) => (s.status === 'ready' ? s : { status: 'error', message: errorMessage(e) })),
      )
      .finally(() => {
        loading.current = null;
        if (again.current) {
          again.current = false;
          load();
        }
      });
  }, [sessionId]);

  useEffect(() => {
    load();
    const offProgress = onEvent('feedback:progress', (p) => p.sessionId === sessionId && load());
    const offReady = onEvent('feedback:ready', (p) => p.sessionId === sessionId && load());
    return () => {
      offProgress();
      offReady();
    };
  }, [sessionId, load]);

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

  if (state.status === 'loading')
    return (
      <section data-slot="feedback">
        <p className="muted" role="status">
          Loading feedback…
        </p>
      </section>
    );
  if (state.status === 'error') {
    return (
      <section data-slot="feedback">
        <div className="notice error" role="alert">
          Could not load the feedback. {state.message}{' '}
          <button type="button" className="button" onClick={load}>
            Try again
          </button>
        </div>
      </section>
    );
  }
  const view = state.value;
  return (
    <section data-slot="feedback" className="stack feedback" aria-label="Feedback">
      <RoundFeedbackCard round={view.round} generation={view.generation} />
      {error && (
        <div className="notice error" role="alert">
          {error}
        </div>
      )}
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
