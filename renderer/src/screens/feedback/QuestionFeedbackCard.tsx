/**
 * Over 300 lines: One card's sections render the same feedback object; its pieces (metrics,
 * highlights, labels) are their own files.
 */
import type { QuestionFeedback } from '../../../../main/contract/services/feedback.js';
import { HighlightedAnswer } from './HighlightedAnswer.js';
import { FLAG_LABELS, STAR_LABELS } from './labels.js';
import { MetricsTable } from './MetricsTable.js';

interface Props {
  feedback: QuestionFeedback;
  index: number;
  pending: boolean;
  disabled: boolean;
  onPracticeAgain: () => void;
}

function SourceChip({ source }: { source: 'rules' | 'llm' }) {
  return source === 'llm' ? <span className="chip accent">Model</span> : <span className="chip">Rule-based</span>;
}

function Score({ q }: { q: QuestionFeedback }) {
  if (q.llm) {
    return (
      <div className="fb-score">
        <div className="fb-score-main">
          <span className="fb-score-value tabular">{q.llm.overall.toFixed(1)}</span>
          <span className="muted"> / 4</span> <SourceChip source="llm" />
        </div>
        <ul className="fb-dimensions">
          {q.llm.scores.map((s) => (
            <li key={s.dimension}>
              <span className="fb-dim-label">{s.label}</span>
              <meter
                min={1}
                max={4}
                low={2}
                high={3}
                optimum={4}
                value={s.score}
                aria-label={`${s.label}: ${s.score} of 4`}
              />
              <span className="tabular">{s.score}/4</span>
              {s.justification && <span className="muted small fb-dim-why">{s.justification}</span>}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  // Rules can say what was mentioned, not how good it was: no score without a model.
  return (
    <div className="fb-score" data-testid="rules-score">
      <div className="fb-score-main">
        <span className="muted">No score without a model</span> <SourceChip source="rules" />
      </div>
      <p className="muted small">The checks below quote what you said; a model judges how well.</p>
    </div>
  );
}

export function QuestionFeedbackCard({ feedback: q, index, pending, disabled, onPracticeAgain }: Props) {
  const id = `fb-q-${index}`;
  const mentioned = q.coverage.filter((c) => c.covered);
  const missing = q.coverage.filter((c) => !c.covered);
  const improvement = q.llm?.improvement || q.rules.improvement;
  const improvementSource = q.llm?.improvement ? 'llm' : 'rules';
  const outline = q.llm?.betterAnswer.length ? q.llm.betterAnswer : q.outline;
  return (
    <article
      className="card stack fb-card"
      aria-labelledby={id}
      data-testid="feedback-card"
      data-llm-status={q.llmStatus}
    >
      <header className="fb-head">
        <div className="row spread">
          <span className="eyebrow">Feedback · Question {index + 1}</span>
          <span className="row small">
            {q.skipped && <span className="chip">Not answered</span>}
            {q.flags.map((f) => (
              <span key={f} className="chip warn">
                {FLAG_LABELS[f]}
              </span>
            ))}
          </span>
        </div>
        <h3 id={id} className="fb-prompt">
          {q.prompt}
        </h3>
      </header>

      <div className="fb-top">
        <Score q={q} />
        {improvement && (
          <section className="fb-improvement" aria-labelledby={`${id}-improve`}>
            <h4 id={`${id}-improve`}>
              Most important improvement <SourceChip source={improvementSource} />
            </h4>
            <p>{improvement}</p>
          </section>
        )}
      </div>
      {/* Without a model the round's status line says so once; here only what is particular to this answer. */}
      {(q.llmStatus === 'failed' || q.llmStatus === 'skipped') && q.llmNote && (
        <p className="muted small fb-note" data-testid="llm-note">
          {q.llmNote}
        </p>
      )}
      {(q.llmStatus === 'pending' || q.llmStatus === 'running') && (
        <p className="muted small fb-note" role="status">
          The model is still writing feedback for this answer; the rule-based checks are below.
        </p>
      )}

      {q.answers.length > 0 && (
        <section aria-labelledby={`${id}-transcript`}>
          <h4 id={`${id}-transcript`}>Your answer, with the evidence marked</h4>
          <p className="muted small fb-legend">
            <mark className="hl hl-rubric">Underlined</mark>: words that mention a rubric point.{' '}
            {q.llm && q.llm.evidence.length > 0 && (
              <>
                <mark className="hl hl-quote">Shaded</mark>: quoted by the model.
              </>
            )}
          </p>
          {q.answers.map((a, k) => (
            <div key={a.turnSeq} className="fb-answer">
              {a.kind === 'follow_up' && <div className="small muted">Follow-up: {a.prompt}</div>}
              <HighlightedAnswer
                text={a.text}
                highlights={a.highlights}
                label={`${a.kind === 'follow_up' ? 'Follow-up answer' : 'Answer'} ${k + 1} to question ${index + 1}`}
              />
            </div>
          ))}
        </section>
      )}

      {q.llm && q.llm.evidence.length > 0 && (
        <section aria-labelledby={`${id}-evidence`}>
          <h4 id={`${id}-evidence`}>
            Evidence the model cited <SourceChip source="llm" />
          </h4>
          <ul className="fb-evidence">
            {q.llm.evidence.map((e, k) => (
              <li key={k}>
                <q>{e.quote}</q>
                {e.note && <span className="muted"> — {e.note}</span>}
              </li>
            ))}
          </ul>
          {q.llm.droppedQuotes > 0 && (
            <p className="muted small">
              {q.llm.droppedQuotes} quote{q.llm.droppedQuotes === 1 ? ' was' : 's were'} left out because{' '}
              {q.llm.droppedQuotes === 1 ? 'it is' : 'they are'} not in your answer.
            </p>
          )}
        </section>
      )}

      <div className="fb-grid">
        {q.coverage.length > 0 && (
          <section aria-labelledby={`${id}-points`} data-testid="rubric-points">
            <h4 id={`${id}-points`}>
              Rubric points <SourceChip source="rules" />
            </h4>
            {mentioned.length > 0 && (
              <ul className="fb-list fb-mentioned">
                {mentioned.map((c) => (
                  <li key={c.id}>
                    <span className="fb-point-state">Mentioned:</span> {c.point}
                    {c.quote && (
                      <>
                        {' '}
                        — <q>{c.quote}</q>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {missing.length === 0 ? (
              <p className="muted small">Each point was mentioned in a sentence of your answer.</p>
            ) : (
              <>
                <p className="muted small">Not heard in a sentence of your answer:</p>
                <ul className="fb-list">
                  {missing.map((c) => (
                    <li key={c.id}>{c.point}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}

        {q.star && (
          <section aria-labelledby={`${id}-star`}>
            <h4 id={`${id}-star`}>Story structure (STAR)</h4>
            <ul className="fb-star">
              {q.star.parts.map((p) => (
                <li key={p.part} className={p.present ? 'present' : 'absent'} title={p.evidence ?? undefined}>
                  <span aria-hidden="true">{p.present ? '✓' : '✗'}</span> {STAR_LABELS[p.part]}
                  <span className="visually-hidden">{p.present ? ' present' : ' missing'}</span>
                </li>
              ))}
            </ul>
            <p className="small">
              {q.star.resultQuantified ? (
                <>
                  Result has a number: <q>{q.star.quantity}</q>.
                </>
              ) : (
                <span className="muted">
                  The result has no number in it (a percentage, time saved, incidents avoided).
                </span>
              )}{' '}
              {q.star.weActions > q.star.iActions && q.star.weActions >= 2 && (
                <span className="muted">Mostly “we”: say what you did.</span>
              )}
            </p>
          </section>
        )}

        {q.boardObservations && q.boardObservations.length > 0 && (
          <section aria-labelledby={`${id}-board`}>
            <h4 id={`${id}-board`}>
              From your whiteboard <SourceChip source="rules" />
            </h4>
            <ul>
              {q.boardObservations.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </section>
        )}

        {q.checklist && (
          <section aria-labelledby={`${id}-checklist`}>
            <h4 id={`${id}-checklist`}>Design checklist</h4>
            <ul className="fb-checklist">
              {q.checklist.map((c) => (
                <li key={c.id} className={c.covered ? 'present' : 'absent'}>
                  <span aria-hidden="true">{c.covered ? '✓' : '✗'}</span> {c.label}
                  <span className="visually-hidden">{c.covered ? ' mentioned' : ' not mentioned'}</span>
                  {c.evidence.length > 0 && <span className="muted small"> — {c.evidence.slice(0, 2).join('; ')}</span>}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>

      {q.llm && q.llm.strengths.length > 0 && (
        <section aria-labelledby={`${id}-strengths`}>
          <h4 id={`${id}-strengths`}>
            Strengths <SourceChip source="llm" />
          </h4>
          <ul className="fb-list">
            {q.llm.strengths.map((s, k) => (
              <li key={k}>{s}</li>
            ))}
          </ul>
        </section>
      )}

      {outline.length > 0 && (
        <section aria-labelledby={`${id}-outline`}>
          <h4 id={`${id}-outline`}>
            A better answer{' '}
            {q.llm?.betterAnswer.length ? (
              <SourceChip source="llm" />
            ) : (
              <span className="chip">From the role pack</span>
            )}
          </h4>
          <ol className="fb-list">
            {outline.map((o, k) => (
              <li key={k}>{o}</li>
            ))}
          </ol>
          {q.pitfalls.length > 0 && <p className="muted small">Pitfalls to avoid: {q.pitfalls.join(' · ')}</p>}
        </section>
      )}

      {q.answers[0] && (
        <MetricsTable answer={q.answers[0]} caption={q.answers.length === 1 ? 'Delivery' : 'Delivery — main answer'} />
      )}
      {q.answers.length > 1 && (
        <details className="outline">
          <summary>Delivery of the follow-up answer{q.answers.length > 2 ? 's' : ''}</summary>
          <div className="stack">
            {q.answers.slice(1).map((a, k) => (
              <MetricsTable key={a.turnSeq} answer={a} caption={`Follow-up ${k + 1}`} />
            ))}
          </div>
        </details>
      )}

      <div className="row">
        <button type="button" className="button" disabled={disabled} aria-describedby={id} onClick={onPracticeAgain}>
          {pending ? 'Starting…' : 'Practice this question again'}
        </button>
      </div>
    </article>
  );
}
