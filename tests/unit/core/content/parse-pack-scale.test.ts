/**
 * A pack is untrusted input: parsing must stay linear in its size. These tests print how long a
 * 2 MB pack with 58,000 keys takes (the target is under 2 s on the project's 2-core machine); the
 * assertions check the results, never the time, because the machines are noisy.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ERRORS, parsePack } from '../../../../main/core/content/parse-pack.js';
import { countKeys, flatKeysPack, manyQuestionsPack } from './fixtures/large-pack.js';

/** Runs twice: the first run includes loading and compiling the parser, as the app's first check does. */
function timed<T>(label: string, text: string, fn: () => T): T {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    result = fn();
    times.push(Math.round(performance.now() - started));
  }
  const mb = (Buffer.byteLength(text) / (1024 * 1024)).toFixed(2);
  console.log(
    `parse-pack: ${label}: ${mb} MB, ${countKeys(text)} keys: ${times[0]} ms (first), ${times[1]} ms (again)`,
  );
  return result;
}

describe('parsePack at the 2 MB limit', () => {
  it('checks a valid 2 MB pack with about 58,000 keys', () => {
    const { text, questions } = manyQuestionsPack();
    const result = timed('valid pack', text, () => parsePack(text, 'big.yaml'));
    expect(result.errors).toEqual([]);
    expect(result.role?.rounds[1]?.questions).toHaveLength(questions);
    expect(countKeys(text)).toBeGreaterThan(55_000);
  });

  it('caps 58,000 unknown-field errors at the first 50 and says how many more', () => {
    const text = flatKeysPack(58_000, 'unknown');
    const { errors } = timed('58,000 unknown fields', text, () => parsePack(text, 'flat.yaml'));
    expect(errors).toHaveLength(MAX_ERRORS + 1);
    // Required fields that are missing come first, then unknown fields, each on its own line.
    const unknown = errors.filter((e) => e.includes('unknown field'));
    expect(unknown[0]).toBe('flat.yaml:2 k0: unknown field "k0" (check the spelling)');
    const last = unknown.length - 1;
    expect(unknown[last]).toBe(
      `flat.yaml:${last + 2} k${last.toString(36)}: unknown field "k${last.toString(36)}" (check the spelling)`,
    );
    expect(errors[50]).toMatch(/^… and 579\d\d more problems \(fix the ones above first\)$/);
  });

  it('reports 58,000 duplicate keys with a set, not a search per key', () => {
    const text = flatKeysPack(58_000, 'duplicate');
    const { errors } = timed('58,000 duplicate keys', text, () => parsePack(text, 'dup.yaml'));
    expect(errors.slice(0, 2)).toEqual([
      'dup.yaml:3 dup: duplicate key "dup" (first at line 2)',
      'dup.yaml:4 dup: duplicate key "dup" (first at line 2)',
    ]);
    expect(errors.at(-1)).toBe('… and 57949 more problems (fix the ones above first)');
  });
});
