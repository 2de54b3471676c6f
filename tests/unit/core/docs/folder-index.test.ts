import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { htmlToText, docText, looksBinary } from '../../../../main/core/docs/doc-text.js';
import { searchDocs } from '../../../../main/core/docs/docs-search.js';
import { indexDocsFolder, resolveDocsFolder, type DocsLimits } from '../../../../main/core/docs/folder-index.js';

const made: string[] = [];
function folder(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-index-'));
  made.push(root);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const LIMITS: DocsLimits = {
  maxFiles: 100,
  maxFileBytes: 10_000,
  maxTotalBytes: 100_000,
  maxDepth: 4,
  maxEntries: 1000,
};

async function ready(root: string, limits = LIMITS) {
  const index = await indexDocsFolder(root, limits);
  if (!index.ok) throw new Error(index.message);
  return index;
}

describe('indexDocsFolder', () => {
  it('reads Markdown, text and HTML (tags stripped) and nothing else, in name order', async () => {
    const root = folder({
      'b/sorting.md': '# Sorting\n\nUse `sorted(xs, key=f)` for a stable sort.\n\n## Custom keys\n\nA key function.',
      'a.txt': 'Plain notes\nabout deque rotation',
      'c.html':
        '<html><head><title>Hashing &amp; HMAC</title><style>body{color:red}</style><script>alert(1)</script></head>' +
        '<body><h1>HMAC</h1><p>Compare digests with <code>hmac.compare_digest</code>.</p><pre>x = 1\ny = 2</pre>' +
        '<ul><li>one</li><li>two</li></ul></body></html>',
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      'script.py': 'print("not documentation")',
    });
    const index = await ready(root);
    expect(index.docs.map((d) => d.path)).toEqual(['a.txt', 'b/sorting.md', 'c.html']);
    const [txt, md, html] = index.docs;
    expect(txt!.title).toBe('Plain notes');
    expect(txt!.format).toBe('text');
    expect(md!.title).toBe('Sorting');
    expect(md!.headings).toEqual([
      { level: 1, text: 'Sorting' },
      { level: 2, text: 'Custom keys' },
    ]);
    expect(html!.title).toBe('Hashing & HMAC');
    expect(html!.format).toBe('markdown');
    expect(html!.text).not.toMatch(/[<>]/);
    expect(html!.text).not.toContain('alert');
    expect(html!.text).not.toContain('color:red');
    expect(html!.text).toContain('# HMAC');
    expect(html!.text).toContain('```\nx = 1\ny = 2\n```');
    expect(html!.text).toContain('- one\n- two');
    expect(index.skipped).toBe(0);
    expect(index.truncated).toBe(false);
  });

  it('skips binary and oversized files, hidden folders and node_modules, and counts what it left out', async () => {
    const root = folder({
      'ok.md': '# Fine',
      'binary.txt': Buffer.from([0x68, 0x69, 0x00, 0x01, 0x02]),
      'huge.md': 'x'.repeat(20_000),
      '.git/notes.md': '# hidden',
      'node_modules/pkg/README.md': '# dependency',
    });
    const index = await ready(root);
    expect(index.docs.map((d) => d.path)).toEqual(['ok.md']);
    expect(index.skipped).toBe(2);
  });

  it('never follows a symbolic link, inside or out of the folder', async () => {
    const outside = folder({ 'secret.md': '# Secret outside the folder' });
    const root = folder({ 'inside.md': '# Inside' });
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'link.md'));
    fs.symlinkSync(outside, path.join(root, 'linked-folder'));
    const index = await ready(root);
    expect(index.docs.map((d) => d.path)).toEqual(['inside.md']);
  });

  it('stops at the file limit and says so', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 7; i++) files[`doc${i}.md`] = `# Doc ${i}`;
    const index = await ready(folder(files), { ...LIMITS, maxFiles: 5 });
    expect(index.docs.map((d) => d.path)).toEqual(['doc0.md', 'doc1.md', 'doc2.md', 'doc3.md', 'doc4.md']);
    expect(index.truncated).toBe(true);
    expect(index.limitNote).toBe('the limit is 5 files');
  });

  it('stops at the total size limit', async () => {
    const index = await ready(folder({ 'a.md': 'a'.repeat(600), 'b.md': 'b'.repeat(600) }), {
      ...LIMITS,
      maxTotalBytes: 1000,
    });
    expect(index.docs.map((d) => d.path)).toEqual(['a.md']);
    expect(index.truncated).toBe(true);
  });

  it('says why a folder cannot be indexed', async () => {
    const root = folder({ 'file.md': '# A file', 'sub/pic.bin': 'x' });
    const missing = await indexDocsFolder(path.join(root, 'nope'), LIMITS);
    expect(missing).toMatchObject({ ok: false, state: 'missing' });
    expect(!missing.ok && missing.message).toContain('does not exist');
    expect(await indexDocsFolder(path.join(root, 'file.md'), LIMITS)).toMatchObject({ ok: false, state: 'not_folder' });
    expect(await indexDocsFolder(path.join(root, 'sub'), LIMITS)).toMatchObject({ ok: false, state: 'empty' });
    expect(await indexDocsFolder('relative/docs', LIMITS)).toMatchObject({ ok: false, state: 'missing' });
  });

  it('reads ~ as the home folder', () => {
    expect(resolveDocsFolder('~/docs')).toBe(path.join(os.homedir(), 'docs'));
    expect(resolveDocsFolder('docs')).toBeNull();
  });
});

