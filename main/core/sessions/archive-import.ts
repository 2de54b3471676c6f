/**
 * Imports an export (zip or folder) into this installation, all or nothing, within bounds:
 * 1. every row of every session is checked as strictly as the app writes it (archive-rows.ts)
 *    and every file name must stay inside its folder; anything wrong refuses the whole import;
 * 2. only files that a recording row references are taken; the sizes they declare are checked
 *    against a per-file cap, a total cap and the free disk space before anything is unpacked;
 * 3. files are streamed into a staging folder inside the data folder, then moved into place
 *    (never over an existing file), then the rows go in one transaction. If anything fails, the
 *    files this import moved are removed again; files that were already there are never touched.
 * Sessions already here (same id) are skipped.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../contract/result.js';
import type { ImportReport } from '../../contract/services/sessions.js';
import { freeSpace as defaultFreeSpace, type FreeSpace } from '../models/disk.js';
import type { Db } from '../storage/database.js';
import { isProcessAlive } from '../util/process-alive.js';
import {
  ARCHIVE_FORMAT_VERSION,
  MANIFEST_FILE,
  manifestSchema,
  SESSION_FILE,
  sessionBundleSchema,
  type SessionBundle,
} from './archive-format.js';
import { insertBundle } from './archive-insert.js';
import { checkBundle, isSafeRelative } from './archive-rows.js';
import { damaged, type ArchiveSource } from './archive-source.js';
import { safeSegment } from './session-files.js';

export { folderSource, zipSource, type ArchiveSource } from './archive-source.js';

export interface ImportLimits {
  /** Largest single file (a recording) an import unpacks. */
  maxFileBytes: number;
  /** Largest total an import unpacks. */
  maxTotalBytes: number;
  /** Space left free on the disk after the import. */
  reserveBytes: number;
  freeSpace: FreeSpace;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  reserveBytes: 256 * 1024 * 1024,
  freeSpace: defaultFreeSpace,
};

const MAX_JSON_BYTES = 64 * 1024 * 1024;
const STAGING_PREFIX = '.import-';

const fail = (message: string, cause?: unknown) =>
  new AppError('IMPORT_FAILED', message, cause === undefined ? undefined : { cause });

