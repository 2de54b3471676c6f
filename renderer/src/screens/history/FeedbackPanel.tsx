import type { SessionDetail } from '../../../../main/contract/services/sessions.js';
import { FeedbackCards } from '../feedback/FeedbackCards.js';

/**
 * The session's feedback as the summary screen shows it, read from the stored feedback rows
 * by the feedback service; a session without any (older, or imported without them) shows the
 * rubric coverage of each question instead.
 */
export function FeedbackPanel({ detail }: { detail: SessionDetail }) {
  if (detail.feedback.length > 0) return <FeedbackCards summary={detail.summary} />;
  return (
    <section className="card stack" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">Feedback</h2>
      <Coverage detail={detail} />
    </section>
  );
}

function Coverage({ detail }: { detail: SessionDetail }) {
  if (detail.summary.questions.length === 0) return <p className="muted">No questions were asked in this session.</p>;
  return (
    <>
      <p className="muted small">
        Rubric points: which ones a sentence of your answers mentioned, with that sentence. Rule-based, so no score.
      </p>
      <ol className="coverage-questions">
        {detail.summary.questions.map((q, i) => {
          return (
            <li key={`${q.questionId}-${i}`} className="stack-tight">
              <h3 className="small-heading">
                {q.prompt} {q.skipped && <span className="muted">(not answered)</span>}
              </h3>
              <ul className="coverage-list">
                {q.coverage.map((c) => (
                  <li key={c.id} className={c.covered ? 'covered' : 'missing'}>
                    <span className="mark" aria-hidden="true">
                      {c.covered ? '✓' : '✗'}
                    </span>
                    <div>
                      <span className="visually-hidden">{c.covered ? 'Mentioned: ' : 'Not heard: '}</span>
                      {c.point}
                      {c.covered && c.quote && (
                        <div className="evidence small">
                          Mentioned: <q>{c.quote}</q>
                        </div>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </>
  );
}
