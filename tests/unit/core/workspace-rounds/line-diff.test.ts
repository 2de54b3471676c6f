import { describe, expect, it } from 'vitest';
import {
  diffLines,
  fileChange,
  filesChanges,
  hunksOf,
  MAX_CHANGE_LINES,
} from '../../../../main/core/workspace-rounds/line-diff.js';
import { shortTitle } from '../../../../main/core/workspace-rounds/session-projects.js';

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

describe('diffLines', () => {
  it('numbers both sides and finds the one changed line in the middle', () => {
    const before = ['a', 'b', 'c', 'd'].join('\n');
    const after = ['a', 'B', 'c', 'd', 'e'].join('\n');
    expect(
      diffLines(before, after).map((l) => `${l.kind[0]}${l.oldLine ?? '-'}:${l.newLine ?? '-'} ${l.text}`),
    ).toEqual(['s1:1 a', 'r2:- b', 'a-:2 B', 's3:3 c', 's4:4 d', 'a-:5 e']);
  });

  it('keeps moved and repeated lines apart by longest common subsequence', () => {
    const ops = diffLines('x\ny\nx\ny', 'y\nx\ny\nx').map((l) => l.kind);
    expect(ops.filter((k) => k === 'same')).toHaveLength(3);
    expect(ops.filter((k) => k === 'added')).toHaveLength(1);
    expect(ops.filter((k) => k === 'removed')).toHaveLength(1);
  });

  it('treats a missing file as empty', () => {
    expect(diffLines(null, 'a\nb').map((l) => l.kind)).toEqual(['added', 'added']);
    expect(diffLines('a', null).map((l) => l.kind)).toEqual(['removed']);
  });

  it('shows a large rewrite as removed then added instead of comparing every pair', () => {
    const kinds = diffLines(lines(1000, 'old').join('\n'), lines(1000, 'new').join('\n')).map((l) => l.kind);
    expect(kinds.slice(0, 1000).every((k) => k === 'removed')).toBe(true);
    expect(kinds.slice(1000).every((k) => k === 'added')).toBe(true);
  });
});

describe('hunksOf and fileChange', () => {
  it('keeps three lines of context around each change and splits distant changes', () => {
    const before = lines(30);
    const after = [...before];
    after[4] = 'changed 5';
    after[24] = 'changed 25';
    const hunks = hunksOf(diffLines(before.join('\n'), after.join('\n')));
    expect(hunks).toHaveLength(2);
    expect(hunks[0]!.map((l) => l.newLine ?? l.oldLine)).toEqual([2, 3, 4, 5, 5, 6, 7, 8]);
    expect(hunks[1]!.filter((l) => l.kind !== 'same').map((l) => l.text)).toEqual(['line 25', 'changed 25']);
  });

  it('counts lines, marks the status, and cuts very long changes', () => {
    expect(fileChange('a.js', 'x', 'x')).toBeNull();
    expect(fileChange('a.js', null, 'x\ny')).toMatchObject({ status: 'added', added: 2, removed: 0 });
    expect(fileChange('a.js', 'x', null)).toMatchObject({ status: 'deleted', added: 0, removed: 1 });
    const big = fileChange('big.js', null, lines(MAX_CHANGE_LINES + 10).join('\n'))!;
    expect(big.added).toBe(MAX_CHANGE_LINES + 10);
    expect(big.truncated).toBe(true);
    expect(big.hunks.flat()).toHaveLength(MAX_CHANGE_LINES);
  });

  it('lists every file that differs, by path', () => {
    const changes = filesChanges(
      { 'b.js': '1', 'a.js': '1', 'c.js': 'same' },
      { 'a.js': '2', 'c.js': 'same', 'd.js': 'new' },
    );
    expect(changes.map((c) => [c.path, c.status])).toEqual([
      ['a.js', 'changed'],
      ['b.js', 'deleted'],
      ['d.js', 'added'],
    ]);
  });
});

describe('shortTitle', () => {
  it('keeps the first sentence, or cuts a long one at a word with an ellipsis', () => {
    expect(shortTitle("Here's coinage, our money library. Receipts are a cent short.")).toBe(
      "Here's coinage, our money library.",
    );
    const long = `relay is the small job scheduler behind our back-office work, ${'and more words '.repeat(12)}end.`;
    const title = shortTitle(long, 80);
    expect(title.length).toBeLessThanOrEqual(81);
    expect(title.endsWith('…')).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(title.slice(0, -1).endsWith(' ')).toBe(false);
  });
});
