import {
  CODE_NOTE_ASPECT_LABELS as ASPECT,
  CODE_NOTE_FILE_LABELS as FILE,
  type CodeNote,
} from '../../../../main/contract/services/feedback.js';

/**
 * The model's notes on the final code, each with the line it quotes. Commentary beside the test
 * results, never a score; nothing at all without a model.
 */
export function CodeNotes({ notes }: { notes: readonly CodeNote[] }) {
  if (notes.length === 0) return null;
  return (
    <section className="code-notes stack" aria-labelledby="code-notes-heading" data-testid="code-notes">
      <div>
        <h3 id="code-notes-heading" className="small-heading flush">
          Notes on your code
        </h3>
        <p className="muted small flush">From the model: commentary on the final code, not a score.</p>
      </div>
      <ul className="code-notes-list">
        {notes.map((n) => (
          <li key={`${n.file}:${n.line}:${n.aspect}`} className="code-note">
            <p className="flush">
              <span className="code-note-aspect">{ASPECT[n.aspect]}</span> {n.note}
            </p>
            <figure className="code-note-quote flush">
              <figcaption className="muted small">
                {FILE[n.file]}, line {n.line}
              </figcaption>
              <pre>
                <code>{n.quote}</code>
              </pre>
            </figure>
          </li>
        ))}
      </ul>
    </section>
  );
}
