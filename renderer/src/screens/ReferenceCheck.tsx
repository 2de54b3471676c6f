/**
 * A role card's line about its reference solutions: whether they were run against their own
 * tests (in the sandboxed runner), and a button to run them. Bundled packs and packs without
 * coding questions show nothing.
 */
import { useState } from 'react';
import type { RoleSummary } from '../../../main/contract/services/content.js';
import { api, errorMessage } from '../api/client.js';

export function ReferenceCheck({ role, onStarted }: { role: RoleSummary; onStarted: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const status = role.references;
  if (status.state === 'no_code' || status.state === 'bundled') return null;

  const check = async () => {
    setError(null);
    try {
      await api.content.checkReferences({ roleId: role.id });
      onStarted();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const button = (label: string) => (
    <button
      type="button"
      className="button small"
      onClick={() => void check()}
      aria-label={`${label} for ${role.title}`}
    >
      {label}
    </button>
  );
  const n = status.coding;
  const solutions = `${n} reference solution${n === 1 ? '' : 's'}`;

  return (
    <div className="reference-check small" data-testid={`references-${role.id}`}>
      {status.state === 'not_checked' && (
        <>
          <span className="chip warn" title={`The ${solutions} in this pack have not been run against their tests.`}>
            References not checked
          </span>
          {button('Check references')}
        </>
      )}
      {status.state === 'checking' && (
        <span className="chip" role="status">
          Checking {solutions}…
        </span>
      )}
      {status.state === 'pass' && <span className="chip good">References pass</span>}
      {status.state === 'fail' && (
        <details>
          <summary>
            <span className="chip bad" title="Show which references fail">
              {status.failing} of {n} failing
            </span>
          </summary>
          <ul>
            {status.failures.slice(0, 5).map((f) => (
              <li key={`${f.path}:${f.message}`}>
                <code>{f.questionId}</code>: {f.message}
              </li>
            ))}
            {status.failures.length > 5 && <li>… and {status.failures.length - 5} more</li>}
          </ul>
          {button('Check again')}
        </details>
      )}
      {status.state === 'unavailable' && (
        <>
          <span className="chip warn" title={status.message}>
            References not checked
          </span>
          <span className="muted">{status.message}</span>
          {button('Try again')}
        </>
      )}
      {error && (
        <span role="alert" className="muted">
          {error}
        </span>
      )}
    </div>
  );
}
