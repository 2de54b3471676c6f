import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../renderer/src/screens/project/markdown.js';
import {
  cleanNewPath,
  editorLanguage,
  fileTree,
  linkStack,
  searchFiles,
} from '../../../renderer/src/screens/project/project-helpers.js';

describe('project workspace helpers', () => {
  it('picks the editor language from the extension', () => {
    expect(['a.py', 'b.ts', 'c.mjs', 'd.js', 'README.md', 'data.csv'].map(editorLanguage)).toEqual([
      'python',
      'typescript',
      'javascript',
      'javascript',
      'plain',
      'plain',
    ]);
  });

  it('lays paths out as a tree, folders first', () => {
    const tree = fileTree(['src/z.js', 'README.md', 'src/lib/a.js', 'test/t.test.js', 'package.json']);
    expect(tree.map((e) => `${'  '.repeat(e.depth)}${e.name}${e.folder ? '/' : ''}`)).toEqual([
      'src/',
      '  lib/',
      '    a.js',
      '  z.js',
      'test/',
      '  t.test.js',
      'README.md',
      'package.json',
    ]);
  });

  it('searches every file, case-insensitively, with line numbers, and caps the hits', () => {
    const files = { 'b.js': 'const Cents = 1;\nreturn cents;', 'a.js': 'none\nCENTS here' };
    expect(searchFiles(files, 'cents')).toEqual([
      { path: 'a.js', line: 2, text: 'CENTS here' },
      { path: 'b.js', line: 1, text: 'const Cents = 1;' },
      { path: 'b.js', line: 2, text: 'return cents;' },
    ]);
    expect(searchFiles(files, '  ')).toEqual([]);
    expect(searchFiles(files, 'cents', 2)).toHaveLength(2);
  });

  it('links the workspace places a Node stack or a Python traceback names, and nothing else', () => {
    const files = new Set(['src/parse.js', 'settle/dates.py']);
    const node = linkStack('at parseAmount (src/parse.js:24:11)\nat node:internal/x.js:1:1', files);
    expect(node).toEqual([
      'at parseAmount (',
      { file: 'src/parse.js', line: 24, text: 'src/parse.js:24:11' },
      ')\nat node:internal/x.js:1:1',
    ]);
    const py = linkStack('  File "settle/dates.py", line 12, in day\n', files);
    expect(py[1]).toEqual({ file: 'settle/dates.py', line: 12, text: 'File "settle/dates.py", line 12' });
    expect(linkStack('no places here', files)).toEqual(['no places here']);
  });

  it('cleans a typed path', () => {
    expect(cleanNewPath('  ./test\\new.test.js ')).toBe('test/new.test.js');
  });
});

describe('the workspace’s Markdown', () => {
  it('joins soft-wrapped lines, keeps fences and tables as text, and reads lists and inline marks', () => {
    const md = [
      '# Title',
      '',
      'A **bold** start with',
      '`code` wrapped.',
      '',
      '1. first',
      '   continued',
      '2. second',
      '',
      '```js',
      'const x = 1;',
      '```',
      '| a | b |',
      '|---|---|',
    ].join('\n');
    expect(parseMarkdown(md)).toEqual([
      { kind: 'heading', level: 1, text: [{ kind: 'text', text: 'Title' }] },
      {
        kind: 'paragraph',
        text: [
          { kind: 'text', text: 'A ' },
          { kind: 'bold', text: 'bold' },
          { kind: 'text', text: ' start with ' },
          { kind: 'code', text: 'code' },
          { kind: 'text', text: ' wrapped.' },
        ],
      },
      {
        kind: 'list',
        ordered: true,
        items: [[{ kind: 'text', text: 'first continued' }], [{ kind: 'text', text: 'second' }]],
      },
      { kind: 'code', text: 'const x = 1;' },
      { kind: 'code', text: '| a | b |\n|---|---|' },
    ]);
  });
});
