import { memo, useEffect, useRef } from 'react';
import type { ConversationMessage, MessageKind } from '../../../../main/contract/services/interview.js';

const KIND_LABELS: Partial<Record<MessageKind, string>> = {
  intro: 'Introduction',
  question: 'Question',
  follow_up: 'Follow-up',
  answer: 'Answer',
  transition: 'Moving on',
  repeat: 'Repeated',
  clarify_question: 'Clarifying question',
  clarify_answer: 'Clarification',
  nudge: 'Nudge',
  skip: 'Skipped',
  wrap_up: 'Wrap-up',
  candidate_question: 'Your question',
  candidate_answer: 'Answer',
  closing: 'Closing',
};

/** Very long answers are shown shortened here; the full text is in the answer box and the summary. */
const MAX_SHOWN_CHARS = 1200;

/**
 * The conversation so far, oldest first, in a fixed-height scroll box that follows the newest
 * message, so the page itself never grows or jumps.
 */
export const Conversation = memo(function Conversation({ messages }: { messages: ConversationMessage[] }) {
  const box = useRef<HTMLDivElement>(null);
  const last = messages.at(-1)?.id;
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last]);
  return (
    <section className="card conversation" aria-labelledby="conversation-heading">
      <h2 id="conversation-heading">Conversation</h2>
      <div className="conversation-scroll" ref={box} tabIndex={0} role="region" aria-label="Conversation so far">
        {messages.length === 0 ? (
          <p className="muted small">Nothing said yet.</p>
        ) : (
          <ol className="messages">
            {messages.map((m) => (
              <li key={m.id} className={`message ${m.speaker} kind-${m.kind}`}>
                <div className="message-meta">
                  <span className="speaker">{m.speaker === 'interviewer' ? 'Interviewer' : 'You'}</span>
                  {KIND_LABELS[m.kind] && <span className="kind">{KIND_LABELS[m.kind]}</span>}
                </div>
                <p className="message-text">
                  {m.text.length > MAX_SHOWN_CHARS
                    ? `${m.text.slice(0, MAX_SHOWN_CHARS)}… (${m.text.length.toLocaleString()} characters)`
                    : m.text}
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
});
