import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language } from '../../../../content/schema.js';
import type { WorkspaceFile } from '../../../../main/contract/services/workspace.js';
import { api, errorMessage } from '../../api/client.js';

export const FILE_AUTOSAVE_MS = 600;

export type SaveState =
  { kind: 'saved'; at: number | null } | { kind: 'unsaved' } | { kind: 'saving' } | { kind: 'error'; message: string };

/**
 * Code files save like drafts: a short pause in typing, a run, a file or language switch or
 * leaving the page writes the latest text of each changed file (`key` names the file; `save`
 * writes one). Used by the coding workspace and the project workspace alike.
 */
export function useAutosave(save: (key: string, text: string) => Promise<{ savedAt: number }>, savedAt: number | null) {
  const pending = useRef(new Map<string, string>());
  const timer = useRef<number | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: savedAt });

  const flush = useCallback((): Promise<void> => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const batch = [...pending.current.entries()];
    pending.current.clear();
    if (batch.length === 0) return chain.current;
    setState({ kind: 'saving' });
    chain.current = chain.current.then(async () => {
      try {
        let at = 0;
        for (const [key, text] of batch) at = (await saveRef.current(key, text)).savedAt;
        setState(pending.current.size > 0 ? { kind: 'unsaved' } : { kind: 'saved', at });
      } catch (error) {
        // Keep the text to save again with the next change or run.
        for (const [key, text] of batch) if (!pending.current.has(key)) pending.current.set(key, text);
        setState({ kind: 'error', message: errorMessage(error) });
      }
    });
    return chain.current;
  }, []);

  const change = useCallback(
    (key: string, text: string) => {
      pending.current.set(key, text);
      setState({ kind: 'unsaved' });
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), FILE_AUTOSAVE_MS);
    },
    [flush],
  );

  /** Forgets unsaved text of a file (it was deleted, or every file was reset). */
  const discard = useCallback((key?: string) => {
    if (key === undefined) pending.current.clear();
    else pending.current.delete(key);
  }, []);

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  return { state, change, flush, discard };
}

/** The coding workspace's files: one per language and file (solution, own tests). */
export function useFileAutosave(sessionId: string, questionId: string, savedAt: number | null) {
  const save = useCallback(
    (key: string, text: string) => {
      const [language, file] = key.split(':') as [Language, WorkspaceFile];
      return api.workspace.saveFile({ sessionId, questionId, language, file, text });
    },
    [sessionId, questionId],
  );
  const { state, flush, change: changeKey } = useAutosave(save, savedAt);
  const change = useCallback(
    (language: Language, file: WorkspaceFile, text: string) => changeKey(`${language}:${file}`, text),
    [changeKey],
  );
  return { state, flush, change };
}

/** What the save indicator says for a state. */
export function saveLabel(state: SaveState): string {
  if (state.kind === 'saving') return 'Saving…';
  if (state.kind === 'unsaved') return 'Unsaved changes';
  if (state.kind === 'error') return `Not saved: ${state.message}`;
  return state.at ? 'All changes saved' : 'Not edited yet';
}
