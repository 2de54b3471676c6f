import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { formatBytes } from '../../../../main/contract/format.js';
import { DELETE_ALL_CONFIRMATION } from '../../../../main/contract/services/sessions.js';
import { api, errorMessage, transport } from '../../api/client.js';
import { Async } from '../../components/Loading.js';
import { apiKey } from '../../data/query-client.js';
import { downloadBlob } from '../../download.js';
import { describeDamaged } from './DamagedNotice.js';
import { base64ToBytes } from './format.js';

type Message = { kind: 'good' | 'error'; text: string };

/** The bridge's WebSocket message limit (main/server/bridge.ts), less room for the request around the bytes. */
const BRIDGE_MAX_BYTES = 16 * 1024 * 1024 - 64 * 1024;

/** Where the data lives and how big it is; export, import and delete all. */
export function DataPanel() {
  const info = useQuery({ queryKey: apiKey('sessions', 'dataInfo'), queryFn: () => api.sessions.dataInfo() });
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const busyRef = useRef(false);

  /** Runs one action at a time and reports how it went. */
  async function run(label: string, action: () => Promise<string>) {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(label);
    setMessage(null);
    try {
      setMessage({ kind: 'good', text: await action() });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  }

  const exportZip = () =>
    run('export', async () => {
      const archive = await api.sessions.exportArchive();
      downloadBlob(archive.fileName, new Blob([base64ToBytes(archive.base64)], { type: 'application/zip' }));
      const left = archive.damaged?.length ? ` ${describeDamaged(archive.damaged)}` : '';
      return `Exported ${archive.sessions} session${archive.sessions === 1 ? '' : 's'} as ${archive.fileName}.${left}`;
    });

  return (
    <section className="card stack data-panel" aria-labelledby="your-data-heading">
      <h2 id="your-data-heading">Your data</h2>
      <p className="muted small">
        Everything stays on this computer. Export it to keep a copy or to move it to another computer.
      </p>
      <Async state={info} label="the data folder">
        {(value) => (
          <dl className="kv">
            <dt>Data folder</dt>
            <dd>
              <code data-testid="history-data-dir">{value.dataDir}</code>
            </dd>
            <dt>Size</dt>
            <dd data-testid="data-size">
              {formatBytes(value.totalBytes)}{' '}
              <span className="muted small">
                (sessions database {formatBytes(value.databaseBytes)}, recordings {formatBytes(value.sessionFilesBytes)}
                , models {formatBytes(value.modelsBytes)})
              </span>
            </dd>
            <dt>Sessions</dt>
            <dd>{value.sessions}</dd>
          </dl>
        )}
      </Async>
      {message && (
        <div
          className={`notice ${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="data-message"
        >
          {message.text}
        </div>
      )}

      <div className="data-actions">
        <section aria-labelledby="export-heading" className="stack-tight">
          <h3 id="export-heading">Export</h3>
          <p className="muted small">All sessions with their recordings, as a .zip archive or a folder.</p>
          <div>
            <button type="button" className="button" disabled={busy !== null} onClick={() => void exportZip()}>
              {busy === 'export' ? 'Exporting…' : 'Download all as .zip'}
            </button>
          </div>
          <FolderForm
            id="export-folder"
            label="Or export into a folder"
            button="Export to folder"
            busyLabel="Exporting…"
            busy={busy === 'export-folder'}
            disabled={busy !== null}
            onSubmit={(folder) =>
              void run('export-folder', async () => {
                const result = await api.sessions.exportToFolder({ folder });
                const left = result.damaged?.length ? ` ${describeDamaged(result.damaged)}` : '';
                return `Exported ${result.sessions} session${result.sessions === 1 ? '' : 's'} into ${result.path}.${left}`;
              })
            }
          />
        </section>

        <section aria-labelledby="import-heading" className="stack-tight">
          <h3 id="import-heading">Import</h3>
          <p className="muted small">Sessions from an export of this app. Sessions you already have are skipped.</p>
          <div className="field">
            <label htmlFor="import-file">Import a .zip export</label>
            <input
              id="import-file"
              type="file"
              accept=".zip,application/zip"
              disabled={busy !== null}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (!file) return;
                void run('import', async () => {
                  // The bridge's socket takes messages up to 16 MB; past that it would only report a lost connection.
                  if (transport.kind === 'bridge' && file.size > BRIDGE_MAX_BYTES) {
                    throw new Error(
                      `${file.name} is larger than the browser version can send (16 MB). Unzip it and use "Import folder" with the unzipped folder.`,
                    );
                  }
                  const report = await api.sessions.importArchive({ bytes: new Uint8Array(await file.arrayBuffer()) });
                  return importText(report.imported, report.skipped);
                });
              }}
            />
          </div>
          <FolderForm
            id="import-folder"
            label="Or import from a folder"
            button="Import folder"
            busyLabel="Importing…"
            busy={busy === 'import-folder'}
            disabled={busy !== null}
            onSubmit={(folder) =>
              void run('import-folder', async () => {
                const report = await api.sessions.importFolder({ folder });
                return importText(report.imported, report.skipped);
              })
            }
          />
        </section>
      </div>

      <DeleteAll
        disabled={busy !== null}
        onDelete={() =>
          void run('delete-all', async () => {
            const result = await api.sessions.deleteAll({ confirmation: DELETE_ALL_CONFIRMATION });
            return `Deleted ${result.deleted} session${result.deleted === 1 ? '' : 's'} and their recordings.`;
          })
        }
      />
    </section>
  );
}

function importText(imported: number, skipped: number): string {
  const sessions = (n: number) => `${n} session${n === 1 ? '' : 's'}`;
  if (imported === 0 && skipped > 0) return `Nothing new: all ${sessions(skipped)} in the export are already here.`;
  return `Imported ${sessions(imported)}${skipped > 0 ? `; skipped ${sessions(skipped)} you already had` : ''}.`;
}

function FolderForm(props: {
  id: string;
  label: string;
  button: string;
  busyLabel: string;
  busy: boolean;
  disabled: boolean;
  onSubmit: (folder: string) => void;
}) {
  const [folder, setFolder] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (folder.trim()) props.onSubmit(folder.trim());
  };
  return (
    <form className="folder-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={props.id}>{props.label}</label>
        <div className="row">
          <input
            id={props.id}
            type="text"
            className="path-input"
            placeholder="Full path, e.g. /home/you/Documents"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
          />
          <button type="submit" className="button" disabled={props.disabled || !folder.trim()}>
            {props.busy ? props.busyLabel : props.button}
          </button>
        </div>
      </div>
    </form>
  );
}

function DeleteAll({ disabled, onDelete }: { disabled: boolean; onDelete: () => void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const confirmed = typed.trim().toLowerCase() === DELETE_ALL_CONFIRMATION;
  return (
    <section aria-labelledby="delete-all-heading" className="danger-zone stack-tight">
      <h3 id="delete-all-heading">Delete all sessions</h3>
      <p className="muted small">
        Every session, recording, transcript and note. Your settings, role packs and downloaded models stay.
      </p>
      {!open ? (
        <div>
          <button type="button" className="button danger" disabled={disabled} onClick={() => setOpen(true)}>
            Delete all sessions…
          </button>
        </div>
      ) : (
        <form
          className="stack-tight"
          onSubmit={(e) => {
            e.preventDefault();
            if (!confirmed) return;
            onDelete();
            setOpen(false);
            setTyped('');
          }}
        >
          <div className="field">
            <label htmlFor="delete-all-confirm">
              This cannot be undone. Type <strong>{DELETE_ALL_CONFIRMATION}</strong> to confirm.
            </label>
            <input
              id="delete-all-confirm"
              type="text"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoFocus
            />
          </div>
          <div className="row">
            <button type="submit" className="button danger" disabled={!confirmed || disabled}>
              Delete everything
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setOpen(false);
                setTyped('');
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
