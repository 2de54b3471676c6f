import type { RoleSummary, RoundSummary } from '../../../main/contract/services/content.js';
import { formatMinutes } from '../labels.js';

/** The call to action under the round picker. The interview engine plugs in here. */
export function StartRound({ role, round }: { role: RoleSummary; round: RoundSummary }) {
  return (
    <div className="row" style={{ marginTop: '1rem' }}>
      <p className="muted" style={{ margin: 0 }} role="status" aria-live="polite">
        Selected: <strong>{round.title}</strong> for {role.title} · {formatMinutes(round.minutes)}
      </p>
    </div>
  );
}
