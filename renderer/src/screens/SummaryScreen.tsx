import { useRef, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import { Async } from '../components/Loading.js';
import { ROUND_KIND_LABELS } from '../labels.js';
import { href, navigate } from '../router.js';
import { useAsync } from '../use-async.js';
import type { QuestionSummary, RoundSummaryView } from '../../../main/contract/services/interview.js';
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
  const [error, setError] = useState<string | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const busy = useRef(false);

  async function practiceAgain(questionId: string) {
    if (busy.current) return;
    busy.current = true;
    setPendingId(questionId);
    setError(null);
    try {
      const view = await api.interview.start({ roleId: summary.roleId, roundId: summary.roundId, questionIds: [questionId] });
      navigate({ name: 'practice', sessionId: view.sessionId });
    } catch (e) {
      setError(`Could not start a new practice: ${errorMessage(e)}`);
    } finally {
      busy.current = false;
      setPendingId(null);
    }
  }

  const over = summary.roundElapsedMs > summary.roundBudgetMs;
  const answered = summary.questions.filter((q) => !q.skipped).length;
  return (
    <div className="stack summary-screen">
      <a href={href({ name: 'role', roleId: summary.roleId })} className="small">← Back to {summary.roleTitle}</a>
      <header className="page-header">
        <div>
          <div className="eyebrow">{summary.roleTitle}</div>
          <h1>{summary.roundTitle}: how it went</h1>
          <p className="muted" style={{ margin: 0 }}>
            <span className="chip">{ROUND_KIND_LABELS[summary.roundKind] ?? summary.roundKind}</span>{' '}
            Total time <strong className="tabular">{formatDuration(summary.roundElapsedMs)}</strong> of{' '}
            <span className="tabular">{formatDuration(summary.roundBudgetMs)}</span>
            {over && <> · <span className="chip warn">over by {formatDuration(summary.roundElapsedMs - summary.roundBudgetMs)}</span></>}
            {' · '}
            {answered} of {summary.questions.length} question{summary.questions.length === 1 ? '' : 's'} answered
            {' · '}
            {new Date(summary.startedAt).toLocaleString()}
          </p>
        </div>
      </header>

      {error && <div className="notice error" role="alert">{error}</div>}

      {/* Detailed feedback (scores with quotes from the answers, delivery metrics) goes in this slot. */}
      <FeedbackCards summary={summary} />

      <ol className="question-cards">
        {summary.questions.map((q, i) => (
          <li key={`${q.questionId}-${i}`}>
            <QuestionCard question={q} index={i} pending={pendingId === q.questionId} disabled={pendingId !== null} onPracticeAgain={() => void practiceAgain(q.questionId)} />
          </li>
        ))}
      </ol>
      {summary.questions.length === 0 && <p className="muted">No questions were asked in this round.</p>}
    </div>
  );
}

function TimeUsed({ used, budget }: { used: number; budget: number }) {
  return (
    <span className="time-used">
      <span className="tabular">{formatDuration(used)} / {formatDuration(budget)}</span>
      {used > budget && <span className="chip warn">over by {formatDuration(used - budget)}</span>}
    </span>
  );
}

function QuestionCard({ question: q, index, pending, disabled, onPracticeAgain }: { question: QuestionSummary; index: number; pending: boolean; disabled: boolean; onPracticeAgain(): void }) {
  const headingId = `summary-q-${index}`;
  const covered = q.coverage.filter((c) => c.covered);
  const missing = q.coverage.filter((c) => !c.covered);
  return (
    <article className="card question-card stack" aria-labelledby={headingId} data-testid="question-card">
      <header className="question-card-head">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <span className="eyebrow">Question {index + 1}</span>
          <span className="row small">
            {q.skipped && <span className="chip">Not answered</span>}
            <span className="muted">Time used</span> <TimeUsed used={q.timeUsedMs} budget={q.budgetMs} />
          </span>
        </div>
        <h2 id={headingId} className="question-prompt">{q.prompt}</h2>
      </header>

      {q.coverage.length > 0 && (
        <div className="coverage-grid">
          <section aria-labelledby={`${headingId}-covered`}>
            <h3 id={`${headingId}-covered`}>Covered ({covered.length} of {q.coverage.length})</h3>
            {covered.length === 0 ? (
              <p className="muted small">None of the rubric points showed up in the answer.</p>
            ) : (
              <ul className="coverage-list">
                {covered.map((c) => (
                  <li key={c.id} className="covered">
                    <span className="mark" aria-hidden="true">✓</span>
                    <div>
                      <div>{c.point}</div>
                      {c.evidence.length > 0 && (
                        <div className="evidence small">
                          Evidence:{' '}
                          {c.evidence.map((w, k) => (
                            <span key={k}>
                              {k > 0 && ', '}
                              <q>{w}</q>
                            </span>
                          ))}
                        </div>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby={`${headingId}-missing`}>
            <h3 id={`${headingId}-missing`}>Missing ({missing.length})</h3>
            {missing.length === 0 ? (
              <p className="muted small">Nothing missing: every rubric point came up.</p>
            ) : (
              <ul className="coverage-list">
                {missing.map((c) => (
                  <li key={c.id} className="missing">
                    <span className="mark" aria-hidden="true">✗</span>
                    <div><span className="visually-hidden">Missing: </span>{c.point}</div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}

      <section aria-labelledby={`${headingId}-answers`}>
        <h3 id={`${headingId}-answers`}>Your answer{q.answers.length === 1 ? '' : 's'}</h3>
        {q.answers.length === 0 ? (
          <p className="muted small">No answer was recorded for this question.</p>
        ) : (
          <ol className="answers">
            {q.answers.map((a, k) => (
              <li key={k}>
                <div className="row small answer-meta">
                  <strong>{a.kind === 'follow_up' ? 'Follow-up' : 'Question'}</strong>
                  {a.kind === 'follow_up' && <span className="muted">{a.prompt}</span>}
                  <span className="spacer" />
                  <TimeUsed used={a.elapsedMs} budget={a.budgetMs} />
                </div>
                <div className="answer-text" tabIndex={0} role="region" aria-label={`Answer ${k + 1} to question ${index + 1}`}>
                  {a.text}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      {(q.outline.length > 0 || q.pitfalls.length > 0) && (
        <details className="outline">
          <summary>A strong answer and common pitfalls</summary>
          <p className="muted small">Rule-based: from the question's rubric</p>
          {q.outline.length > 0 && (
            <>
              <h4>A strong answer covers</h4>
              <ol>{q.outline.map((o, k) => <li key={k}>{o}</li>)}</ol>
            </>
          )}
          {q.pitfalls.length > 0 && (
            <>
              <h4>Pitfalls</h4>
              <ul>{q.pitfalls.map((p, k) => <li key={k}>{p}</li>)}</ul>
            </>
          )}
        </details>
      )}

      <div className="row">
        <button type="button" className="button" disabled={disabled} aria-describedby={headingId} onClick={onPracticeAgain}>
          {pending ? 'Starting…' : 'Practice this question again'}
        </button>
      </div>
    </article>
  );
}
