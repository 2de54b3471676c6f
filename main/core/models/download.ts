/**
 * Model downloads with node-llama-cpp's downloader (createModelDownloader, which uses ipull):
 * progress pushed as events, pause/resume, cancel, a disk check before and during, and
 * verification before the file is installed.
 *
 * How pause and resume work: the downloader writes `<file>.ipull` in models/.downloads/ and
 * records there which 5 MB chunks are complete. Pausing cancels the downloader but keeps that
 * file; resuming creates a new downloader for the same file, which asks the server (Range
 * requests) only for the missing chunks. The same happens after the app restarts, because
 * downloads.json next to the partial files remembers what was in flight. A chunk that was
 * half-way when the connection dropped is fetched again from its start.
 *
 * Over 300 lines: One manager's lifecycle (start, run, stop, restore) over shared job state; the
 * pure parts are in download-progress.ts and download-files.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../../contract/format.js';
import { AppError, type ErrorInfo } from '../../contract/result.js';
import type { DownloadInfo, DownloadState } from '../../contract/services/models.js';
import type { EventBus } from '../events.js';
import { downloadUrl, type CatalogEntry } from './catalog.js';
import { holdDiskFullGuard } from './disk-full-guard.js';
import { ensureFreeSpace, freeSpace as defaultFreeSpace, type FreeSpace } from './disk.js';
import {
  downloadDir,
  downloadedPath,
  hasPartial,
  installedPath,
  isComplete,
  keptBytesOf,
  plannedFiles,
  removeDownload,
  type PlannedFile,
} from './download-files.js';
import { classifyFailure, diskTooFull, progressAfter, type ProgressSample } from './download-progress.js';
import { expectedContent, preflight, type RemoteFile } from './preflight.js';
import { verifyDownload } from './verify.js';

const PROGRESS_EVERY_MS = 250;
const SAVE_EVERY_MS = 2000;
const DISK_CHECK_EVERY_MS = 1000;
const STOP_WAIT_MS = 5000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

type StopReason = 'pause' | 'cancel' | 'shutdown' | 'disk-full';

interface Job {
  entry: CatalogEntry;
  info: DownloadInfo;
  /** Each file's size as its server announced it (the catalog's until asked). */
  sizes: number[];
  controller: AbortController | null;
  /** Settles when the running attempt has fully stopped. */
  running: Promise<void> | null;
  diskFullError: AppError | null;
}

interface SavedDownload {
  id: string;
  fileName: string;
  downloadedBytes: number;
  totalBytes: number;
  error: ErrorInfo | null;
}

export interface DownloadManagerOptions {
  modelsDir: string;
  events: EventBus;
  freeSpace?: FreeSpace;
  fetchImpl?: typeof fetch;
  /** Called once a verified file is in models/. */
  onInstalled?: (entry: CatalogEntry, file: string) => void;
  log?: (message: string, error?: unknown) => void;
}

export interface DownloadManager {
  list(): DownloadInfo[];
  get(id: string): DownloadInfo | null;
  /** Checks server and disk, then starts (or resumes) in the background. Errors found before starting are thrown. */
  start(entry: CatalogEntry): Promise<DownloadInfo>;
  pause(id: string): Promise<DownloadInfo>;
  cancel(id: string): Promise<void>;
  /** Restores downloads recorded by an earlier run as paused ones; call once with the catalog. */
  restore(catalog: CatalogEntry[]): void;
  /** Stops everything, keeping partial files for the next run. */
  shutdown(): Promise<void>;
  /** Where partial files live. */
  readonly partialDir: string;
}

