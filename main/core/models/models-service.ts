/**
 * The model manager behind the `models` contract: catalog with fit for this machine, downloads,
 * import from file, delete, and the active interviewer and speech models (stored in settings
 * as absolute paths, which the LLM and speech services read).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../../contract/index.js';
import { AppError } from '../../contract/result.js';
import type {
  CatalogModel,
  DownloadInfo,
  InstalledModel,
  ModelKind,
  ModelsCatalog,
  ModelsStatus,
} from '../../contract/services/models.js';
import type { Settings } from '../../contract/services/settings.js';
import type { EventBus } from '../events.js';
import { downloadUrl, loadCatalog, type CatalogEntry } from './catalog.js';
import type { FreeSpace } from './disk.js';
import { createDownloadManager } from './download.js';
import { modelFit, recommendedIds } from './fit.js';
import { createHardwareProbe, type HardwareProbe } from './hardware.js';
import { importModelFile } from './import-file.js';
import { scanInstalledModels } from './installed.js';

type ActiveKey = 'activeLlmModel' | 'activeWhisperModel';

export interface ModelsSettingsAccess {
  read(): Pick<Settings, ActiveKey>;
  /** Throws DB_UNAVAILABLE when settings cannot be stored. */
  write(patch: Partial<Pick<Settings, ActiveKey>>): void;
}

export interface ModelsServiceOptions {
  modelsDir: string;
  /** The installer's models folder (offline installer); its files are used in place. */
  bundledModelsDir: string | null;
  /** Extra catalog entries (tests, development): REHEARSAL_CATALOG_FILE. */
  extraCatalogFile?: string;
  events: EventBus;
  settings: ModelsSettingsAccess;
  hardware?: HardwareProbe;
  freeSpace?: FreeSpace;
  fetchImpl?: typeof fetch;
  log?: (message: string, error?: unknown) => void;
}

type Input<M extends keyof Services['models']> = Parameters<Services['models'][M]>[0];

/** The contract's `models` service with concrete (not "maybe async") results, plus close(). */
export interface ModelsService {
  status(): ModelsStatus;
  catalog(): Promise<ModelsCatalog>;
  download(input: Input<'download'>): Promise<DownloadInfo>;
  pause(input: Input<'pause'>): Promise<DownloadInfo>;
  resume(input: Input<'resume'>): Promise<DownloadInfo>;
  cancel(input: Input<'cancel'>): Promise<ModelsStatus>;
  import(input: Input<'import'>): Promise<InstalledModel>;
  delete(input: Input<'delete'>): ModelsStatus;
  setActive(input: Input<'setActive'>): ModelsStatus;
  /** Stops running downloads, keeping their partial files for the next run. */
  close(): void;
}

const ACTIVE_KEY: Record<'llm' | 'whisper', ActiveKey> = { llm: 'activeLlmModel', whisper: 'activeWhisperModel' };