describe('doc text', () => {
  it('decodes entities and keeps no markup from HTML', () => {
    const { text, title } = htmlToText(
      '<p>a &lt;b&gt; &#65;&#x42; <img src=x onerror=alert(1)></p><!-- <h1>no</h1> -->',
    );
    expect(text).toBe('a <b> AB');
    expect(title).toBeNull();
  });

  it('takes headings only outside code fences', () => {
    expect(docText('x.md', 'markdown', '```\n# not a heading\n```\n## Real').headings).toEqual([
      { level: 2, text: 'Real' },
    ]);
  });

  it('tells binary from text', () => {
    expect(looksBinary(Buffer.from('héllo wörld'))).toBe(false);
    expect(looksBinary(Buffer.from([0x41, 0x00, 0x42]))).toBe(true);
  });
});

describe('searchDocs', () => {
  it('ranks title matches above text matches, needs every word, and marks the words in a snippet', async () => {
    const index = await ready(
      folder({
        'guide/intro.md': '# Introduction\n\nThis guide mentions heapq once, in passing, among other modules.',
        'library/heapq.md': '# heapq — heap queue\n\nUse heapq.heappush and heapq.heappop for a priority queue.',
        'library/bisect.md': '# bisect\n\nBinary search on sorted lists.',
      }),
    );
    const result = searchDocs(index.docs, 'heapq', 10);
    expect(result.hits.map((h) => h.path)).toEqual(['library/heapq.md', 'guide/intro.md']);
    expect(result.total).toBe(2);
    const hit = result.hits[1]!;
    expect(hit.snippet).toContain('heapq');
    for (const [start, end] of hit.marks) expect(hit.snippet.slice(start, end).toLowerCase()).toBe('heapq');
    expect(searchDocs(index.docs, 'heapq bisect', 10).hits).toEqual([]);
    expect(searchDocs(index.docs, 'priority queue', 10).hits.map((h) => h.path)).toEqual(['library/heapq.md']);
    expect(searchDocs(index.docs, 'bisect', 10).hits.map((h) => h.title)).toEqual(['bisect']);
    expect(searchDocs(index.docs, '  ', 10)).toEqual({ hits: [], total: 0 });
  });

  it('puts a document titled with the word above one that only repeats it', async () => {
    const index = await ready(
      folder({
        'a/tour.md': '# A tour\n\ndeque here, deque there, deque everywhere: deque, deque.',
        'z/collections.md': '# deque objects\n\nA double-ended queue.',
      }),
    );
    expect(searchDocs(index.docs, 'deque', 10).hits.map((h) => h.path)).toEqual(['z/collections.md', 'a/tour.md']);
  });

  it('finds words in paths and caps the hits', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`datetime/page${i}.txt`] = `Page ${i}\nsomething`;
    const index = await ready(folder(files));
    const result = searchDocs(index.docs, 'datetime', 3);
    expect(result.total).toBe(5);
    expect(result.hits).toHaveLength(3);
  });
});
