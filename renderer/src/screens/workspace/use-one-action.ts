/**
 * One workspace action at a time (run, submit, reset…): the files are saved first so the action
 * sees what is on screen, its label shows while it runs, and a failure says which action failed.
 */
import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../../api/client.js';

export function useOneAction(flush: () => Promise<void>, onError: (message: string) => void) {
  const [running, setRunning] = useState<string | null>(null);
  // A ref as well as the state: a second key press in the same tick must see the first.
  const busy = useRef(false);
  const perform = useCallback(
    async (label: string, action: () => Promise<void>) => {
      if (busy.current) return;
      busy.current = true;
      setRunning(label);
      try {
        await flush();
        await action();
      } catch (error) {
        onError(`${label} did not work: ${errorMessage(error)}`);
      } finally {
        busy.current = false;
        setRunning(null);
      }
    },
    [flush, onError],
  );
  return { running, perform };
}
