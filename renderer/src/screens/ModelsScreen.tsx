import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AppError } from '../../../main/contract/result.js';
import type { DownloadInfo, InstalledModel, ModelKind } from '../../../main/contract/services/models.js';
import { api, errorMessage } from '../api/client.js';
import { Async } from '../components/Loading.js';
import { useCoreEvent } from '../data/core-events.js';
import { applyDownload, removeDownload } from '../data/downloads.js';
import { apiKey } from '../data/query-client.js';
import { ActiveModels } from './models/ActiveModels.js';
import { CatalogList } from './models/CatalogList.js';
import { HardwareCard } from './models/HardwareCard.js';
import { ImportForm } from './models/ImportForm.js';
import { InstalledList } from './models/InstalledList.js';

type Notice = { tone: 'good' | 'error'; text: string } | null;

const isTooLarge = (e: unknown) => e instanceof AppError && e.code === 'CONFLICT' && /too large/.test(e.message);

export function ModelsScreen() {
  const client = useQueryClient();
  const status = useQuery({ queryKey: apiKey('models', 'status'), queryFn: () => api.models.status() });
  // The catalog waits for the hardware check (about a second the first time); the rest of the screen does not.
  const catalog = useQuery({ queryKey: apiKey('models', 'catalog'), queryFn: () => api.models.catalog() });
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<Notice>(null);
  const [largeOffers, setLargeOffers] = useState<Record<string, string>>({});
  const [importError, setImportError] = useState<{ message: string; large: boolean } | null>(null);

  useCoreEvent('download:state', (info) => {
    if (info.state === 'done') setNotice({ tone: 'good', text: `${info.name} is downloaded, checked and ready.` });
  });

  async function act(key: string, work: () => Promise<unknown>, after?: () => void): Promise<void> {
    setBusy((b) => new Set(b).add(key));
    setNotice(null);
    try {
      await work();
      after?.();
    } catch (e) {
      setNotice({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(key);
        return next;
      });
    }
  }

  const setDownload = (info: DownloadInfo) => applyDownload(client, info);

  const catalogActions = {
    busy,
    largeOffers,
    onDownload: (id: string, allowLarge: boolean) =>
      void act(id, async () => {
        try {
          setDownload(await api.models.download({ id, allowLarge }));
          setLargeOffers(({ [id]: _done, ...rest }) => rest);
        } catch (e) {
          if (!isTooLarge(e)) throw e;
          setLargeOffers((o) => ({ ...o, [id]: errorMessage(e) }));
        }
      }),
    onPause: (id: string) => void act(id, async () => setDownload(await api.models.pause({ id }))),
    onResume: (id: string) => void act(id, async () => setDownload(await api.models.resume({ id }))),
    onCancel: (id: string) =>
      void act(id, async () => {
        await api.models.cancel({ id });
        removeDownload(client, id);
      }),
  };

  const onImport = (path: string, kind: ModelKind | undefined, allowLarge: boolean) =>
    void act('import', async () => {
      setImportError(null);
      try {
        const model = await api.models.import({ path, kind, allowLarge });
        setNotice({ tone: 'good', text: `Imported ${model.name}.` });
      } catch (e) {
        setImportError({ message: errorMessage(e), large: isTooLarge(e) });
      }
    });

  const onChoose = (kind: 'llm' | 'whisper', path: string | null) =>
    void act('active', () => api.models.setActive({ kind, path }));

  const onDelete = (model: InstalledModel) =>
    void act(
      'delete',
      () => api.models.delete({ path: model.path }),
      () => setNotice({ tone: 'good', text: `Deleted ${model.name}.` }),
    );

  return (
    <div className="stack">
      <header>
        <h1>Models</h1>
        <p className="muted">
          The interviewer and speech recognition run on this computer. Nothing you say or type leaves it; the only
          network use is a download you start here.
        </p>
      </header>
      <div aria-live="polite" className="models-notice">
        {notice && (
          <div className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </div>
        )}
      </div>
      <Async state={status} label="installed models">
        {(s) => (
          <>
            <ActiveModels status={s} busy={busy.has('active')} onChoose={onChoose} />
            <InstalledList status={s} busy={busy.has('delete')} onDelete={onDelete} />
          </>
        )}
      </Async>
      <HardwareCard state={catalog} />
      <CatalogList state={catalog} downloads={status.data?.downloads ?? []} actions={catalogActions} />
      <ImportForm
        busy={busy.has('import')}
        error={importError?.message ?? null}
        largeOffer={importError?.large ?? false}
        onImport={onImport}
      />
    </div>
  );
}
