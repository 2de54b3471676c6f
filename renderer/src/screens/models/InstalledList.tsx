import { useState } from 'react';
import { formatBytes } from '../../../../main/contract/format.js';
import type { InstalledModel, ModelsStatus } from '../../../../main/contract/services/models.js';
import { KIND_LABELS } from './format.js';

const SOURCE_LABELS: Record<InstalledModel['source'], string> = {
  download: 'Downloaded',
  import: 'Imported',
  bundled: 'Came with the app',
};

interface Props {
  status: ModelsStatus;
  busy: boolean;
  onDelete: (model: InstalledModel) => void;
}

export function InstalledList({ status, busy, onDelete }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <section className="card stack" aria-labelledby="installed-heading">
      <h2 id="installed-heading">Installed</h2>
      {status.installed.length === 0 ? (
        <p className="muted" data-testid="installed-empty">
          No models yet. Download one below or import a file you already have. They are kept in{' '}
          <code>{status.modelsDir}</code>.
        </p>
      ) : (
        <ul className="models-installed" aria-label="Installed models">
          {status.installed.map((m) => {
            const inUse = m.path === status.activeLlm || m.path === status.activeWhisper;
            return (
              <li key={m.id} className="models-installed-item" data-testid="installed-model">
                <div className="models-installed-name">
                  <strong>{m.name}</strong>
                  <span className="chip">{KIND_LABELS[m.kind]}</span>
                  {inUse && <span className="chip good">In use</span>}
                  <div className="muted small">
                    {formatBytes(m.sizeBytes)} · {SOURCE_LABELS[m.source]} ·{' '}
                    <code className="models-path">{m.path}</code>
                  </div>
                </div>
                {m.deletable &&
                  (confirming === m.id ? (
                    <div className="row" role="group" aria-label={`Delete ${m.name}?`}>
                      <span className="small">Delete the file?</span>
                      <button
                        type="button"
                        className="button small danger"
                        disabled={busy}
                        onClick={() => {
                          setConfirming(null);
                          onDelete(m);
                        }}
                      >
                        Delete
                      </button>
                      <button type="button" className="button small" onClick={() => setConfirming(null)} autoFocus>
                        Keep
                      </button>
                    </div>
                  ) : (
                    <button
                      type="button"
                      className="button small"
                      disabled={busy}
                      onClick={() => setConfirming(m.id)}
                      aria-label={`Delete ${m.name}`}
                    >
                      Delete…
                    </button>
                  ))}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
