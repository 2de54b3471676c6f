import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CodeNote } from '../../../main/contract/services/feedback.js';
import { CodeNotes } from '../../../renderer/src/screens/workspace/CodeNotes.js';

const NOTES: CodeNote[] = [
  {
    aspect: 'edge_cases',
    file: 'solution',
    line: 4,
    quote: 'if amount == 0:\n    continue',
    note: 'Skips zero amounts.',
  },
  { aspect: 'tests', file: 'tests', line: 12, quote: 'def test_empty(self):', note: 'Covers the <empty> ledger.' },
];

describe('CodeNotes', () => {
  it('shows each note with its aspect, file, line and the quoted code, as text', () => {
    const html = renderToStaticMarkup(createElement(CodeNotes, { notes: NOTES }));
    expect(html).toContain('Notes on your code');
    expect(html).toContain('not a score');
    expect(html).toContain('Edge cases');
    expect(html).toContain('Solution, line 4');
    expect(html).toContain('<code>if amount == 0:\n    continue</code>');
    expect(html).toContain('Your tests, line 12');
    // The model's words are text, never markup.
    expect(html).toContain('Covers the &lt;empty&gt; ledger.');
    expect(html.match(/<li/g)).toHaveLength(2);
  });

  it('shows nothing when there are no notes (no model, or none survived the checks)', () => {
    expect(renderToStaticMarkup(createElement(CodeNotes, { notes: [] }))).toBe('');
  });
});
