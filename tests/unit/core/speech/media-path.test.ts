import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaPathFor, resolveMediaPath } from '../../../../main/core/speech/media-path.js';
import { parseRange } from '../../../../main/server/media-route.js';

const root = path.resolve('/data/sessions');

describe('resolveMediaPath', () => {
  it("maps a turn's recording to its file", () => {
    const id = '3f0c6c1e-8c2e-4a7e-9d55-0b3c1f0e2a11';
    expect(resolveMediaPath(root, mediaPathFor(id, 3))).toBe(path.join(root, id, '3.wav'));
  });

  it.each([
    '/media/../rehearsal.sqlite',
    '/media/%2e%2e/1.wav',
    '/media/abc/..%2F..%2Fetc%2Fpasswd',
    '/media/abc/../../x.wav',
    '/media/abc/1.wav/../../2.wav',
    '/media/abc/notes.txt',
    '/media/abc/%00.wav',
    '/media/abc/1.wav?x',
    '/media/.hidden/1.wav',
    '/media/abc%zz/1.wav',
    '/static/1.wav',
  ])('refuses %s', (url) => {
    expect(resolveMediaPath(root, url)).toBeNull();
  });
});

describe('parseRange', () => {
  it('reads the ranges a media player sends', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=200-', 100)).toBe('invalid');
    expect(parseRange('items=1-2', 100)).toBe('invalid');
  });
});
