/**
 * The library keeps serving the last validated packs while a (slow) check of changed files runs,
 * and only changed files are checked again.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLibraryState } from '../../../../main/core/content/library-state.js';
import { checkInputs, type PackInput, type PackStructure } from '../../../../main/core/content/library.js';
import type { PackValidator } from '../../../../main/core/content/pack-validator.js';
import { toYaml, validRole } from './fixtures/valid-pack.js';

let root: string;
let bundledDir: string;
let userDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ir-state-'));
  bundledDir = join(root, 'bundled');
  userDir = join(root, 'user');
  mkdirSync(bundledDir);
  writeFileSync(join(bundledDir, 'base.yaml'), toYaml(validRole('base')));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A validator whose answers wait until the test releases them, recording what it was asked. */
function gatedValidator() {
  const asked: string[][] = [];
  let release: () => void = () => {};
  let gate = Promise.resolve();
  const validator: PackValidator = {
    async check(packs: PackInput[]): Promise<PackStructure[]> {
      asked.push(packs.map((p) => p.file));
      await gate;
      return checkInputs(packs);
    },
    close: async () => {},
  };
  return {
    validator,
    asked,
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
  };
}

describe('library state', () => {
  it('serves the last validated library while changed files are checked, then reports the new one', async () => {
    const gated = gatedValidator();
    const updates: string[][] = [];
    const state = createLibraryState({
      bundledDir,
      userDir,
      validator: gated.validator,
      staleAfterMs: 20,
      onUpdated: (lib) => updates.push(lib.roles.map((r) => r.role.id)),
    });
    expect((await state.current()).roles.map((r) => r.role.id)).toEqual(['base']);

    gated.hold();
    mkdirSync(userDir);
    writeFileSync(join(userDir, 'mine.yaml'), toYaml(validRole('mine')));
    // The check is still running: the answer is the library as it was.
    expect((await state.current()).roles.map((r) => r.role.id)).toEqual(['base']);
    gated.release();
    await state.refresh();
    expect(updates).toEqual([['base', 'mine']]);
    expect((await state.current()).roles.map((r) => r.role.id)).toEqual(['base', 'mine']);
    // Only the new file was checked the second time.
    expect(gated.asked).toEqual([['base.yaml'], ['mine.yaml']]);
  });

  it('waits for the first check: there is nothing older to serve', async () => {
    const gated = gatedValidator();
    gated.hold();
    const state = createLibraryState({ bundledDir, userDir, validator: gated.validator, staleAfterMs: 1 });
    let answered = false;
    const pending = state.current().then((lib) => {
      answered = true;
      return lib;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    gated.release();
    expect((await pending).roles).toHaveLength(1);
  });
});
