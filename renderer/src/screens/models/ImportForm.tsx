import { useRef, useState, type FormEvent } from 'react';
import type { ModelKind } from '../../../../main/contract/services/models.js';
import { transport } from '../../api/client.js';

interface Props {
  busy: boolean;
  error: string | null;
  /** Set when the last import looked too large; offers "Import anyway". */
  largeOffer: boolean;
  onImport: (path: string, kind: ModelKind | undefined, allowLarge: boolean) => void;
}

/**
 * Import from a path. In the browser bridge a file input cannot reveal a path, so the user
 * pastes it; the desktop app also offers a file picker whose path the preload can read.
 */
export function ImportForm({ busy, error, largeOffer, onImport }: Props) {
  const [path, setPath] = useState('');
  const [kind, setKind] = useState<ModelKind | ''>('');
  const fileInput = useRef<HTMLInputElement>(null);
  const canPick = typeof transport.pathForFile === 'function';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) onImport(path.trim(), kind || undefined, false);
  };

  return (
    <section className="card stack" aria-labelledby="import-heading">
      <h2 id="import-heading">Import a model file</h2>
      <p className="muted small">
        Already have a <code>.gguf</code> language model or a whisper <code>.bin</code> file? Give its full path. The
        file is checked first, then copied into the models folder.
      </p>
      <form className="models-import" onSubmit={submit}>
        <div className="field models-import-path">
          <label htmlFor="import-path">Path to the file</label>
          <input
            id="import-path"
            type="text"
            value={path}
            spellCheck={false}
            autoComplete="off"
            placeholder="/home/you/Downloads/qwen2.5-1.5b-instruct-q4_k_m.gguf"
            onChange={(e) => setPath(e.target.value)}
            aria-describedby={error ? 'import-error' : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="import-kind">Use it as</label>
          <select id="import-kind" value={kind} onChange={(e) => setKind(e.target.value as ModelKind | '')}>
            <option value="">Whatever the file is</option>
            <option value="llm">Interviewer model (.gguf)</option>
            <option value="whisper">Speech recognition (whisper .bin)</option>
            <option value="vad">Voice detection (Silero .bin)</option>
          </select>
        </div>
        <div className="row models-import-buttons">
          {canPick && (
            <>
              <input
                ref={fileInput}
                type="file"
                accept=".gguf,.bin"
                className="visually-hidden"
                tabIndex={-1}
                aria-hidden="true"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  const picked = file ? transport.pathForFile?.(file) : null;
                  if (picked) setPath(picked);
                }}
              />
              <button type="button" className="button" onClick={() => fileInput.current?.click()}>
                Choose file…
              </button>
            </>
          )}
          <button type="submit" className="button primary" disabled={busy || !path.trim()}>
            {busy ? 'Checking…' : 'Import'}
          </button>
        </div>
      </form>
      {error && (
        <div className="notice error stack" role="alert" id="import-error">
          <span>{error}</span>
          {largeOffer && (
            <span className="row">
              <button
                type="button"
                className="button small"
                disabled={busy}
                onClick={() => onImport(path.trim(), kind || undefined, true)}
              >
                Import anyway
              </button>
            </span>
          )}
        </div>
      )}
    </section>
  );
}
