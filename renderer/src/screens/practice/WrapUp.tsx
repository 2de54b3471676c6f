import { useEffect, useRef, useState } from 'react';
import { ActionButton } from './ActionButton.js';
import { MOD_LABEL } from './keys.js';
import { useTypingGuard } from './typing-guard.js';

/** "Do you have any questions for me?": ask as many as you like, then finish. */
export function WrapUp({
  pending,
  onAsk,
  onFinish,
}: {
  pending: boolean;
  onAsk: (text: string) => Promise<boolean>;
  onFinish: () => void;
}) {
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const guard = useTypingGuard();
  useEffect(() => inputRef.current?.focus(), []);
  return (
    <section className="card stack wrap-up" aria-labelledby="wrap-up-heading">
      <h2 id="wrap-up-heading">Do you have any questions for me?</h2>
      <form
        className="row ask-form"
        onSubmit={(e) => {
          e.preventDefault();
          const question = text.trim();
          if (!question || pending) return;
          void onAsk(question).then((ok) => {
            if (ok) setText('');
          });
        }}
      >
        <div className="field grow-field">
          <label htmlFor="ask-interviewer">Your question for the interviewer</label>
          <input
            id="ask-interviewer"
            ref={inputRef}
            type="text"
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. What does success look like in the first six months?"
          />
        </div>
        <button type="submit" className="button" disabled={pending || !text.trim()} {...guard}>
          Ask
        </button>
      </form>
      <div className="row">
        <span className="muted small spacer">No more questions? Finish to see how each answer covered the rubric.</span>
        <ActionButton
          label="Finish interview"
          kind="primary"
          keys={[MOD_LABEL, 'Enter']}
          shortcut="Control+Enter Meta+Enter"
          disabled={pending}
          onClick={onFinish}
        />
      </div>
    </section>
  );
}
