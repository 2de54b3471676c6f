import type { ReactNode } from 'react';
import type { AsyncState } from '../use-async.js';

/** Renders the ready value, or a calm loading line, or the error with what to do. */
export function Async<T>({
  state,
  children,
  label,
}: {
  state: AsyncState<T>;
  label: string;
  children: (value: T) => ReactNode;
}) {
  if (state.status === 'loading')
    return (
      <p className="muted" role="status">
        Loading {label}…
      </p>
    );
  if (state.status === 'error')
    return (
      <div className="notice error" role="alert">
        Could not load {label}. {state.message}
      </div>
    );
  return <>{children(state.value)}</>;
}
