/**
 * The whiteboard of a system-design round: Excalidraw and the notes pane, saved to core as the
 * candidate works (the interviewer reads the saved board when an answer is submitted). Inside
 * the board the page's single-key shortcuts are off; Esc leaves it.
 */
import { forwardRef, lazy, Suspense, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { DesignNotes } from '../../../../../main/contract/services/board.js';
import { api, errorMessage } from '../../../api/client.js';
import { NotesPane } from './NotesPane.js';
import { useDarkTheme } from './use-dark.js';
import './board.css';

const ExcalidrawCanvas = lazy(() => import('./ExcalidrawCanvas.js'));

/** Quiet time after the last change before the board is saved. */
const SAVE_DELAY_MS = 700;

export interface DesignBoardHandle {
  /** Saves what is not saved yet; resolves when core has it. */
  flush(): Promise<void>;
  /** Draws the snapshots the interviewer took (SVG and PNG for review and export), in the background. */
  renderSnapshots(): void;
}

export const DesignBoard = forwardRef<DesignBoardHandle, { sessionId: string; onLeave: () => void }>(
  function DesignBoard({ sessionId, onLeave }, ref) {
    const dark = useDarkTheme();
    const [loaded, setLoaded] = useState<{ scene: string | null; notes: DesignNotes } | null>(null);
    const [notes, setNotes] = useState<DesignNotes | null>(null);
    const [status, setStatus] = useState<{ kind: 'saved' | 'saving' | 'error'; text: string } | null>(null);
    const [description, setDescription] = useState('');
    const pending = useRef<{ scene: string | null; notes: DesignNotes } | null>(null);
    const latest = useRef<{ scene: string | null; notes: DesignNotes } | null>(null);
    const timer = useRef<number | null>(null);
    const saving = useRef<Promise<void>>(Promise.resolve());

    useEffect(() => {
      let live = true;
      api.board.get({ sessionId }).then(
        (state) => {
          if (!live) return;
          setLoaded({ scene: state.scene, notes: state.notes });
          setNotes(state.notes);
          latest.current = { scene: state.scene, notes: state.notes };
        },
        (error) => live && setStatus({ kind: 'error', text: `The board could not be opened: ${errorMessage(error)}` }),
      );
      return () => {
        live = false;
      };
    }, [sessionId]);

    const save = useCallback((): Promise<void> => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      const next = pending.current;
      pending.current = null;
      if (!next) return saving.current;
      setStatus({ kind: 'saving', text: 'Saving…' });
      saving.current = saving.current.then(() =>
        api.board.save({ sessionId, scene: next.scene, notes: next.notes }).then(
          (saved) => {
            setDescription(saved.description);
            setStatus({ kind: 'saved', text: 'Saved' });
          },
          (error) => setStatus({ kind: 'error', text: `Not saved: ${errorMessage(error)}` }),
        ),
      );
      return saving.current;
    }, [sessionId]);

    const schedule = useCallback(
      (change: Partial<{ scene: string | null; notes: DesignNotes }>) => {
        const base = latest.current ?? { scene: null, notes: change.notes! };
        latest.current = { ...base, ...change };
        pending.current = latest.current;
        if (timer.current !== null) window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => void save(), SAVE_DELAY_MS);
      },
      [save],
    );

    useImperativeHandle(
      ref,
      () => ({
        flush: save,
        renderSnapshots: () => {
          void import('./render.js')
            .then((m) => m.renderPendingSnapshots(sessionId))
            .catch((error: unknown) =>
              setStatus({ kind: 'error', text: `The board snapshot was not drawn: ${errorMessage(error)}` }),
            );
        },
      }),
      [save, sessionId],
    );
    // Leaving the screen saves what is left.
    useEffect(() => () => void save(), [save]);

    function onKeyDown(e: React.KeyboardEvent) {
      // Esc leaves the board, unless it is finishing a text edit inside Excalidraw.
      if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement)) {
        e.preventDefault();
        onLeave();
      }
    }

    return (
      <section className="design-board" aria-label="Whiteboard" data-board="">
        <div className="design-board-head">
          <h2>Whiteboard</h2>
          <span className="muted small">
            Draw while you talk; the interviewer looks at it after each answer. Esc leaves the board.
          </span>
          <span className={`board-status ${status?.kind ?? ''}`} role="status">
            {status?.text ?? ''}
          </span>
        </div>
        <div className="design-board-body">
          <div className="board-canvas" onKeyDown={onKeyDown} data-testid="board-canvas">
            {loaded ? (
              <Suspense fallback={<p className="muted board-loading">Opening the whiteboard…</p>}>
                <ExcalidrawCanvas
                  initialScene={loaded.scene}
                  dark={dark}
                  onSceneChange={(scene) => schedule({ scene })}
                />
              </Suspense>
            ) : (
              <p className="muted board-loading">Opening the whiteboard…</p>
            )}
          </div>
          {notes && (
            <div onKeyDown={(e) => e.key === 'Escape' && onLeave()}>
              <NotesPane
                notes={notes}
                onChange={(next) => {
                  setNotes(next);
                  schedule({ notes: next });
                }}
              />
            </div>
          )}
        </div>
        <details className="board-seen">
          <summary>What the interviewer sees</summary>
          <pre data-testid="board-description">
            {description || 'Nothing saved yet. Draw something, or fill in a note.'}
          </pre>
        </details>
      </section>
    );
  },
);
