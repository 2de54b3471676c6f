import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language } from '../../../../content/schema.js';
import type { WorkspaceFile } from '../../../../main/contract/services/workspace.js';
import { api, errorMessage } from '../../api/client.js';

export const FILE_AUTOSAVE_MS = 600;

export type SaveState =
  { kind: 'saved'; at: number | null } | { kind: 'unsaved' } | { kind: 'saving' } | { kind: 'error'; message: string };

interface Pending {
  language: Language;
  file: WorkspaceFile;
  text: string;
}

/**
 * Code files save like drafts: a short pause in typing, a run, a language switch or leaving the
 * page writes the latest text (each file of each language on its own row).
 */
export function useFileAutosave(sessionId: string, questionId: string, savedAt: number | null) {
  const pending = useRef(new Map<string, Pending>());
  const timer = useRef<number | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: savedAt });

  const flush = useCallback((): Promise<void> => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const batch = [...pending.current.values()];
    pending.current.clear();
    if (batch.length === 0) return chain.current;
    setState({ kind: 'saving' });
    chain.current = chain.current.then(async () => {
      try {
        let at = 0;
        for (const p of batch) at = (await api.workspace.saveFile({ sessionId, questionId, ...p })).savedAt;
        setState(pending.current.size > 0 ? { kind: 'unsaved' } : { kind: 'saved', at });
      } catch (error) {
        // Keep the text to save again with the next change or run.
        for (const p of batch)
          if (!pending.current.has(`${p.language}:${p.file}`)) pending.current.set(`${p.language}:${p.file}`, p);
        setState({ kind: 'error', message: errorMessage(error) });
      }
    });
    return chain.current;
  }, [sessionId, questionId]);

  const change = useCallback(
    (language: Language, file: WorkspaceFile, text: string) => {
      pending.current.set(`${language}:${file}`, { language, file, text });
      setState({ kind: 'unsaved' });
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), FILE_AUTOSAVE_MS);
    },
    [flush],
  );

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  return { state, change, flush };
}
