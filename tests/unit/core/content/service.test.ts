import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { parse } from 'yaml';
import { AppError } from '../../../../main/contract/result.js';
import {
  createContentService,
  safeFileName,
  type ContentService,
  type ContentServiceOptions,
} from '../../../../main/core/content/service.js';
import { toYaml, validRole } from './fixtures/valid-pack.js';

let root: string;
let bundledDir: string;
let userDir: string;
let changes: [number, number][];
let open: ContentService[];

function service(extra: Partial<ContentServiceOptions> = {}) {
  const content = createContentService({
    bundledDir,
    userDir,
    onChanged: (roles, invalid) => changes.push([roles, invalid]),
    // A small change must show at once in these tests, however busy the machine is.
    staleAfterMs: 60_000,
    ...extra,
  });
  open.push(content);
  return content;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ir-service-'));
  bundledDir = join(root, 'bundled');
  userDir = join(root, 'data', 'roles');
  mkdirSync(bundledDir);
  writeFileSync(join(bundledDir, 'base.yaml'), toYaml(validRole('base')));
  changes = [];
  open = [];
});
afterEach(async () => {
  await Promise.all(open.map((c) => c.close()));
  rmSync(root, { recursive: true, force: true });
});

describe('content service', () => {
  it('lists the library and sees packs added on disk', async () => {
    const content = service();
    expect((await content.library(undefined)).roles.map((r) => r.id)).toEqual(['base']);
    writeFileSync(join(bundledDir, 'later.yaml'), toYaml(validRole('later')));
    expect((await content.library(undefined)).roles.map((r) => r.id)).toEqual(['base', 'later']);
  });

  it('answers NOT_FOUND for an unknown role', async () => {
    const content = service();
    expect((await content.role({ id: 'base' })).title).toBe('Test Engineer');
    let caught: unknown;
    try {
      await content.role({ id: 'nope' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('NOT_FOUND');
    expect((caught as AppError).message).toContain('"nope"');
  });

  it('imports a valid pack into a new user folder under a safe name', async () => {
    const content = service();
    const result = await content.importPack({
      fileName: 'C:\\Downloads\\My Pack (2).YML',
      text: toYaml(validRole('mine')),
    });
    expect(result.problem).toBeUndefined();
    expect(result.role).toMatchObject({ id: 'mine', source: 'user', file: 'my-pack-2.yaml' });
    expect(readdirSync(userDir)).toEqual(['my-pack-2.yaml']);
    expect(changes).toEqual([[2, 0]]);
    expect((await content.library(undefined)).roles.map((r) => r.id)).toEqual(['base', 'mine']);
  });

  it('returns the problem and writes nothing for an invalid pack', async () => {
    const content = service();
    const text = toYaml(validRole('mine')).replace('kind: behavioral', 'kind: chat');
    const result = await content.importPack({ fileName: 'mine.yaml', text });
    expect(result.role).toBeUndefined();
    expect(result.problem?.file).toBe('mine.yaml');
    expect(result.problem?.source).toBe('user');
    expect(result.problem?.errors[0]).toMatch(/^mine\.yaml:\d+ rounds\[1\]\.kind: unknown round kind "chat"/);
    expect(existsSync(userDir)).toBe(false);
    expect(changes).toEqual([]);
  });

  it('rejects an import that reuses a bundled id, naming the bundled file', async () => {
    const result = await service().importPack({ fileName: 'copy.yaml', text: toYaml(validRole('base')) });
    expect(result.problem?.errors).toContain(
      'copy.yaml:1 id: role id "base" is already used by bundled pack base.yaml',
    );
    expect(existsSync(userDir)).toBe(false);
  });

  it('replaces a pack imported before, and never overwrites a bundled file name', async () => {
    const content = service();
    const first = await content.importPack({ fileName: 'base.yaml', text: toYaml(validRole('mine')) });
    expect(first.role?.file).toBe('base-2.yaml');
    const updated = validRole('mine');
    updated.title = 'Updated';
    const second = await content.importPack({ fileName: 'other-name.yaml', text: toYaml(updated) });
    expect(second.problem).toBeUndefined();
    expect(second.role).toMatchObject({ file: 'base-2.yaml', title: 'Updated' });
    expect(readdirSync(userDir)).toEqual(['base-2.yaml']);
    expect(readFileSync(join(bundledDir, 'base.yaml'), 'utf8')).toBe(toYaml(validRole('base')));
  });

  it('does not overwrite a different user pack with the same file name', async () => {
    const content = service();
    await content.importPack({ fileName: 'pack.yaml', text: toYaml(validRole('one')) });
    const result = await content.importPack({ fileName: 'pack.yaml', text: toYaml(validRole('two')) });
    expect(result.role?.file).toBe('pack-2.yaml');
    expect((await content.library(undefined)).roles.map((r) => r.id).sort()).toEqual(['base', 'one', 'two']);
  });

  it('duplicates a pack with my- ids that imports cleanly', async () => {
    const content = service();
    const { fileName, text } = await content.duplicatePack({ roleId: 'base' });
    expect(fileName).toBe('my-base.yaml');
    const data = parse(text) as ReturnType<typeof validRole>;
    expect(data.id).toBe('my-base');
    expect(data.company).toBe('Acme');
    expect(data.rounds.map((r) => r.id)).toEqual(['my-base-coding', 'my-base-behavioral']);
    expect(data.rounds[0]!.questions[0]!.id).toBe('my-base-sum-pairs');
    // Rubric ids stay, so follow-ups still probe them.
    expect(data.rounds[0]!.questions[0]!.followUps[0]!.probes).toBe('sum-a');
    const imported = await content.importPack({ fileName, text });
    expect(imported.problem).toBeUndefined();
    expect(imported.role).toMatchObject({ id: 'my-base', file: 'my-base.yaml', source: 'user' });
    await expect((async () => content.duplicatePack({ roleId: 'nope' }))()).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('safeFileName', () => {
  it('keeps only lowercase letters, digits and dashes', () => {
    expect(safeFileName('../../Evil Name.YML', 'x')).toBe('evil-name.yaml');
    expect(safeFileName('データ.yaml', 'fallback-id')).toBe('fallback-id.yaml');
  });
});