export function createDownloadManager(options: DownloadManagerOptions): DownloadManager {
  const { modelsDir, events } = options;
  const freeSpace = options.freeSpace ?? defaultFreeSpace;
  const log = options.log ?? (() => undefined);
  const partialDir = path.join(modelsDir, '.downloads');
  const stateFile = path.join(partialDir, 'downloads.json');
  const jobs = new Map<string, Job>();

  const snapshot = (job: Job): DownloadInfo => ({ ...job.info, error: job.info.error ? { ...job.info.error } : null });

  function save(): void {
    const saved: SavedDownload[] = [...jobs.values()]
      .filter((j) => j.info.state !== 'done' && j.info.state !== 'cancelled')
      .map((j) => ({
        id: j.entry.id,
        fileName: j.entry.fileName,
        downloadedBytes: j.info.downloadedBytes,
        totalBytes: j.info.totalBytes,
        error: j.info.error,
      }));
    try {
      fs.mkdirSync(partialDir, { recursive: true });
      fs.writeFileSync(`${stateFile}.tmp`, JSON.stringify(saved, null, 1));
      fs.renameSync(`${stateFile}.tmp`, stateFile);
    } catch (error) {
      fs.rmSync(`${stateFile}.tmp`, { force: true });
      log('could not save the download list', error);
    }
  }

  function setState(job: Job, state: DownloadState, error: ErrorInfo | null = null): void {
    job.info.state = state;
    job.info.error = error;
    if (state !== 'downloading') {
      job.info.bytesPerSecond = 0;
      job.info.secondsLeft = null;
    }
    events.emit('download:state', snapshot(job));
  }

  /** What a stopped download really keeps (finished chunks only), so Resume shows no jump back. */
  function settleKept(job: Job): void {
    job.info.downloadedBytes = keptBytesOf(plannedFiles(partialDir, job.entry), job.sizes);
  }

  function removePartials(entry: CatalogEntry): void {
    removeDownload(partialDir, entry);
  }

  function newJob(entry: CatalogEntry): Job {
    return {
      entry,
      info: {
        id: entry.id,
        name: entry.name,
        state: 'paused',
        downloadedBytes: 0,
        totalBytes: entry.sizeBytes,
        bytesPerSecond: 0,
        secondsLeft: null,
        error: null,
        path: null,
      },
      sizes: entry.files.map((f) => f.sizeBytes),
      controller: null,
      running: null,
      diskFullError: null,
    };
  }

  /** Asks the server for each file not finished yet; finished files of a set keep their size. */
  async function preflightFiles(entry: CatalogEntry, planned: PlannedFile[], sizes: number[]) {
    const remotes: (RemoteFile | null)[] = [];
    for (const [i, p] of planned.entries()) {
      if (entry.isSet && isComplete(p, sizes[i] ?? p.spec.sizeBytes)) {
        remotes.push(null);
        continue;
      }
      const name = entry.isSet ? `${entry.name} (${p.spec.fileName})` : entry.name;
      const content = expectedContent(entry.kind, p.spec.fileName);
      remotes.push(
        await preflight(
          { url: downloadUrl(p.spec.source), name, content, expectedBytes: p.spec.sizeBytes },
          options.fetchImpl,
        ),
      );
    }
    return remotes;
  }

  async function start(entry: CatalogEntry): Promise<DownloadInfo> {
    const existing = jobs.get(entry.id);
    if (existing?.running) return snapshot(existing);
    const finalPath = installedPath(modelsDir, entry);
    if (fs.existsSync(finalPath)) {
      throw new AppError(
        'CONFLICT',
        `${entry.name} is already installed (${finalPath}). Delete it first if you want to download it again.`,
      );
    }
    const job = existing ?? newJob(entry);
    const planned = plannedFiles(partialDir, entry);
    const remotes = await preflightFiles(entry, planned, job.sizes);
    job.sizes = remotes.map((r, i) => r?.totalBytes ?? job.sizes[i] ?? 0);
    const totalBytes = job.sizes.reduce((a, b) => a + b, 0);
    const resumable = remotes.every((r) => r === null || r.resumable);
    const already = existing && resumable ? Math.min(existing.info.downloadedBytes, totalBytes) : 0;
    fs.mkdirSync(downloadDir(partialDir, entry), { recursive: true });
    await ensureFreeSpace(partialDir, totalBytes - already, `Downloading ${entry.name}`, freeSpace);

    jobs.set(entry.id, job);
    job.info.totalBytes = totalBytes;
    job.info.path = null;
    job.diskFullError = null;
    const controller = new AbortController();
    job.controller = controller;
    setState(job, 'downloading');
    save();
    job.running = run(job, planned, controller).finally(() => {
      job.running = null;
      job.controller = null;
    });
    return snapshot(job);
  }

  async function run(job: Job, planned: PlannedFile[], controller: AbortController): Promise<void> {
    const { entry } = job;
    const totalBytes = job.info.totalBytes;
    /** Bytes of the set's files finished before the one downloading now. */
    let before = 0;
    const releaseGuard = holdDiskFullGuard();
    let lastEmit = 0;
    let lastSave = 0;
    let lastDiskCheck = Date.now();
    let diskCheck: Promise<void> | null = null;

    const onProgress = (sample: ProgressSample) => {
      if (controller.signal.aborted) return;
      Object.assign(job.info, progressAfter(job.info, sample, before, entry.isSet));
      const left = job.info.totalBytes - job.info.downloadedBytes;
      const now = Date.now();
      if (now - lastEmit >= PROGRESS_EVERY_MS || left === 0) {
        lastEmit = now;
        const { id, downloadedBytes, totalBytes: total, bytesPerSecond, secondsLeft } = job.info;
        events.emit('download:progress', { id, downloadedBytes, totalBytes: total, bytesPerSecond, secondsLeft });
      }
      if (now - lastSave >= SAVE_EVERY_MS) {
        lastSave = now;
        save();
      }
      if (!diskCheck && now - lastDiskCheck >= DISK_CHECK_EVERY_MS) {
        lastDiskCheck = now;
        diskCheck = checkDisk(left).finally(() => (diskCheck = null));
      }
    };

    const checkDisk = async (left: number) => {
      const free = await freeSpace(partialDir).catch(() => Infinity);
      if (diskTooFull(free, left) && !controller.signal.aborted) {
        job.diskFullError = new AppError(
          'DISK_FULL',
          `The disk that holds ${modelsDir} is almost full (${formatBytes(free)} free, ${formatBytes(left)} still to download), so the download of ${entry.name} was paused. Free some space, then press Resume.`,
        );
        controller.abort('disk-full' satisfies StopReason);
      }
    };

    try {
      const { createModelDownloader } = await import('node-llama-cpp');
      for (const [i, p] of planned.entries()) {
        const size = job.sizes[i] ?? p.spec.sizeBytes;
        if (controller.signal.aborted) break;
        if (entry.isSet && isComplete(p, size)) {
          before += size;
          continue;
        }
        const downloader = await createModelDownloader({
          modelUri: downloadUrl(p.spec.source),
          dirPath: p.dir,
          fileName: p.spec.fileName,
          deleteTempFileOnCancel: false,
          onProgress,
        });
        if (controller.signal.aborted) await downloader.cancel({ deleteTempFile: false });
        else await downloader.download({ signal: controller.signal });
        before += size;
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        await failed(job, error);
        releaseLater(releaseGuard);
        return;
      }
    }
    releaseLater(releaseGuard);

    // download() returns normally even when cancelled part-way, so the signal decides.
    if (controller.signal.aborted) {
      await stopped(job, controller.signal.reason as StopReason);
      return;
    }
    try {
      setState(job, 'verifying');
      const downloaded = downloadedPath(partialDir, entry);
      await verifyDownload(downloaded, entry, job.sizes);
      const finalPath = installedPath(modelsDir, entry);
      fs.renameSync(downloaded, finalPath);
      job.info.path = finalPath;
      job.info.downloadedBytes = totalBytes;
      jobs.delete(entry.id);
      save();
      setState(job, 'done');
      options.onInstalled?.(entry, finalPath);
    } catch (error) {
      removePartials(entry);
      job.info.downloadedBytes = 0;
      await failed(job, error);
    }
  }

  async function stopped(job: Job, reason: StopReason): Promise<void> {
    if (reason === 'cancel') {
      removePartials(job.entry);
      jobs.delete(job.entry.id);
      save();
      setState(job, 'cancelled');
      return;
    }
    settleKept(job);
    save();
    setState(job, 'paused', reason === 'disk-full' ? (job.diskFullError?.toInfo() ?? null) : null);
  }

  async function failed(job: Job, error: unknown): Promise<void> {
    const failure = classifyFailure(error, job.entry, job.info.totalBytes);
    if (failure.partials === 'remove') {
      removePartials(job.entry);
      job.info.downloadedBytes = 0;
    } else if (failure.partials === 'keep') {
      log(`download of ${job.entry.id} failed`, error);
      settleKept(job);
    }
    save();
    setState(job, 'failed', failure.error.toInfo());
  }

  function releaseLater(release: () => void): void {
    // Write errors of the last chunks can arrive just after download() settles.
    setTimeout(release, 2000).unref();
  }

  async function stop(id: string, reason: StopReason): Promise<Job | null> {
    const job = jobs.get(id);
    if (!job) return null;
    if (job.running && job.controller) {
      job.controller.abort(reason);
      // The downloader's first request cannot be aborted; do not leave the UI waiting on it.
      const settled = await Promise.race([job.running.then(() => true), sleep(STOP_WAIT_MS).then(() => false)]);
      if (!settled) setState(job, reason === 'cancel' ? 'cancelled' : 'paused');
    }
    return job;
  }

  return {
    partialDir,
    list: () => [...jobs.values()].map(snapshot),
    get: (id) => {
      const job = jobs.get(id);
      return job ? snapshot(job) : null;
    },
    start,
    async pause(id) {
      const job = await stop(id, 'pause');
      if (!job) throw new AppError('NOT_FOUND', 'That download is not running any more. Refresh the models screen.');
      return snapshot(job);
    },
    async cancel(id) {
      const job = await stop(id, 'cancel');
      if (!job) return;
      if (jobs.has(id)) {
        // It was paused or failed: nothing running, so remove what it left here.
        await stopped(job, 'cancel');
      }
    },
    restore(catalog) {
      let saved: SavedDownload[];
      try {
        saved = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as SavedDownload[];
      } catch {
        return;
      }
      for (const item of Array.isArray(saved) ? saved : []) {
        const entry = catalog.find((e) => e.id === item.id && e.fileName === item.fileName);
        if (!entry || jobs.has(entry.id) || !hasPartial(partialDir, entry)) continue;
        const job = newJob(entry);
        job.info.totalBytes = Number(item.totalBytes) || entry.sizeBytes;
        if (!entry.isSet) job.sizes = [job.info.totalBytes];
        settleKept(job);
        job.info.error = item.error ?? null;
        if (item.error) job.info.state = 'failed';
        jobs.set(entry.id, job);
      }
    },
    async shutdown() {
      await Promise.all([...jobs.keys()].map((id) => stop(id, 'shutdown')));
    },
  };
}
