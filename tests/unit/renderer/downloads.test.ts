import { describe, expect, it } from 'vitest';
import type { DownloadInfo } from '../../../main/contract/services/models.js';
import { withDownload, withProgress } from '../../../renderer/src/data/downloads.js';

const download = (id: string, over: Partial<DownloadInfo> = {}): DownloadInfo => ({
  id,
  name: id,
  state: 'downloading',
  downloadedBytes: 0,
  totalBytes: 100,
  bytesPerSecond: 0,
  secondsLeft: null,
  error: null,
  path: null,
  ...over,
});

describe('downloads in the models status', () => {
  it('adds, replaces, and drops finished or cancelled downloads', () => {
    let list = withDownload([], download('a'));
    list = withDownload(list, download('b'));
    list = withDownload(list, download('a', { state: 'paused' }));
    expect(list.map((d) => [d.id, d.state])).toEqual([
      ['b', 'downloading'],
      ['a', 'paused'],
    ]);
    expect(withDownload(list, download('b', { state: 'done' })).map((d) => d.id)).toEqual(['a']);
    expect(withDownload(list, download('a', { state: 'cancelled' })).map((d) => d.id)).toEqual(['b']);
  });

  it('moves only a running download forward', () => {
    const list = [download('a'), download('b', { state: 'paused', downloadedBytes: 10 })];
    const progress = { downloadedBytes: 50, totalBytes: 100, bytesPerSecond: 5, secondsLeft: 10 };
    expect(withProgress(list, { id: 'a', ...progress })[0]?.downloadedBytes).toBe(50);
    expect(withProgress(list, { id: 'b', ...progress })[1]?.downloadedBytes).toBe(10);
  });
});
