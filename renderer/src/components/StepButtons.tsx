import type { KeyboardEvent } from 'react';

/** Earlier / "N of M" / Later, for stepping through a session's saved snapshots in review. */
export function StepButtons(props: {
  index: number;
  count: number;
  /** What one step is called: "Step", "Snapshot". */
  noun: string;
  testId: string;
  onMove: (delta: number) => void;
}) {
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => props.onMove(-1)}
        disabled={props.index === 0}
        aria-keyshortcuts="ArrowLeft"
      >
        ← Earlier
      </button>
      <span role="status" aria-live="polite" data-testid={props.testId}>
        {props.noun} {props.index + 1} of {props.count}
      </span>
      <button
        type="button"
        className="button"
        onClick={() => props.onMove(1)}
        disabled={props.index === props.count - 1}
        aria-keyshortcuts="ArrowRight"
      >
        Later →
      </button>
    </>
  );
}

/** Left and right arrows step, except inside code, buttons and form fields (they have their own keys). */
export function stepKeys(onMove: (delta: number) => void) {
  return (e: KeyboardEvent) => {
    if (e.target instanceof HTMLElement && e.target.closest('pre, button, select, input')) return;
    if (e.key === 'ArrowLeft') onMove(-1);
    if (e.key === 'ArrowRight') onMove(1);
  };
}
