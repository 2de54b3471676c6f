import { useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown.js';

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

type Heading = Extract<Block, { kind: 'heading' }>;

/**
 * Parsed Markdown blocks as plain elements. `heading` renders a heading differently (the docs tab
 * gives each an id to jump to); by default it is an h4.
 */
export function MarkdownBlocks(props: {
  blocks: Block[];
  className: string;
  heading?: (block: Heading, key: number) => ReactNode;
}) {
  return (
    <div className={props.className}>
      {props.blocks.map((b, i) => {
        if (b.kind === 'heading')
          return props.heading ? props.heading(b, i) : <h4 key={i}>{<Text parts={b.text} />}</h4>;
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

/** A pack's Markdown (bug report, task part, API docs) as plain elements. */
export function Markdown({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return <MarkdownBlocks blocks={blocks} className="pj-md" />;
}
