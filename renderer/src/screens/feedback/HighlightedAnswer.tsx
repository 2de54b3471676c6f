import type { ReactNode } from 'react';
import type { Highlight } from '../../../../main/contract/services/feedback.js';

/**
 * An answer with its evidence marked: rubric evidence the rules found, and the quotes the
 * model cited. Each mark names what it evidences, for the eye (title) and screen readers.
 */
export function HighlightedAnswer({
  text,
  highlights,
  label,
}: {
  text: string;
  highlights: Highlight[];
  label: string;
}) {
  const parts: ReactNode[] = [];
  let at = 0;
  highlights.forEach((h, i) => {
    if (h.start < at || h.end > text.length) return;
    if (h.start > at) parts.push(text.slice(at, h.start));
    const what = h.kind === 'quote' ? 'Quoted by the model' : 'Rubric evidence';
    parts.push(
      <mark key={i} className={`hl hl-${h.kind}`} title={h.note ? `${what}: ${h.note}` : what}>
        {text.slice(h.start, h.end)}
        <span className="visually-hidden">
          {' '}
          ({what.toLowerCase()}
          {h.note ? `: ${h.note}` : ''})
        </span>
      </mark>,
    );
    at = h.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return (
    <div className="answer-text feedback-transcript" tabIndex={0} role="region" aria-label={label}>
      {parts}
    </div>
  );
}
