import type { PartView } from '../../../../main/contract/services/workspace.js';

const STATUS: Record<PartView['status'], string> = {
  current: 'In progress',
  passed: 'Passed',
  moved_on: 'Moved on',
};

function entryLine(part: PartView): string {
  if (part.entry.kind === 'class') return `Write the class ${part.entry.name ?? ''}.`;
  if (part.entry.kind === 'program') return 'Write a program: it reads standard input and prints to standard output.';
  return `Write the function ${part.entry.name ?? ''}.`;
}

/** The parts revealed so far, newest open; earlier ones folded with their status. */
export function Statement({ parts, current }: { parts: PartView[]; current: number }) {
  return (
    <section className="ws-statement" aria-label="Problem statement">
      {parts.map((part) => (
        <details key={part.index} className="ws-part" open={part.index === current} data-status={part.status}>
          <summary>
            <span className="ws-part-number">Part {part.index + 1}</span> {part.title}
            <span className={`chip ws-part-status ws-${part.status}`}>{STATUS[part.status]}</span>
          </summary>
          <p>{part.statement}</p>
          <p className="muted small">{entryLine(part)}</p>
          <h4 className="small-heading">Visible tests</h4>
          <ul className="ws-visible-tests">
            {part.tests.map((t) => (
              <li key={t.name}>
                <span className="ws-test-name">{t.name}</span>
                <pre className="ws-code-line">{t.input}</pre>
                <span className="muted small">expected</span>
                <pre className="ws-code-line">{t.expected || '(no output)'}</pre>
              </li>
            ))}
          </ul>
          <p className="muted small">
            {part.hiddenCount} hidden test{part.hiddenCount === 1 ? '' : 's'} run when you submit this part.
          </p>
        </details>
      ))}
    </section>
  );
}
