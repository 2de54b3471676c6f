import { useEffect, useState } from 'react';
import { AppError } from '../../../main/contract/result.js';
import type { DownloadInfo, InstalledModel, ModelKind } from '../../../main/contract/services/models.js';
import { api, errorMessage, onEvent } from '../api/client.js';
import { Async } from '../components/Loading.js';
import { useAsync } from '../use-async.js';
import { ActiveModels } from './models/ActiveModels.js';
import { CatalogList } from './models/CatalogList.js';
import { HardwareCard } from './models/HardwareCard.js';
import { ImportForm } from './models/ImportForm.js';
import { InstalledList } from './models/InstalledList.js';

type Notice = { tone: 'good' | 'error'; text: string } | null;

const isTooLarge = (e: unknown) => e instanceof AppError && e.code === 'CONFLICT' && /too large/.test(e.message);

export function ModelsScreen() {
  const [status, reloadStatus] = useAsync(() => api.models.status(), []);
  // The catalog waits for the hardware check (about a second the first time); the rest of the screen does not.
  const [catalog, reloadCatalog] = useAsync(() => api.models.catalog(), []);
  const [downloads, setDownloads] = useState<Record<string, DownloadInfo>>({});
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<Notice>(null);
  const [largeOffers, setLargeOffers] = useState<Record<string, string>>({});
  const [importError, setImportError] = useState<{ message: string; large: boolean } | null>(null);

  useEffect(() => {
    if (status.status === 'ready') setDownloads(Object.fromEntries(status.value.downloads.map((d) => [d.id, d])));
  }, [status]);

  useEffect(() => {
    const offProgress = onEvent('download:progress', (p) =>
      setDownloads((all) => {
        const current = all[p.id];
        return current && current.state === 'downloading' ? { ...all, [p.id]: { ...current, ...p } } : all;
      }),
    );
    const offState = onEvent('download:state', (info) => {
      setDownloads((all) => {
        const { [info.id]: _gone, ...rest } = all;
        return info.state === 'done' || info.state === 'cancelled' ? rest : { ...all, [info.id]: info };
      });
      if (info.state === 'done') {
        setNotice({ tone: 'good', text: `${info.name} is downloaded, checked and ready.` });
        reloadStatus();
        reloadCatalog();
      }
    });
    return () => {
      offProgress();
      offState();
    };
  }, [reloadStatus, reloadCatalog]);

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

  const setDownload = (info: DownloadInfo) => setDownloads((all) => ({ ...all, [info.id]: info }));

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
        setDownloads(({ [id]: _gone, ...rest }) => rest);
      }),
  };

  const onImport = (path: string, kind: ModelKind | undefined, allowLarge: boolean) =>
    void act('import', async () => {
      setImportError(null);
      try {
        const model = await api.models.import({ path, kind, allowLarge });
        setNotice({ tone: 'good', text: `Imported ${model.name}.` });
        reloadStatus();
        reloadCatalog();
      } catch (e) {
        setImportError({ message: errorMessage(e), large: isTooLarge(e) });
      }
    });

  const onChoose = (kind: 'llm' | 'whisper', path: string | null) =>
    void act('active', () => api.models.setActive({ kind, path }), reloadStatus);

  const onDelete = (model: InstalledModel) =>
    void act(
      'delete',
      () => api.models.delete({ path: model.path }),
      () => {
        setNotice({ tone: 'good', text: `Deleted ${model.name}.` });
        reloadStatus();
        reloadCatalog();
      },
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
      <CatalogList state={catalog} downloads={Object.values(downloads)} actions={catalogActions} />
      <ImportForm
        busy={busy.has('import')}
        error={importError?.message ?? null}
        largeOffer={importError?.large ?? false}
        onImport={onImport}
      />
    </div>
  );
}
