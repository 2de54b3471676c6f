import { roundKindLabel } from '../labels.js';

/** A labelled round-kind filter: "all" (the empty value) or one of the kinds present. */
export function RoundKindSelect(props: {
  id: string;
  label: string;
  allLabel: string;
  kinds: readonly string[];
  value: string;
  onChange: (kind: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.allLabel}</option>
        {props.kinds.map((k) => (
          <option key={k} value={k}>
            {roundKindLabel(k)}
          </option>
        ))}
      </select>
    </div>
  );
}
