import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formatBytes } from '../../../../main/contract/format.js';
import type { DocsFolderStatus } from '../../../../main/contract/services/docs.js';
import { api, errorMessage } from '../../api/client.js';
import { apiKey } from '../../data/query-client.js';
import { useSettings, useUpdateSettings } from '../../data/settings.js';

export function useDocsStatus(enabled = true) {
  return useQuery({ queryKey: apiKey('docs', 'status'), queryFn: () => api.docs.status(), enabled });
}

/** What the index holds, or why there is none, in one line. */
export function DocsStatusLine({ status }: { status: DocsFolderStatus }) {
  if (status.state === 'none') return null;
  if (status.state !== 'ready')
    return (
      <div className="notice warn" role="status" data-testid="docs-folder-status">
        {status.message}
      </div>
    );
  return (
    <p className="muted small" role="status" data-testid="docs-folder-status">
      {status.files} document{status.files === 1 ? '' : 's'} indexed ({formatBytes(status.bytes)}).
      {status.message ? ` ${status.message}` : ''}
    </p>
  );
}

/** The Docs tab's local documentation folder: a typed path (the app never browses the disk itself). */
export function DocsFolderSetting() {
  const settings = useSettings();
  const save = useUpdateSettings();
  const client = useQueryClient();
  const saved = settings.data?.docsFolder ?? '';
  // What the user typed, until it is saved (null: show the saved folder).
  const [typed, setTyped] = useState<string | null>(null);
  const draft = typed ?? saved;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = useDocsStatus(saved !== '');

  async function apply(folder: string | null) {
    setError(null);
    setBusy(true);
    try {
      await save({ docsFolder: folder });
      setTyped(null);
      await client.invalidateQueries({ queryKey: ['docs'] });
    } catch (e) {
      setError(`Could not save the folder: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function reindex() {
    setError(null);
    setBusy(true);
    try {
      client.setQueryData(apiKey('docs', 'status'), await api.docs.reindex());
      await client.invalidateQueries({ queryKey: ['docs', 'search'] });
    } catch (e) {
      setError(`Could not read the folder again: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void apply(draft.trim() === '' ? null : draft.trim());
  }

  return (
    <form className="stack docs-folder-setting" onSubmit={submit} aria-busy={busy}>
      <div className="field">
        <label htmlFor="docs-folder">Documentation folder</label>
        <div className="row">
          <input
            id="docs-folder"
            type="text"
            className="grow"
            value={draft}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="e.g. /home/you/docs/python"
            spellCheck={false}
            autoComplete="off"
            aria-describedby="docs-folder-help"
          />
          <button type="submit" className="button small" disabled={busy || draft.trim() === saved}>
            Save folder
          </button>
          {saved && (
            <>
              <button type="button" className="button small" disabled={busy} onClick={() => void reindex()}>
                Re-index
              </button>
              <button type="button" className="button small" disabled={busy} onClick={() => void apply(null)}>
                Remove
              </button>
            </>
          )}
        </div>
        <span id="docs-folder-help" className="muted small">
          The full path of a folder of documentation (e.g. downloaded language docs) to search in the coding
          workspace&apos;s Docs tab. Its .md, .txt and .html files are read as text, on this computer only; nothing in
          it is changed.
        </span>
      </div>
      {error && (
        <div className="notice error" role="alert">
          {error}
        </div>
      )}
      {saved && status.data && <DocsStatusLine status={status.data} />}
      {saved && status.isPending && (
        <p className="muted small" role="status">
          Reading the folder…
        </p>
      )}
    </form>
  );
}
