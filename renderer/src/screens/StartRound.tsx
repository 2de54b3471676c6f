import { useEffect, useRef, useState } from 'react';
import type { RoleSummary, RoundSummary } from '../../../main/contract/services/content.js';
import { api, errorMessage } from '../api/client.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatMinutes } from '../labels.js';
import { navigate } from '../router.js';
import { ActionButton } from './practice/ActionButton.js';
import { isModEnter, MOD_LABEL } from './practice/keys.js';

/** The call to action under the round picker: starts a session and opens the practice screen. */
export function StartRound({ role, round }: { role: RoleSummary; round: RoundSummary }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  async function start() {
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    setError(null);
    try {
      const view = await api.interview.start({ roleId: role.id, roundId: round.id });
      navigate({ name: 'practice', sessionId: view.sessionId });
    } catch (e) {
      setError(`Could not start the round: ${errorMessage(e)}`);
    } finally {
      busy.current = false;
      setPending(false);
    }
  }

  const latest = useRef(start);
  useEffect(() => {
    latest.current = start;
  });
  useEffect(() => {
    // Ctrl/⌘+Enter anywhere on the role page, or Enter on a round in the list.
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.repeat) return;
      const onRound =
        e.key === 'Enter' &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        e.target instanceof HTMLInputElement &&
        e.target.type === 'radio' &&
        e.target.name === 'round';
      if (isModEnter(e) || onRound) {
        e.preventDefault();
        void latest.current();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="stack start-round">
      <div className="row">
        <ActionButton
          label="Start practice"
          kind="primary"
          keys={[MOD_LABEL, 'Enter']}
          shortcut="Control+Enter Meta+Enter"
          disabled={pending}
          onClick={() => void start()}
        />
        <p className="muted flush" role="status" aria-live="polite">
          {pending ? (
            'Starting…'
          ) : (
            <>
              Selected: <strong>{round.title}</strong> for {role.title} · {formatMinutes(round.minutes)}
            </>
          )}
        </p>
      </div>
      <ErrorNotice message={error} />
    </div>
  );
}
