import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { api, errorMessage } from '../../api/client.js';

export const AUTOSAVE_MS = 3000;

export interface AnswerBoxHandle {
  /** The text as typed right now. */
  text: () => string;
  /** The text, marked as handed over: it will not be saved again as a draft. */
  take: () => string;
  focus: () => void;
  /** Saves now if anything changed since the last save. */
  flush: () => Promise<void>;
  /** Adds text at the end (a spoken answer's transcript) and saves it as the draft. */
  append: (text: string) => void;
}

type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'saved'; chars: number }
  | { kind: 'error'; message: string };

interface AnswerBoxProps {
  sessionId: string;
  initialText: string;
  disabled: boolean;
  /** While a call is in flight: keeps focus and text, stops edits. */
  readOnly: boolean;
  placeholder: string;
  ref?: Ref<AnswerBoxHandle>;
}

/**
 * The typed answer. The textarea is uncontrolled: typing never re-renders React, so a
 * 50,000-character answer stays as responsive as an empty one. Changes are saved every 3 s
 * while they keep coming and when the box loses focus.
 */
export function AnswerBox({ sessionId, initialText, disabled, readOnly, placeholder, ref }: AnswerBoxProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const dirty = useRef(false);
  const saving = useRef<Promise<void> | null>(null);
  const [status, setStatus] = useState<SaveStatus>(
    initialText ? { kind: 'saved', chars: initialText.length } : { kind: 'idle' },
  );

  const save = useCallback(async (): Promise<void> => {
    if (saving.current) await saving.current;
    if (!dirty.current || !area.current) return;
    const text = area.current.value;
    dirty.current = false;
    setStatus({ kind: 'saving' });
    const run = api.interview.saveDraft({ sessionId, text }).then(
      () => setStatus(dirty.current ? { kind: 'unsaved' } : { kind: 'saved', chars: text.length }),
      (error: unknown) => {
        dirty.current = true;
        setStatus({ kind: 'error', message: errorMessage(error) });
      },
    );
    saving.current = run;
    try {
      await run;
    } finally {
      saving.current = null;
    }
  }, [sessionId]);

  useImperativeHandle(
    ref,
    () => ({
      text: () => area.current?.value ?? '',
      take: () => {
        dirty.current = false;
        return area.current?.value ?? '';
      },
      focus: () => {
        const box = area.current;
        if (!box) return;
        box.focus();
        // A box that comes back with text (undo, a restored draft) continues at its end.
        if (box.selectionStart === 0 && box.selectionEnd === 0 && box.value)
          box.setSelectionRange(box.value.length, box.value.length);
        // In a small window the whole box comes into view (below the sticky clock bar), not just its top edge.
        box.scrollIntoView({ block: 'nearest' });
      },
      flush: save,
      append: (text: string) => {
        const box = area.current;
        if (!box || !text.trim()) return;
        const before = box.value.replace(/\s+$/, '');
        box.value = before ? `${before} ${text.trim()}` : text.trim();
        dirty.current = true;
        setStatus({ kind: 'unsaved' });
        void save();
      },
    }),
    [save],
  );

  // Saves at most every AUTOSAVE_MS while typing. No save on unmount: a submitted answer must
  // not come back as the next question's draft (leaving the screen moves focus, and blur saves).
  const autosave = useRef<number | null>(null);
  const scheduleSave = () => {
    if (autosave.current !== null) return;
    autosave.current = window.setTimeout(() => {
      autosave.current = null;
      if (dirty.current && !saving.current) void save();
    }, AUTOSAVE_MS);
  };
  useEffect(
    () => () => {
      if (autosave.current !== null) window.clearTimeout(autosave.current);
    },
    [],
  );

  return (
    <div className="answer-box field">
      <div className="answer-box-head">
        <label htmlFor="answer-text">Your answer</label>
        <SaveStatusLine status={status} />
      </div>
      <textarea
        id="answer-text"
        ref={area}
        defaultValue={initialText}
        disabled={disabled}
        readOnly={readOnly}
        placeholder={placeholder}
        rows={10}
        spellCheck
        onInput={() => {
          dirty.current = true;
          setStatus((s) => (s.kind === 'unsaved' ? s : { kind: 'unsaved' }));
          scheduleSave();
        }}
        onBlur={() => void save()}
      />
    </div>
  );
}

function SaveStatusLine({ status }: { status: SaveStatus }) {
  if (status.kind === 'error') {
    return (
      <span className="save-status error" role="alert">
        Not saved: {status.message}
      </span>
    );
  }
  const text =
    status.kind === 'saved'
      ? `Saved · ${status.chars.toLocaleString()} characters`
      : status.kind === 'saving'
        ? 'Saving…'
        : status.kind === 'unsaved'
          ? 'Editing'
          : '';
  return (
    <span className="save-status muted small" data-testid="save-status">
      {text}
    </span>
  );
}
