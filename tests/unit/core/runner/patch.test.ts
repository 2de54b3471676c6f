import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { applyPatch, PatchError, referenceFiles } from '../../../../main/core/runner/suites/patch.js';

const start = {
  'src/a.js': 'export function a(x) {\n  return x + 1;\n}\n\nexport const b = 2;\n',
  'README.md': '# demo\n',
};

const fix = `--- a/src/a.js
+++ b/src/a.js
@@ -1,5 +1,6 @@
 export function a(x) {
-  return x + 1;
+  // one more
+  return x + 2;
 }

 export const b = 2;
`;

describe('applyPatch', () => {
  it('applies a unified diff, tolerating a context line whose space was trimmed', () => {
    const out = applyPatch(start, fix);
    expect(out['src/a.js']).toBe('export function a(x) {\n  // one more\n  return x + 2;\n}\n\nexport const b = 2;\n');
    expect(out['README.md']).toBe(start['README.md']);
    expect(start['src/a.js']).toContain('x + 1'); // the input is not changed
  });

  it('adds and deletes files', () => {
    const add = '--- /dev/null\n+++ b/test/new.test.js\n@@ -0,0 +1,2 @@\n+line one\n+line two\n';
    const del = '--- a/README.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-# demo\n';
    const out = applyPatch(start, add + del);
    expect(out['test/new.test.js']).toBe('line one\nline two\n');
    expect(out['README.md']).toBeUndefined();
  });

  it('matches what diff -u produces, file by file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ir-patch-'));
    try {
      const after = { ...start, 'src/a.js': start['src/a.js'].replace('x + 1', 'x - 1').replace('b = 2', 'b = 3') };
      for (const [side, files] of [
        ['a', start],
        ['b', after],
      ] as const) {
        for (const [path, text] of Object.entries(files)) {
          mkdirSync(join(dir, side, 'src'), { recursive: true });
          writeFileSync(join(dir, side, path), text);
        }
      }
      let diff = '';
      try {
        execFileSync('diff', ['-ruN', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
      } catch (e) {
        diff = (e as { stdout: string }).stdout; // diff exits 1 when files differ
      }
      expect(applyPatch(start, diff)).toEqual(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a patch that no longer matches its file, saying where', () => {
    const drifted = { ...start, 'src/a.js': start['src/a.js'].replace('x + 1', 'x + 10') };
    expect(() => applyPatch(drifted, fix)).toThrow(PatchError);
    expect(() => applyPatch(drifted, fix)).toThrow(
      'src/a.js: hunk at patch line 3 expects "  return x + 1;" at line 2, found "  return x + 10;"',
    );
    expect(() => applyPatch(start, 'just some text')).toThrow(/is this a unified diff/);
    expect(() => applyPatch(start, '--- a/missing.js\n+++ b/missing.js\n@@ -1 +1 @@\n-a\n+b\n')).toThrow(
      'missing.js: no such file to patch',
    );
  });

  it('referenceFiles lays whole files over the start, or applies the patch', () => {
    expect(referenceFiles(start, { files: { 'src/a.js': 'new\n' } })).toEqual({ ...start, 'src/a.js': 'new\n' });
    expect(referenceFiles(start, { patch: fix })['src/a.js']).toContain('x + 2');
  });
});
