import { formatRoundRecord } from '../../../../main/contract/format.js';
import type { RoundFeedback, GenerationStatus } from '../../../../main/contract/services/feedback.js';
import { href } from '../../router.js';
import { HIRE_SIGNAL_LABELS, HIRE_SIGNAL_TONE, generationText } from './labels.js';

/** The round as a whole: the model's summary and hire signal when there is one, what to practice next. */
export function RoundFeedbackCard({ round, generation }: { round: RoundFeedback; generation: GenerationStatus }) {
  const practice = round.llm?.practiceNext.length ? round.llm.practiceNext : round.rules.practiceNext;
  return (
    <section className="card stack fb-round" aria-labelledby="fb-round-heading" data-testid="round-feedback">
      <div className="row spread">
        <h2 id="fb-round-heading" className="flush">
          Round feedback
        </h2>
        {round.llm ? <span className="chip accent">Model</span> : <span className="chip">Rule-based</span>}
      </div>
      <p
        className={`fb-generation small state-${generation.state}`}
        role="status"
        aria-live="polite"
        data-testid="feedback-status"
      >
        {generationText(generation)}
        {generation.state === 'rules_only' && (
          <>
            {' '}
            <a href={href({ name: 'models' })}>Choose a model</a> for both.
          </>
        )}
      </p>

      {round.llm ? (
        <div className="stack fb-round-llm">
          <div className="row">
            <span className="muted">Hire signal</span>
            <span className={`chip ${HIRE_SIGNAL_TONE[round.llm.hireSignal]}`} data-testid="hire-signal">
              {HIRE_SIGNAL_LABELS[round.llm.hireSignal]}
            </span>
          </div>
          <p className="flush">{round.llm.summary}</p>
          {round.llm.reasons.length > 0 && (
            <ul className="fb-list">
              {round.llm.reasons.map((r, k) => (
                <li key={k}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        (round.llmStatus === 'failed' || round.llmStatus === 'skipped') &&
        round.llmNote && <p className="muted small">{round.llmNote}</p>
      )}

      <div className="fb-round-facts row small">
        <span data-testid="round-record">{formatRoundRecord(round.record)}</span>
      </div>

      {practice.length > 0 && (
        <section aria-labelledby="fb-practice-next">
          <h3 id="fb-practice-next" className="small-heading">
            Practice next{' '}
            {round.llm?.practiceNext.length ? (
              <span className="chip accent">Model</span>
            ) : (
              <span className="chip">Rule-based</span>
            )}
          </h3>
          <ol className="fb-list">
            {practice.map((p, k) => (
              <li key={k}>{p}</li>
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}
