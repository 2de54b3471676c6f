import { useMemo } from 'react';
import { parseMarkdown, type Inline } from './markdown.js';

/** Inline Markdown (code, bold, text) as elements. */
export function Text({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'code' ? (
          <code key={i}>{p.text}</code>
        ) : p.kind === 'bold' ? (
          <strong key={i}>{p.text}</strong>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

/** A pack's Markdown (bug report, task part, API docs) as plain elements. */
export function Markdown({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className="pj-md">
      {blocks.map((b, i) => {
        if (b.kind === 'heading') return <h4 key={i}>{<Text parts={b.text} />}</h4>;
        if (b.kind === 'code') return <pre key={i}>{b.text}</pre>;
        if (b.kind === 'list') {
          const items = b.items.map((item, j) => (
            <li key={j}>
              <Text parts={item} />
            </li>
          ));
          return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
        }
        return (
          <p key={i}>
            <Text parts={b.text} />
          </p>
        );
      })}
    </div>
  );
}
