import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../../main/contract/result.js';
import { createDocsService } from '../../../../main/core/docs/docs-service.js';

const made: string[] = [];
function folder(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-service-'));
  made.push(root);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: unknown): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (isAppError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('docs service', () => {
  it('follows the folder in Settings: none, indexed, searched, opened, another folder', async () => {
    let setting: string | null = null;
    const docs = createDocsService({ folder: () => setting, now: () => 1000 });
    expect(await docs.status(undefined)).toMatchObject({ state: 'none', folder: null });
    expect(await docs.search({ query: 'deque' })).toMatchObject({ hits: [], total: 0, status: { state: 'none' } });

    setting = folder({
      'python/collections.md':
        '# collections\n\n## deque\n\nA double-ended queue: `appendleft` and `popleft` are O(1).',
      'python/other.txt': 'Other notes',
    });
    expect(await docs.status(undefined)).toMatchObject({ state: 'ready', files: 2, message: null, indexedAt: 1000 });
    const found = await docs.search({ query: 'popleft' });
    expect(found.hits.map((h) => h.path)).toEqual(['python/collections.md']);
    const doc = await docs.open({ path: 'python/collections.md' });
    expect(doc).toMatchObject({ title: 'collections', format: 'markdown', truncated: false });
    expect(doc.headings.map((h) => h.text)).toEqual(['collections', 'deque']);

    const other = folder({ 'js.md': '# Array.prototype.toSorted' });
    setting = other;
    expect((await docs.search({ query: 'popleft' })).hits).toEqual([]);
    expect((await docs.search({ query: 'toSorted' })).hits.map((h) => h.path)).toEqual(['js.md']);
  });

  it('opens only indexed documents, never a path outside the folder', async () => {
    const outside = folder({ 'secret.md': '# secret' });
    const root = folder({ 'a.md': '# A' });
    const docs = createDocsService({ folder: () => root });
    expect(await rejection(docs.open({ path: path.join(outside, 'secret.md') }))).toMatch(
      /^NOT_FOUND: .*not in the indexed/,
    );
    expect(await rejection(docs.open({ path: '../' + path.basename(outside) + '/secret.md' }))).toMatch(/^NOT_FOUND/);
  });

  it('says when a file went away after indexing, and reindex picks up changes', async () => {
    const root = folder({ 'a.md': '# A', 'b.md': '# B mentions zebra' });
    const docs = createDocsService({ folder: () => root });
    expect((await docs.status(undefined)).files).toBe(2);
    fs.rmSync(path.join(root, 'b.md'));
    expect(await rejection(docs.open({ path: 'b.md' }))).toMatch(/can no longer be read.*Re-index/);
    fs.writeFileSync(path.join(root, 'c.md'), '# C about zebra crossings');
    expect((await docs.search({ query: 'zebra' })).hits.map((h) => h.path)).toEqual(['b.md']);
    expect((await docs.reindex(undefined)).files).toBe(2);
    expect((await docs.search({ query: 'zebra' })).hits.map((h) => h.path)).toEqual(['c.md']);
  });

  it('reports a missing folder, a file, an empty folder and a truncated one in words', async () => {
    const root = folder({ 'notes.md': '# n', 'one.md': '# 1', 'two.md': '# 2', 'three.md': '# 3' });
    let setting = path.join(root, 'gone');
    const docs = createDocsService({ folder: () => setting, limits: { maxFiles: 2 } });
    expect(await docs.status(undefined)).toMatchObject({
      state: 'missing',
      message: expect.stringContaining('does not exist'),
    });
    expect(await rejection(docs.open({ path: 'notes.md' }))).toMatch(/does not exist/);
    setting = path.join(root, 'notes.md');
    expect(await docs.status(undefined)).toMatchObject({
      state: 'not_folder',
      message: expect.stringContaining('not a folder'),
    });
    setting = folder({});
    expect(await docs.status(undefined)).toMatchObject({ state: 'empty' });
    setting = root;
    const status = await docs.status(undefined);
    expect(status).toMatchObject({ state: 'ready', files: 2, truncated: true });
    expect(status.message).toBe('Indexed the first 2 files (the limit is 2 files).');
  });

  it('cuts a very long document when it is opened', async () => {
    const root = folder({ 'long.txt': 'word '.repeat(100_000) });
    const docs = createDocsService({ folder: () => root, limits: { maxFileBytes: 1_000_000 } });
    const doc = await docs.open({ path: 'long.txt' });
    expect(doc.truncated).toBe(true);
    expect(doc.text.length).toBe(400_000);
  });
});
