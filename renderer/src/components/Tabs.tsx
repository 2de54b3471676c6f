/** A row of tabs controlling one panel (the workspaces' file and side tabs). */
interface TabsProps<Id extends string> {
  label: string;
  /** Each tab's element id is `${idPrefix}-${id}`, for the panel's aria-labelledby. */
  idPrefix: string;
  panelId: string;
  tabs: readonly { id: Id; label: string }[];
  selected: Id;
  onSelect: (id: Id) => void;
}

export function Tabs<Id extends string>({ label, idPrefix, panelId, tabs, selected, onSelect }: TabsProps<Id>) {
  return (
    <div className="ws-tabs" role="tablist" aria-label={label}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`${idPrefix}-${t.id}`}
          aria-selected={selected === t.id}
          aria-controls={panelId}
          className="ws-tab"
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
