import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { formatLength } from '../../../../main/contract/format.js';
import type { QuestionAttempts } from '../../../../main/contract/services/sessions.js';
import { api } from '../../api/client.js';
import { Async } from '../../components/Loading.js';
import { apiKey } from '../../data/query-client.js';
import { href } from '../../router.js';
import { DamagedNotice } from './DamagedNotice.js';
import { formatDateTime } from './format.js';

/** Every attempt at one question, oldest to newest, in columns. */
export function Attempts({ questionId }: { questionId: string }) {
  const attempts = useQuery({
    queryKey: apiKey('sessions', 'attempts', { questionId }),
    queryFn: () => api.sessions.attempts({ questionId }),
  });
  return (
    <Async state={attempts} label="the attempts">
      {(value) => (
        <>
          <DamagedNotice damaged={value.damaged} />
          <AttemptColumns attempts={value} />
        </>
      )}
    </Async>
  );
}

function AttemptColumns({ attempts }: { attempts: QuestionAttempts }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Chosen from the list above: bring the comparison into view and start reading there.
  useEffect(() => {
    headingRef.current?.scrollIntoView({ block: 'start' });
    headingRef.current?.focus({ preventScroll: true });
  }, [attempts.questionId]);
  return (
    <section className="stack-tight" aria-labelledby="attempts-heading">
      <h3 id="attempts-heading" className="question-prompt" ref={headingRef} tabIndex={-1}>
        {attempts.prompt}
      </h3>
      <div className="attempts" role="list" tabIndex={0} aria-label="Attempts, oldest first">
        {attempts.attempts.map((a, i) => (
          <article key={a.sessionId} className="attempt card" role="listitem" aria-labelledby={`attempt-${i}`}>
            <h4 id={`attempt-${i}`} className="small-heading">
              Attempt {i + 1} <span className="muted">· {formatDateTime(a.createdAt)}</span>
            </h4>
            <dl className="kv small">
              <dt>Time</dt>
              <dd>{formatLength(a.elapsedMs)}</dd>
              {a.delivery.wordsPerMinute !== null && (
                <>
                  <dt>Pace</dt>
                  <dd className="tabular">{a.delivery.wordsPerMinute} words/min</dd>
                </>
              )}
            </dl>
            {a.covered.length > 0 && (
              <div className="small">
                <span className="muted">Mentioned</span>
                <ul className="missed-list">
                  {a.covered.map((point) => (
                    <li key={point}>{point}</li>
                  ))}
                </ul>
              </div>
            )}
            {a.missing.length > 0 && (
              <div className="small">
                <span className="muted">Not mentioned</span>
                <ul className="missed-list">
                  {a.missing.map((point) => (
                    <li key={point}>{point}</li>
                  ))}
                </ul>
              </div>
            )}
            {a.answers.length === 0 ? (
              <p className="muted small">Not answered.</p>
            ) : (
              a.answers.map((answer, k) => (
                <div key={k} className="attempt-answer">
                  {answer.kind === 'follow_up' && <div className="muted small">Follow-up: {answer.prompt}</div>}
                  <p className="answer-text">{answer.text}</p>
                </div>
              ))
            )}
            <a className="small" href={href({ name: 'session', sessionId: a.sessionId })}>
              Open this session
            </a>
          </article>
        ))}
      </div>
    </section>
  );
}
