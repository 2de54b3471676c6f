/** The structured notes of a design round, filled in while talking; every field is free text. */
import type { DesignNotes } from '../../../../../main/contract/services/board.js';

const FIELDS: { key: keyof DesignNotes; label: string; hint: string }[] = [
  { key: 'requirements', label: 'Requirements', hint: 'Functional, non-functional, out of scope' },
  { key: 'api', label: 'API', hint: 'Endpoints, requests, responses, errors' },
  { key: 'dataModel', label: 'Data model', hint: 'Tables or records, keys, indexes' },
  { key: 'estimates', label: 'Estimates', hint: 'Requests per second, storage, peak' },
  { key: 'tradeOffs', label: 'Trade-offs', hint: 'What you chose, and what it costs' },
];

export function NotesPane({
  notes,
  onChange,
  readOnly,
}: {
  notes: DesignNotes;
  onChange?: (notes: DesignNotes) => void;
  readOnly?: boolean;
}) {
  return (
    <section className="design-notes" aria-label="Design notes">
      <h3>Notes</h3>
      {FIELDS.map((f) => (
        <label key={f.key} className="design-note">
          <span>{f.label}</span>
          <textarea
            value={notes[f.key]}
            placeholder={f.hint}
            rows={3}
            readOnly={readOnly}
            data-note={f.key}
            onChange={(e) => onChange?.({ ...notes, [f.key]: e.target.value })}
          />
        </label>
      ))}
    </section>
  );
}
