import { describe, expect, it } from 'vitest';
import { jsonEqual, outputEqual } from '../../../../../main/core/runner/harness/compare.js';

describe('jsonEqual', () => {
  it('ignores object key order but not array order', () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });
  it('tells null, missing keys, arrays and objects apart', () => {
    expect(jsonEqual({ a: null }, {})).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual(null, 0)).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
  });
});

describe('outputEqual', () => {
  it('ignores trailing spaces and line-ending style, not leading spaces or blank lines inside', () => {
    expect(outputEqual('a 1  \r\nb 2\r\n\n', 'a 1\nb 2')).toBe(true);
    expect(outputEqual(' a 1', 'a 1')).toBe(false);
    expect(outputEqual('a\n\nb', 'a\nb')).toBe(false);
  });
});
