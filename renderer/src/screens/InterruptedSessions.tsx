import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { InterruptedSession } from '../../../main/contract/services/interview.js';
import { api, errorMessage } from '../api/client.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { apiKey } from '../data/query-client.js';
import { href } from '../router.js';

/**
 * Rounds that were started but not finished (including ones cut off by a crash): resume them,
 * or finish them as they are. Shows nothing when there are none (or when they cannot be listed).
 */
export function InterruptedSessions() {
  const listed = useQuery({ queryKey: apiKey('interview', 'interrupted'), queryFn: () => api.interview.interrupted() });
  const client = useQueryClient();
  const sessions: InterruptedSession[] = listed.data ?? [];
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const busy = useRef(false);

  async function abandon(sessionId: string) {
    if (busy.current) return;
    busy.current = true;
    setBusyId(sessionId);
    setError(null);
    try {
      await api.interview.abandon({ sessionId });
      client.setQueryData<InterruptedSession[]>(apiKey('interview', 'interrupted'), (list) =>
        list?.filter((s) => s.sessionId !== sessionId),
      );
    } catch (e) {
      setError(`Could not finish that round: ${errorMessage(e)}`);
    } finally {
      busy.current = false;
      setBusyId(null);
    }
  }

  if (sessions.length === 0 && !error) return null;
  return (
    <section
      className="card interrupted stack"
      aria-labelledby="interrupted-heading"
      data-testid="interrupted-sessions"
    >
      <div>
        <h2 id="interrupted-heading">Unfinished rounds</h2>
        <p className="muted small flush">
          Rounds you started but did not finish. Resume where you left off (your draft was kept), or finish them as they
          are.
        </p>
      </div>
      <ErrorNotice message={error} />
      <ul className="interrupted-list">
        {sessions.map((s) => {
          const id = `interrupted-${s.sessionId}`;
          return (
            <li key={s.sessionId} className="interrupted-item">
              <div id={id} className="interrupted-title">
                <strong>{s.roleTitle}</strong> · {s.roundTitle}
                <div className="muted small">
                  Question {s.questionNumber} of {s.questionCount} · last active{' '}
                  {new Date(s.updatedAt).toLocaleString()}
                </div>
              </div>
              <div className="row">
                <a
                  className="button primary"
                  href={href({ name: 'practice', sessionId: s.sessionId })}
                  aria-describedby={id}
                >
                  Resume
                </a>
                <button
                  type="button"
                  className="button"
                  disabled={busyId !== null}
                  aria-describedby={id}
                  onClick={() => void abandon(s.sessionId)}
                >
                  {busyId === s.sessionId ? 'Finishing…' : 'Finish as is'}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
