/**
 * The user's own folder of documentation (e.g. downloaded language docs), searched and read in
 * the coding workspace's Docs tab. Read-only and offline: core indexes the text files of the
 * folder named in Settings (`docsFolder`) and never renders anything from it as HTML.
 */
import { z } from 'zod';
import { method } from '../define.js';

/** What was found in the folder, or why nothing can be searched. */
export type DocsFolderState =
  /** No folder is set in Settings. */
  | 'none'
  | 'ready'
  /** The folder is set but cannot be indexed (see `message`). */
  | 'missing'
  | 'not_folder'
  | 'empty'
  | 'unreadable';

export interface DocsFolderStatus {
  folder: string | null;
  state: DocsFolderState;
  /** Documents indexed. */
  files: number;
  /** Text found and kept, in bytes. */
  bytes: number;
  /** Files left out: too large, binary, or past the file limit. */
  skipped: number;
  /** The file limit was reached: only the first `files` were indexed. */
  truncated: boolean;
  /** What happened, in words for the user (errors and limits); null when all is well. */
  message: string | null;
  indexedAt: number | null;
}

export interface DocsHit {
  /** Path inside the folder, with forward slashes. */
  path: string;
  title: string;
  /** A short piece of the text around the first match, and where the query's words are in it. */
  snippet: string;
  marks: [number, number][];
}

export interface DocsSearchResult {
  status: DocsFolderStatus;
  hits: DocsHit[];
  /** Documents that matched (hits are the best of them). */
  total: number;
}

export interface DocsHeading {
  level: number;
  text: string;
}

export interface DocsDocument {
  path: string;
  title: string;
  /** Markdown is shown with its headings and lists; plain text (and HTML, tags stripped) as text. */
  format: 'markdown' | 'text';
  text: string;
  headings: DocsHeading[];
  /** The file was longer than what is shown. */
  truncated: boolean;
}

export const DOCS_QUERY_MAX = 200;

export const docsContract = {
  /** The folder's index state; indexes the folder first when it has not been (or has changed). */
  status: method(z.undefined()).returns<DocsFolderStatus>(),
  /** Reads the folder again (after its files changed). */
  reindex: method(z.undefined()).returns<DocsFolderStatus>(),
  /** Ranked matches of every word of the query in titles, paths and text. */
  search: method(
    z.object({ query: z.string().max(DOCS_QUERY_MAX), limit: z.number().int().min(1).max(50).optional() }),
  ).returns<DocsSearchResult>(),
  /** One indexed document as text; only paths the index holds can be opened. */
  open: method(z.object({ path: z.string().min(1).max(1000) })).returns<DocsDocument>(),
};
