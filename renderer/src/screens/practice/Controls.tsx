import { useEffect, useRef, useState, type Ref } from 'react';
import type { InterviewView } from '../../../../main/contract/services/interview.js';
import { ActionButton } from './ActionButton.js';
import { MOD_LABEL } from './keys.js';
import { useTypingGuard } from './typing-guard.js';

export interface ControlHandlers {
  startAnswer: () => void;
  done: () => void;
  repeat: () => void;
  clarify: (text: string) => Promise<boolean>;
  skip: () => void;
  togglePause: () => void;
  endRound: () => void;
}

interface ControlsProps {
  view: InterviewView;
  pending: boolean;
  handlers: ControlHandlers;
  clarifyOpen: boolean;
  setClarifyOpen: (open: boolean) => void;
  confirmingEnd: boolean;
  setConfirmingEnd: (open: boolean) => void;
  primaryRef: Ref<HTMLButtonElement>;
}

/** The buttons under the answer: one row whose size never changes between phases. */
export function Controls({
  view,
  pending,
  handlers,
  clarifyOpen,
  setClarifyOpen,
  confirmingEnd,
  setConfirmingEnd,
  primaryRef,
}: ControlsProps) {
  const answering = view.phase === 'answering';
  const asking = view.phase === 'question' || answering;
  const blocked = pending || view.paused || !asking;
  const guard = useTypingGuard();
  return (
    <div className="stack controls-block">
      <div className="controls-rows">
        <div className="controls" role="group" aria-label="Answer">
          {answering ? (
            <ActionButton
              ref={primaryRef}
              label="Done"
              kind="primary"
              keys={[MOD_LABEL, 'Enter']}
              shortcut="Control+Enter Meta+Enter"
              disabled={blocked}
              onClick={handlers.done}
              className="primary-action"
              guard={guard}
            />
          ) : (
            <ActionButton
              ref={primaryRef}
              label="Start answer"
              kind="primary"
              keys={['Enter']}
              shortcut="Enter"
              disabled={blocked}
              onClick={handlers.startAnswer}
              className="primary-action"
            />
          )}
          <ActionButton
            label="Repeat question"
            keys={answering ? ['Alt', 'R'] : ['R']}
            shortcut="R Alt+R"
            disabled={blocked}
            onClick={handlers.repeat}
          />
          <ActionButton label="Clarifying question" disabled={blocked} onClick={() => setClarifyOpen(!clarifyOpen)} />
        </div>
        <div className="controls" role="group" aria-label="Round">
          <ActionButton label="Skip" keys={['Alt', 'S']} shortcut="Alt+S" disabled={blocked} onClick={handlers.skip} />
          <ActionButton
            label={view.paused ? 'Resume' : 'Pause'}
            keys={['Alt', 'P']}
            shortcut="Alt+P"
            disabled={pending || !asking}
            onClick={handlers.togglePause}
            className="pause-action"
          />
          <ActionButton
            label="End round"
            kind="danger"
            keys={['Alt', 'E']}
            shortcut="Alt+E"
            disabled={pending || confirmingEnd}
            onClick={() => setConfirmingEnd(true)}
          />
        </div>
      </div>
      {confirmingEnd && (
        <ConfirmEnd pending={pending} onConfirm={handlers.endRound} onCancel={() => setConfirmingEnd(false)} />
      )}
      {clarifyOpen && asking && (
        <ClarifyForm pending={pending || view.paused} onAsk={handlers.clarify} onClose={() => setClarifyOpen(false)} />
      )}
    </div>
  );
}

function ConfirmEnd({
  pending,
  onConfirm,
  onCancel,
}: {
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div
      className="notice warn confirm"
      role="group"
      aria-labelledby="confirm-end-text"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <p id="confirm-end-text">End the round now? Your answers so far are kept and the summary opens.</p>
      <div className="row">
        <button ref={confirmRef} type="button" className="button danger" disabled={pending} onClick={onConfirm}>
          Yes, end the round
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Keep going
        </button>
      </div>
    </div>
  );
}

function ClarifyForm({
  pending,
  onAsk,
  onClose,
}: {
  pending: boolean;
  onAsk: (text: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const guard = useTypingGuard();
  useEffect(() => inputRef.current?.focus(), []);
  return (
    <form
      className="clarify row"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim() || pending) return;
        void onAsk(text.trim()).then((ok) => ok && onClose());
      }}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="field grow-field">
        <label htmlFor="clarify-text">Your clarifying question</label>
        <input
          id="clarify-text"
          ref={inputRef}
          type="text"
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. How large is the team?"
        />
      </div>
      <button type="submit" className="button primary" disabled={pending || !text.trim()} {...guard}>
        Ask
      </button>
      <button type="button" className="button" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}
