import type { ReactNode } from 'react';
import { errorMessage } from '../api/client.js';

/** The parts of a query result this component reads (TanStack Query's UseQueryResult fits). */
export interface QueryState<T> {
  status: 'pending' | 'error' | 'success';
  data: T | undefined;
  error: unknown;
}

/** Renders the ready value, or a calm loading line, or the error with what to do. */
export function Async<T>({
  state,
  children,
  label,
}: {
  state: QueryState<T>;
  label: string;
  children: (value: T) => ReactNode;
}) {
  if (state.status === 'pending')
    return (
      <p className="muted" role="status">
        Loading {label}…
      </p>
    );
  if (state.status === 'error')
    return (
      <div className="notice error" role="alert">
        Could not load {label}. {errorMessage(state.error)}
      </div>
    );
  return <>{children(state.data as T)}</>;
}
