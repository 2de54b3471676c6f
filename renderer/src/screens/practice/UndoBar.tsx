import { ActionButton } from './ActionButton.js';
import { MOD_LABEL } from './keys.js';
import { useNow } from './use-now.js';

/**
 * "Answer sent · Undo" for the few seconds core allows it. Fixed at the bottom of the window, so
 * it never moves the interview around; the interviewer goes on deciding meanwhile.
 */
export function UndoBar({
  until,
  offsetMs,
  onUndo,
}: {
  /** Server time the offer ends, or null. */
  until: number | null;
  /** Server clock minus local clock. */
  offsetMs: number;
  onUndo: () => void;
}) {
  const now = useNow(until !== null) + offsetMs;
  const left = until === null ? 0 : Math.ceil((until - now) / 1000);
  return (
    <div className="undo-slot" aria-live="polite">
      {left > 0 && (
        <div className="undo-bar" role="status" data-testid="undo-bar">
          <span>Answer sent.</span>
          <ActionButton
            label="Undo"
            keys={[MOD_LABEL, 'Z']}
            shortcut="Control+Z Meta+Z Alt+U"
            onClick={onUndo}
            className="small"
          />
          <span className="muted small" aria-hidden="true">
            {left} s
          </span>
        </div>
      )}
    </div>
  );
}
