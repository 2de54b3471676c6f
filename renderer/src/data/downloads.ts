/**
 * Model downloads live in the cached models.status (its `downloads` list): progress and state
 * events, and the answers of download/pause/resume/cancel, are folded into that one copy.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { DownloadInfo, DownloadProgress, ModelsStatus } from '../../../main/contract/services/models.js';
import { apiKey } from './query-client.js';

const STATUS_KEY = apiKey('models', 'status');

/** Pure: the download list with `info` added, replaced, or removed once it is done or cancelled. */
export function withDownload(list: readonly DownloadInfo[], info: DownloadInfo): DownloadInfo[] {
  const rest = list.filter((d) => d.id !== info.id);
  return info.state === 'done' || info.state === 'cancelled' ? rest : [...rest, info];
}

/** Pure: bytes and speed of a running download; other downloads, and stopped ones, are left alone. */
export function withProgress(list: readonly DownloadInfo[], progress: DownloadProgress): DownloadInfo[] {
  return list.map((d) => (d.id === progress.id && d.state === 'downloading' ? { ...d, ...progress } : d));
}

export function applyDownload(client: QueryClient, info: DownloadInfo): void {
  client.setQueryData<ModelsStatus>(STATUS_KEY, (s) => s && { ...s, downloads: withDownload(s.downloads, info) });
}

export function applyProgress(client: QueryClient, progress: DownloadProgress): void {
  client.setQueryData<ModelsStatus>(STATUS_KEY, (s) => s && { ...s, downloads: withProgress(s.downloads, progress) });
}

export function removeDownload(client: QueryClient, id: string): void {
  client.setQueryData<ModelsStatus>(
    STATUS_KEY,
    (s) => s && { ...s, downloads: s.downloads.filter((d) => d.id !== id) },
  );
}