function gb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`;
}

function readJson(source: ArchiveSource, name: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(source.read(name, MAX_JSON_BYTES))) as unknown;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw damaged(`${name} could not be read (${(error as Error).message})`, error);
  }
}

export interface ReadArchive {
  bundles: SessionBundle[];
  /** Per session id: the files its rows reference that the export holds, by archive name, with sizes. */
  files: Map<string, { name: string; size: number }[]>;
}

export function readArchive(source: ArchiveSource): ReadArchive {
  const entries = source.entries();
  const unsafe = entries.find((e) => !isSafeRelative(e.name));
  if (unsafe) throw damaged(`it contains a file name that points outside its folder (${unsafe.name.slice(0, 200)})`);
  const sizes = new Map(entries.map((e) => [e.name, e.size]));
  if (!sizes.has(MANIFEST_FILE)) {
    throw fail(
      'This is not an Interview Rehearsal export: it has no manifest.json. Choose a .zip file or folder made with "Export all data".',
    );
  }
  const manifest = manifestSchema.safeParse(readJson(source, MANIFEST_FILE));
  if (!manifest.success) {
    throw fail(
      'This is not an Interview Rehearsal export: its manifest.json is not one the app wrote. Choose a .zip file or folder made with "Export all data".',
    );
  }
  if (manifest.data.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw fail('This export was made by a newer version of Interview Rehearsal. Update the app, then import it again.');
  }
  const seen = new Set<string>();
  const bundles: SessionBundle[] = [];
  const files = new Map<string, { name: string; size: number }[]>();
  for (const sessionId of manifest.data.sessionIds) {
    if (seen.has(sessionId)) throw damaged(`it lists session ${sessionId} twice`);
    seen.add(sessionId);
    const name = `sessions/${safeSegment(sessionId)}/${SESSION_FILE}`;
    if (!sizes.has(name)) throw damaged(`${name} is missing`);
    const parsed = sessionBundleSchema.safeParse(readJson(source, name));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'bad value';
      throw damaged(`session ${sessionId} (${name}) is not valid (${where})`);
    }
    if (parsed.data.session.id !== sessionId) throw damaged(`${name} holds another session`);
    checkBundle(parsed.data, name);
    bundles.push(parsed.data);
    // Only files a row references come in; anything else in the folder is left out.
    const referenced = new Set(parsed.data.recordings.map((r) => `sessions/${r.path}`));
    files.set(
      sessionId,
      [...referenced].flatMap((n) => (sizes.has(n) ? [{ name: n, size: sizes.get(n) ?? 0 }] : [])),
    );
  }
  return { bundles, files };
}

async function checkSizes(
  planned: { name: string; size: number }[],
  dataDir: string,
  limits: ImportLimits,
): Promise<void> {
  const big = planned.find((f) => f.size > limits.maxFileBytes);
  if (big) {
    throw fail(
      `This export cannot be imported: ${big.name} would unpack to ${gb(big.size)}, and a recording may be at most ${gb(limits.maxFileBytes)}. Nothing was imported.`,
    );
  }
  const total = planned.reduce((n, f) => n + f.size, 0);
  if (total > limits.maxTotalBytes) {
    throw fail(
      `This export cannot be imported: it would unpack to ${gb(total)}, more than the ${gb(limits.maxTotalBytes)} an import may add. Nothing was imported.`,
    );
  }
  let free: number | null = null;
  try {
    free = await limits.freeSpace(dataDir);
  } catch {
    // Unknown here (an unusual file system): the write itself still reports a full disk.
  }
  if (free !== null && total + limits.reserveBytes > free) {
    throw new AppError(
      'DISK_FULL',
      `Importing needs ${gb(total + limits.reserveBytes)} of free disk space and ${gb(free)} is free. Free some space and try again. Nothing was imported.`,
    );
  }
}

/**
 * Refuses to write through a link: a folder inside the data folder that is a symbolic link (one
 * planted in sessions/, say) could point anywhere on this computer.
 */
function assertNoLinks(dataDir: string, target: string): void {
  const relative = path.relative(dataDir, path.dirname(target));
  let at = dataDir;
  for (const part of relative.split(path.sep)) {
    at = path.join(at, part);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(at);
    } catch {
      return; // Not there yet: the import creates it, as a real folder.
    }
    if (stat.isSymbolicLink() || !stat.isDirectory()) {
      throw fail(
        `The import stopped: ${at} is a link or a file, not a folder, so nothing is written through it. Remove it and try again. Nothing was imported.`,
      );
    }
  }
}

/** Staging folders of imports that crashed (their process is gone). */
function sweepStaging(dataDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^\.import-(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isProcessAlive(pid))
      fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
  }
}

export async function importArchive(
  db: Db,
  dataDir: string,
  source: ArchiveSource,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<ImportReport> {
  const archive = readArchive(source);
  const exists = db.prepare('SELECT 1 FROM sessions WHERE id = ?');
  const fresh = archive.bundles.filter((b) => exists.get(b.session.id) === undefined);
  const planned = fresh.flatMap((b) => archive.files.get(b.session.id) ?? []);
  await checkSizes(planned, dataDir, limits);

  sweepStaging(dataDir);
  const staging = path.join(dataDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  const moved: string[] = [];
  const createdFolders: string[] = [];
  const undo = () => {
    for (const file of moved) fs.rmSync(file, { force: true });
    for (const folder of createdFolders.reverse()) fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    // 1. Unpack into the staging folder.
    for (const file of planned) {
      const staged = path.join(staging, ...file.name.split('/'));
      fs.mkdirSync(path.dirname(staged), { recursive: true });
      await source.copyTo(file.name, staged);
    }
    // 2. Move into place, never over a file that is already there.
    for (const file of planned) {
      const target = path.join(dataDir, ...file.name.split('/'));
      if (fs.existsSync(target)) {
        throw fail(
          `The import stopped: ${target} already exists and belongs to something else, so it was left alone. Nothing was imported.`,
        );
      }
      assertNoLinks(dataDir, target);
      const folder = path.dirname(target);
      if (!fs.existsSync(folder)) {
        const first = fs.mkdirSync(folder, { recursive: true });
        if (first) createdFolders.push(first);
      }
      fs.renameSync(path.join(staging, ...file.name.split('/')), target);
      moved.push(target);
    }
    // 3. The rows, all in one transaction.
    db.transaction(() => {
      for (const b of fresh) insertBundle(db, b);
    })();
  } catch (error) {
    undo();
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new AppError(
        'DISK_FULL',
        'The disk filled up during the import, so it was undone. Free some space and try again.',
        {
          cause: error,
        },
      );
    }
    throw fail(
      `The import stopped and was undone: ${(error as Error).message}. Nothing was imported. Check that the data folder has free space and try again.`,
      error,
    );
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return {
    imported: fresh.length,
    skipped: archive.bundles.length - fresh.length,
    sessionIds: fresh.map((b) => b.session.id),
  };
}
