/**
 * The Docs tab's local documentation folder: indexed in memory the first time it is needed (and
 * again when Settings names another folder, or on reindex), searched, and opened as text. Only
 * documents in the index can be opened, and each is read again through the same checks.
 */
import type { Services } from '../../contract/index.js';
import { AppError } from '../../contract/result.js';
import type { DocsFolderStatus } from '../../contract/services/docs.js';
import { createSingleFlight } from '../util/single-flight.js';
import { searchDocs } from './docs-search.js';
import { DEFAULT_DOCS_LIMITS, indexDocsFolder, readDoc, type DocsLimits, type FolderIndex } from './folder-index.js';

/** Characters of a document shown when it is opened; longer ones say they were cut. */
export const MAX_OPEN_CHARS = 400_000;
const DEFAULT_HITS = 20;

export interface DocsServiceOptions {
  /** The folder set in Settings (null or blank for none). */
  folder: () => string | null;
  limits?: Partial<DocsLimits>;
  now?: () => number;
  log?: (message: string) => void;
}

interface Indexed {
  folder: string;
  index: FolderIndex;
  status: DocsFolderStatus;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function statusOf(folder: string, index: FolderIndex, at: number): DocsFolderStatus {
  if (!index.ok)
    return {
      folder,
      state: index.state,
      files: 0,
      bytes: 0,
      skipped: 0,
      truncated: false,
      message: index.message,
      indexedAt: at,
    };
  const notes: string[] = [];
  if (index.truncated) notes.push(`Indexed the first ${plural(index.docs.length, 'file')} (${index.limitNote}).`);
  if (index.skipped > 0) notes.push(`${plural(index.skipped, 'file')} left out: too large or not text.`);
  return {
    folder,
    state: 'ready',
    files: index.docs.length,
    bytes: index.bytes,
    skipped: index.skipped,
    truncated: index.truncated,
    message: notes.length > 0 ? notes.join(' ') : null,
    indexedAt: at,
  };
}

const NO_FOLDER: DocsFolderStatus = {
  folder: null,
  state: 'none',
  files: 0,
  bytes: 0,
  skipped: 0,
  truncated: false,
  message: null,
  indexedAt: null,
};

export function createDocsService(options: DocsServiceOptions): Services['docs'] {
  const limits: DocsLimits = { ...DEFAULT_DOCS_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const once = createSingleFlight();
  let current: Indexed | null = null;

  const folder = () => {
    const f = options.folder()?.trim();
    return f ? f : null;
  };

  async function build(path: string): Promise<Indexed> {
    const index = await once(`index:${path}`, () => indexDocsFolder(path, limits));
    const indexed = { folder: path, index, status: statusOf(path, index, now()) };
    // A folder changed in Settings while this one was read: keep what Settings says now.
    if (folder() === path) current = indexed;
    if (!index.ok) options.log?.(`docs folder: ${index.message}`);
    return indexed;
  }

  async function ensure(): Promise<Indexed | null> {
    const path = folder();
    if (!path) return null;
    if (current?.folder === path) return current;
    return build(path);
  }

  return {
    status: async () => (await ensure())?.status ?? NO_FOLDER,
    reindex: async () => {
      const path = folder();
      if (!path) return NO_FOLDER;
      current = null;
      return (await build(path)).status;
    },
    search: async ({ query, limit }) => {
      const indexed = await ensure();
      if (!indexed) return { status: NO_FOLDER, hits: [], total: 0 };
      if (!indexed.index.ok) return { status: indexed.status, hits: [], total: 0 };
      return { status: indexed.status, ...searchDocs(indexed.index.docs, query, limit ?? DEFAULT_HITS) };
    },
    open: async ({ path }) => {
      const indexed = await ensure();
      if (!indexed?.index.ok)
        throw new AppError(
          'NOT_FOUND',
          indexed?.status.message ?? 'No documentation folder is set. Choose one in Settings.',
        );
      if (!indexed.index.docs.some((d) => d.path === path))
        throw new AppError('NOT_FOUND', `“${path}” is not in the indexed documentation folder.`);
      const read = await readDoc(indexed.index.root, path, limits);
      if (!read.ok)
        throw new AppError(
          'NOT_FOUND',
          `“${path}” can no longer be read as documentation (it was changed, moved or removed). Re-index the folder in Settings.`,
        );
      const { doc } = read;
      const truncated = doc.text.length > MAX_OPEN_CHARS;
      return {
        path,
        title: doc.title,
        format: doc.format,
        text: truncated ? doc.text.slice(0, MAX_OPEN_CHARS) : doc.text,
        headings: doc.headings,
        truncated,
      };
    },
  };
}
