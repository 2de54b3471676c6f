/**
 * Sessions left out of a list, a chart or an export because their stored data cannot be read:
 * named, so one damaged session never hides all the others and never goes unnoticed.
 */
import type { DamagedSession } from '../../../../main/contract/services/sessions.js';

export function describeDamaged(damaged: readonly DamagedSession[]): string {
  const n = damaged.length;
  const ids = damaged
    .slice(0, 3)
    .map((d) => d.sessionId)
    .join(', ');
  const more = n > 3 ? ` and ${n - 3} more` : '';
  return `${n} session${n === 1 ? '' : 's'} could not be read and ${n === 1 ? 'is' : 'are'} left out (${ids}${more}).`;
}

export function DamagedNotice({ damaged }: { damaged: readonly DamagedSession[] | undefined }) {
  if (!damaged || damaged.length === 0) return null;
  return (
    <div className="notice warn small" role="status" data-testid="damaged-sessions">
      <p style={{ margin: 0 }}>
        {describeDamaged(damaged)} Opening one says what is wrong; you can delete it from its page.
      </p>
      <details>
        <summary>Details</summary>
        <ul>
          {damaged.map((d) => (
            <li key={d.sessionId}>
              <code>{d.sessionId}</code>: {d.reason}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