export function createModelsService(options: ModelsServiceOptions): ModelsService {
  const { modelsDir, bundledModelsDir, events, settings } = options;
  const hardware = options.hardware ?? createHardwareProbe();
  const catalog = loadCatalog(options.extraCatalogFile);
  if (catalog.problems.length > 0) options.log?.(catalog.problems.join('\n'));

  const downloads = createDownloadManager({
    modelsDir,
    events,
    freeSpace: options.freeSpace,
    fetchImpl: options.fetchImpl,
    log: options.log,
    onInstalled: (entry, file) => activateIfNone(entry.kind, file),
  });
  downloads.restore(catalog.entries);

  const installed = (): InstalledModel[] => scanInstalledModels(modelsDir, bundledModelsDir, catalog.entries);

  function activateIfNone(kind: ModelKind, file: string): void {
    if (kind === 'vad') return;
    const key = ACTIVE_KEY[kind];
    try {
      if (!settings.read()[key]) settings.write({ [key]: file });
    } catch (error) {
      options.log?.('could not make the new model active', error);
    }
  }

  function status(): ModelsStatus {
    const s = settings.read();
    return {
      modelsDir,
      installed: installed(),
      activeLlm: s.activeLlmModel,
      activeWhisper: s.activeWhisperModel,
      downloads: downloads.list(),
    };
  }

  function entryById(id: string): CatalogEntry {
    const entry = catalog.entries.find((e) => e.id === id);
    if (!entry) throw new AppError('NOT_FOUND', `There is no model "${id}" in the catalog. Refresh the models screen.`);
    return entry;
  }

  async function refuseIfTooLarge(
    name: string,
    memoryBytes: number,
    kind: ModelKind,
    allowLarge: boolean | undefined,
    verb: string,
  ) {
    if (allowLarge) return;
    const fit = modelFit(memoryBytes, await hardware.get(), kind);
    if (fit.fit === 'too-large') {
      throw new AppError(
        'CONFLICT',
        `${name} is probably too large for this computer. ${fit.note} If you still want it, choose "${verb} anyway".`,
      );
    }
  }

  // A bundled model is used without any setup: make it active when nothing is chosen yet.
  try {
    for (const model of installed().filter((m) => m.source === 'bundled' && m.problem === null))
      activateIfNone(model.kind, model.path);
  } catch (error) {
    options.log?.('could not check the bundled models', error);
  }

  return {
    status,

    async catalog() {
      const hw = await hardware.get();
      const recommended = recommendedIds(catalog.entries, hw);
      const present = new Set(
        installed()
          .filter((m) => m.problem === null)
          .map((m) => path.basename(m.path)),
      );
      const models: CatalogModel[] = catalog.entries.map((e) => {
        const fit = modelFit(e.memoryBytes, hw, e.kind);
        return {
          id: e.id,
          kind: e.kind,
          tier: e.tier,
          name: e.name,
          fileName: e.fileName,
          source: e.source,
          address: downloadUrl(e.source),
          sizeBytes: e.sizeBytes,
          sha256: e.isSet ? null : (e.files[0]?.sha256 ?? null),
          files: e.isSet
            ? e.files.map((f) => ({
                fileName: f.fileName,
                sizeBytes: f.sizeBytes,
                sha256: f.sha256 ?? null,
                address: downloadUrl(f.source),
              }))
            : null,
          licence: e.licence,
          memoryBytes: e.memoryBytes,
          goodFor: e.goodFor,
          fit: fit.fit,
          fitNote: fit.note,
          recommended: recommended.has(e.id),
          installed: present.has(e.fileName),
        };
      });
      return { models, hardware: hw, problems: catalog.problems };
    },

    async download({ id, allowLarge }) {
      const entry = entryById(id);
      await refuseIfTooLarge(entry.name, entry.memoryBytes, entry.kind, allowLarge, 'Download');
      return downloads.start(entry);
    },

    pause: ({ id }) => downloads.pause(id),

    async resume({ id }) {
      const entry = entryById(id);
      if (!downloads.get(id))
        throw new AppError('NOT_FOUND', `There is no paused download of ${entry.name}. Start it from the catalog.`);
      return downloads.start(entry);
    },

    async cancel({ id }) {
      await downloads.cancel(id);
      return status();
    },

    async import({ path: source, kind, allowLarge }) {
      const result = await importModelFile(source, modelsDir, {
        expected: kind,
        check: async (report) => {
          if (report.memoryBytes)
            await refuseIfTooLarge(path.basename(source), report.memoryBytes, report.kind, allowLarge, 'Import');
        },
        freeSpace: options.freeSpace,
      });
      const model = installed().find((m) => m.path === result.file && m.problem === null);
      if (!model)
        throw new AppError(
          'IMPORT_FAILED',
          `${path.basename(source)} was copied but is not listed. Check ${modelsDir} and try again.`,
        );
      activateIfNone(model.kind, model.path);
      return model;
    },

    delete({ path: file }) {
      const model = installed().find((m) => m.path === file);
      if (!model) throw new AppError('NOT_FOUND', `${file} is not an installed model. Refresh the models screen.`);
      if (!model.deletable)
        throw new AppError('CONFLICT', `${model.name} came with the app and cannot be deleted here.`);
      fs.rmSync(model.path, { recursive: true, force: true });
      const s = settings.read();
      for (const key of Object.values(ACTIVE_KEY)) if (s[key] === model.path) settings.write({ [key]: null });
      return status();
    },

    setActive({ kind, path: file }) {
      if (file !== null) {
        const model = installed().find((m) => m.path === file);
        if (!model) throw new AppError('NOT_FOUND', `${file} is not an installed model. Import it first.`);
        if (model.problem) throw new AppError('MODEL_INVALID', `${model.name} cannot be used: ${model.problem}`);
        if (model.kind !== kind) {
          const wanted =
            kind === 'llm' ? 'the interviewer (a .gguf language model)' : 'speech recognition (a Whisper model folder)';
          throw new AppError(
            'MODEL_INVALID',
            `${model.name} is a ${model.kind === 'llm' ? 'language' : model.kind} model and cannot be used for ${wanted}. Choose another file.`,
          );
        }
      }
      settings.write({ [ACTIVE_KEY[kind]]: file });
      return status();
    },

    close() {
      void downloads.shutdown();
    },
  };
}
