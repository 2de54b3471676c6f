import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { loadLibrary, toRoleSummary } from '../../../../main/core/content/library.js';
import { lineOf, toYaml, validRole } from './fixtures/valid-pack.js';

let root: string;
let bundledDir: string;
let userDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ir-content-'));
  bundledDir = join(root, 'bundled');
  userDir = join(root, 'user');
  mkdirSync(bundledDir);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('loadLibrary', () => {
  it('loads bundled and user packs and tolerates a missing user folder', () => {
    writeFileSync(join(bundledDir, 'b.yaml'), toYaml(validRole('bee')));
    writeFileSync(join(bundledDir, 'a.yml'), toYaml(validRole('ay')));
    writeFileSync(join(bundledDir, 'notes.txt'), 'not a pack');
    const lib = loadLibrary({ bundledDir, userDir });
    expect(lib.invalid).toEqual([]);
    expect(lib.roles.map((r) => [r.file, r.source, r.role.id])).toEqual([
      ['a.yml', 'bundled', 'ay'],
      ['b.yaml', 'bundled', 'bee'],
    ]);
  });

  it('keeps the bundled pack when a user pack reuses its ids, and loads the rest', () => {
    writeFileSync(join(bundledDir, 'base.yaml'), toYaml(validRole('base')));
    mkdirSync(userDir);
    const sameRole = toYaml(validRole('base')).replace(/id: base-/g, 'id: other-');
    writeFileSync(join(userDir, 'copy.yaml'), sameRole);
    const borrowsQuestion = validRole('mine');
    borrowsQuestion.rounds[1]!.questions[0]!.id = 'base-conflict';
    const borrowText = toYaml(borrowsQuestion);
    writeFileSync(join(userDir, 'mine.yaml'), borrowText);
    writeFileSync(join(userDir, 'fine.yaml'), toYaml(validRole('fine')));

    const lib = loadLibrary({ bundledDir, userDir });
    expect(lib.roles.map((r) => `${r.source}:${r.role.id}`)).toEqual(['bundled:base', 'user:fine']);
    expect(lib.invalid).toEqual([
      {
        file: 'copy.yaml',
        source: 'user',
        errors: ['copy.yaml:1 id: role id "base" is already used by bundled pack base.yaml'],
      },
      {
        file: 'mine.yaml',
        source: 'user',
        errors: [
          `mine.yaml:${lineOf(borrowText, 'id: base-conflict')} rounds[1].questions[0].id: question id "base-conflict" is already used by bundled pack base.yaml`,
        ],
      },
    ]);
  });

  it('turns unreadable, oversized and malformed files into problems without stopping', () => {
    writeFileSync(join(bundledDir, 'good.yaml'), toYaml(validRole('good')));
    writeFileSync(join(bundledDir, 'broken.yaml'), 'id: x\ntitle: [\n');
    writeFileSync(join(bundledDir, 'huge.yaml'), Buffer.alloc(10 * 1024 * 1024, 0x20));
    mkdirSync(join(bundledDir, 'folder.yaml'));
    const lib = loadLibrary({ bundledDir, userDir });
    expect(lib.roles.map((r) => r.role.id)).toEqual(['good']);
    expect(lib.invalid.map((p) => p.file)).toEqual(['broken.yaml', 'folder.yaml', 'huge.yaml']);
    expect(lib.invalid[0]!.errors[0]).toMatch(/^broken\.yaml:\d+ \(yaml\): /);
    expect(lib.invalid[1]!.errors).toEqual(['folder.yaml:1 (file): not a regular file']);
    expect(lib.invalid[2]!.errors).toEqual(['huge.yaml:1 (file): file is 10.0 MB; a role pack may be at most 2 MB']);
  });

  it('summaries carry no rubric, follow-ups or references', () => {
    writeFileSync(join(bundledDir, 'r.yaml'), toYaml(validRole('r')));
    const summary = toRoleSummary(loadLibrary({ bundledDir, userDir }).roles[0]!);
    expect(summary).toMatchObject({ id: 'r', company: 'Acme', source: 'bundled', file: 'r.yaml' });
    expect(summary.rounds[0]).toEqual({
      id: 'r-coding',
      kind: 'coding',
      title: 'Coding',
      minutes: 45,
      questionsPerSession: 1,
      questionCount: 1,
    });
    const json = JSON.stringify(summary);
    for (const secret of ['rubric', 'followUps', 'javascript', 'signals', 'sumPair'])
      expect(json).not.toContain(secret);
  });
});

describe('bundled content', () => {
  it('every pack in content/roles loads without errors', () => {
    const contentDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../content/roles');
    const lib = loadLibrary({ bundledDir: contentDir, userDir: join(root, 'none') });
    expect(lib.invalid.flatMap((p) => p.errors)).toEqual([]);
  });
});
