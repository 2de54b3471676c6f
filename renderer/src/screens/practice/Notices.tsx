import { useState } from 'react';
import { useCoreEvent } from '../../data/core-events.js';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  message: string;
}

let nextToastId = 1;

/** Interviewer notices for this session plus the screen's own errors, as dismissible toasts. */
export function useToasts(sessionId: string) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const add = (kind: Toast['kind'], message: string) =>
    setToasts((list) => [...list.slice(-3), { id: nextToastId++, kind, message }]);
  useCoreEvent('interviewer:notice', (payload) => {
    if (payload.sessionId === sessionId) add('info', payload.message);
  });
  return {
    toasts,
    add,
    dismiss: (id: number) => setToasts((list) => list.filter((t) => t.id !== id)),
    clearErrors: () =>
      setToasts((list) => (list.some((t) => t.kind === 'error') ? list.filter((t) => t.kind !== 'error') : list)),
  };
}

/** Fixed in a corner, so a notice never pushes the interview around. */
export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div className="toast-stack" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast ${t.kind === 'error' ? 'error' : ''}`}
          role={t.kind === 'error' ? 'alert' : undefined}
        >
          <p>{t.message}</p>
          <button type="button" className="button small" onClick={() => onDismiss(t.id)} aria-label="Dismiss notice">
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
