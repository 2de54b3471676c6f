import { useEffect, useRef, useState } from 'react';
import { MAX_NOTES_CHARS } from '../../../../main/contract/services/sessions.js';
import { api, errorMessage } from '../../api/client.js';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** The candidate's notes on a session, saved a moment after they stop typing and when they leave the field. */
export function NotesField({ sessionId, initial }: { sessionId: string; initial: string }) {
  const [text, setText] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const saved = useRef(initial);
  const latest = useRef(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  async function save() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const value = latest.current;
    if (value === saved.current) return;
    setState({ kind: 'saving' });
    try {
      await api.sessions.setNotes({ sessionId, notes: value });
      saved.current = value;
      setState(latest.current === value ? { kind: 'saved' } : { kind: 'saving' });
    } catch (e) {
      setState({ kind: 'error', message: errorMessage(e) });
    }
  }

  // Leaving the page saves what was typed last.
  useEffect(
    () => () => {
      if (latest.current !== saved.current)
        void api.sessions.setNotes({ sessionId, notes: latest.current }).catch(() => undefined);
      if (timer.current) clearTimeout(timer.current);
    },
    [sessionId],
  );

  return (
    <div className="field notes-field">
      <div className="notes-head">
        <label htmlFor="session-notes">Your notes</label>
        <span
          className={`save-status small ${state.kind === 'error' ? 'error' : 'muted'}`}
          role="status"
          aria-live="polite"
        >
          {state.kind === 'saving' && 'Saving…'}
          {state.kind === 'saved' && 'Saved'}
          {state.kind === 'error' && `Not saved: ${state.message}`}
        </span>
      </div>
      <textarea
        id="session-notes"
        rows={4}
        maxLength={MAX_NOTES_CHARS}
        value={text}
        placeholder="What went well, what to practise next…"
        onChange={(e) => {
          setText(e.target.value);
          latest.current = e.target.value;
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void save(), 800);
        }}
        onBlur={() => void save()}
      />
    </div>
  );
}
