import { formatBytes } from '../../../../main/contract/format.js';
import type { CatalogModel, DownloadInfo, ModelFit, ModelsCatalog } from '../../../../main/contract/services/models.js';
import { errorMessage } from '../../api/client.js';
import type { QueryState } from '../../components/Loading.js';
import { DownloadControls } from './DownloadControls.js';
import { OfflineFetch } from './OfflineFetch.js';

const FIT: Record<ModelFit, { label: string; chip: string }> = {
  good: { label: 'Fits this computer', chip: 'good' },
  tight: { label: 'Tight fit', chip: 'warn' },
  'too-large': { label: 'Too large', chip: 'bad' },
};

const GROUPS = [
  {
    kinds: ['llm'],
    title: 'Interviewer models',
    intro:
      'A language model plays the interviewer: it asks follow-ups and writes feedback. Larger models are better interviewers and need more memory.',
  },
  {
    kinds: ['whisper', 'vad'],
    title: 'Speech models',
    intro: 'Whisper turns your spoken answers into a transcript; voice detection finds where you speak and pause.',
  },
] as const;

export interface CatalogActions {
  busy: Set<string>;
  /** Messages offering "Download anyway" for models that looked too large. */
  largeOffers: Record<string, string>;
  onDownload: (id: string, allowLarge: boolean) => void;
  onPause: (id: string) => void;
  onResume: (id: string) => void;
  onCancel: (id: string) => void;
}

export function CatalogList({
  state,
  downloads,
  actions,
}: {
  state: QueryState<ModelsCatalog>;
  downloads: DownloadInfo[];
  actions: CatalogActions;
}) {
  const catalog = state.status === 'success' ? state.data : undefined;
  return (
    <section className="stack" aria-labelledby="catalog-heading">
      <h2 id="catalog-heading">Available to download</h2>
      {state.status === 'pending' && (
        <p className="muted" role="status">
          Loading the catalog and checking what fits this computer…
        </p>
      )}
      {state.status === 'error' && (
        <div className="notice error" role="alert">
          Could not load the model catalog. {errorMessage(state.error)}
        </div>
      )}
      {catalog && (
        <>
          {catalog.problems.map((p) => (
            <div key={p} className="notice warn small">
              {p}
            </div>
          ))}
          {GROUPS.map((group) => (
            <div key={group.title} className="stack models-group">
              <h3>{group.title}</h3>
              <p className="muted small">{group.intro}</p>
              <ul className="models-catalog">
                {catalog.models
                  .filter((m) => (group.kinds as readonly string[]).includes(m.kind))
                  .map((m) => (
                    <CatalogCard
                      key={m.id}
                      model={m}
                      download={downloads.find((d) => d.id === m.id)}
                      actions={actions}
                    />
                  ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

function CatalogCard({
  model: m,
  download,
  actions,
}: {
  model: CatalogModel;
  download: DownloadInfo | undefined;
  actions: CatalogActions;
}) {
  const busy = actions.busy.has(m.id);
  const offer = actions.largeOffers[m.id];
  const titleId = `model-${m.id}`;
  return (
    <li className="card models-card" aria-labelledby={titleId} data-testid={`catalog-${m.id}`}>
      <div className="models-card-head">
        <h4 id={titleId}>{m.name}</h4>
        <span className="row">
          {m.recommended && <span className="chip accent">Recommended</span>}
          <span className={`chip ${FIT[m.fit].chip}`}>{FIT[m.fit].label}</span>
        </span>
      </div>
      <p className="small models-good-for">{m.goodFor}</p>
      <p className="muted small">
        {formatBytes(m.sizeBytes)} download · needs about {formatBytes(m.memoryBytes)} of memory · {m.licence}
        <br />
        {m.fitNote}
      </p>
      <OfflineFetch model={m} />
      <div className="models-card-actions">
        {m.installed ? (
          <span className="chip good">Installed</span>
        ) : download ? (
          <DownloadControls
            name={m.name}
            download={download}
            busy={busy}
            onPause={() => actions.onPause(m.id)}
            onResume={() => actions.onResume(m.id)}
            onCancel={() => actions.onCancel(m.id)}
          />
        ) : offer ? (
          <div className="stack models-offer">
            <div className="notice warn small" role="alert">
              {offer}
            </div>
            <span className="row">
              <button
                type="button"
                className="button small"
                disabled={busy}
                onClick={() => actions.onDownload(m.id, true)}
              >
                Download anyway
              </button>
            </span>
          </div>
        ) : (
          <button
            type="button"
            className="button small"
            disabled={busy}
            onClick={() => actions.onDownload(m.id, false)}
            aria-describedby={titleId}
          >
            Download ({formatBytes(m.sizeBytes)})
          </button>
        )}
      </div>
    </li>
  );
}
