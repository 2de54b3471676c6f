/**
 * The sessions service: the contract's `sessions.*` methods over the database and the data
 * folder. Each method is a thin call into one of the small modules next to this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../../contract/index.js';
import { AppError } from '../../contract/result.js';
import { dataPaths } from '../data-dir.js';
import { type Db, DATABASE_FILE } from '../storage/database.js';
import { exportBaseName, exportEntries, exportToFolder, zipEntries } from './archive-export.js';
import { DEFAULT_IMPORT_LIMITS, folderSource, importArchive, zipSource, type ImportLimits } from './archive-import.js';
import { finalBoard } from './board-document.js';
import { deleteAllSessions, deleteSession } from './delete.js';
import { sessionDetail, setNotes, type ProjectStart } from './detail.js';
import { sessionMarkdown } from './export-markdown.js';
import { sessionPdf } from './export-pdf.js';
import { exportFeedback } from './feedback-document.js';
import { historyFilters, listSessions } from './list.js';
import { progress, questionAttempts } from './progress.js';
import { searchSessions } from './search.js';
import { folderSize, realFileInside, resolveRecordingPath } from './session-files.js';

export interface SessionsServiceOptions {
  db: () => Db;
  dataDir: string;
  now?: () => number;
  /** Caps on what an import may unpack (tests make them small). */
  importLimits?: Partial<ImportLimits>;
  /** A bug bash's or integration's starting files, from the role packs (for review and export). */
  projectStart?: ProjectStart;
}

const AUDIO_TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.webm': 'audio/webm',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.flac': 'audio/flac',
};
/** A recording above this is not sent to the player in one piece (about 50 minutes of 16 kHz audio). */
const MAX_AUDIO_BYTES = 100 * 1024 * 1024;

function readRecording(db: Db, dataDir: string, recordingId: string): { mimeType: string; base64: string } {
  const row = db.prepare('SELECT path FROM recordings WHERE id = ?').get(recordingId) as { path: string } | undefined;
  const missing = new AppError(
    'NOT_FOUND',
    'The recording of this answer is not on this computer any more. The transcript is still here.',
  );
  if (!row) throw missing;
  // Resolved through links: only a real file inside the data folder is ever read.
  const file = realFileInside(dataDir, resolveRecordingPath(dataDir, row.path));
  if (file === null) throw missing;
  if (fs.statSync(file).size > MAX_AUDIO_BYTES) {
    throw new AppError('INTERNAL', `This recording is too long to play here. You can find the file at ${file}.`);
  }
  return {
    mimeType: AUDIO_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    base64: fs.readFileSync(file).toString('base64'),
  };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

export function createSessionsService(options: SessionsServiceOptions): Services['sessions'] {
  const now = options.now ?? Date.now;
  const importLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.importLimits };
  const { dataDir } = options;
  const db = options.db;

  return {
    list: (query) => listSessions(db(), query),
    filters: () => historyFilters(db()),
    detail: ({ sessionId }) => sessionDetail(db(), dataDir, sessionId, options.projectStart),
    setNotes: ({ sessionId, notes }) => setNotes(db(), sessionId, notes, now()),
    audio: ({ recordingId }) => readRecording(db(), dataDir, recordingId),
    search: ({ query, limit }) => searchSessions(db(), query, limit),
    progress: (filter) => progress(db(), filter),
    attempts: ({ questionId }) => questionAttempts(db(), questionId),

    exportMarkdown: ({ sessionId }) => {
      const detail = sessionDetail(db(), dataDir, sessionId, options.projectStart);
      return sessionMarkdown(detail, finalBoard(db(), sessionId), exportFeedback(db(), detail));
    },
    exportPdf: async ({ sessionId }) => {
      const detail = sessionDetail(db(), dataDir, sessionId, options.projectStart);
      const { fileName, bytes } = await sessionPdf(
        detail,
        now(),
        finalBoard(db(), sessionId),
        exportFeedback(db(), detail),
      );
      return { fileName, base64: Buffer.from(bytes).toString('base64') };
    },
    exportArchive: () => {
      const at = now();
      const { entries, sessions, damaged } = exportEntries(db(), dataDir, at);
      return {
        fileName: `${exportBaseName(at)}.zip`,
        base64: Buffer.from(zipEntries(entries)).toString('base64'),
        sessions,
        ...(damaged.length > 0 ? { damaged } : {}),
      };
    },
    exportToFolder: ({ folder }) => exportToFolder(db(), dataDir, folder, now()),
    importArchive: ({ bytes }) => importArchive(db(), dataDir, zipSource(bytes), importLimits),
    importFolder: ({ folder }) => importArchive(db(), dataDir, folderSource(folder), importLimits),

    delete: ({ sessionId }) => deleteSession(db(), dataDir, sessionId),
    deleteAll: () => deleteAllSessions(db(), dataDir),
    dataInfo: () => {
      const paths = dataPaths(dataDir);
      const databaseBytes = ['', '-wal', '-shm'].reduce(
        (sum, suffix) => sum + fileSize(path.join(dataDir, `${DATABASE_FILE}${suffix}`)),
        0,
      );
      const sessions = (db().prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
      return {
        dataDir,
        totalBytes: folderSize(dataDir),
        databaseBytes,
        sessionFilesBytes: folderSize(paths.sessions),
        modelsBytes: folderSize(paths.models),
        sessions,
      };
    },
  };
}
