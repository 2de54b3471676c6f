/**
 * A bug bash in History, through the real core: the session page lists each kept step with what
 * changed and its test counts, and the final files; History search finds the candidate's code;
 * the Markdown export carries the changed files; an archive carries the project rows to another
 * installation all or nothing (a snapshot naming a path outside the workspace is refused).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectReview } from '../../../main/contract/services/project.js';
import { loadLibrary } from '../../../main/core/content/library.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { referenceFiles } from '../../../main/core/runner/suites/patch.js';

const bundledRolesDir = path.resolve(import.meta.dirname, '../../../content/roles');
const RECEIPTS = 'stripe-be-bugbash-receipts';
const NEW_TEST = 'test/cents.test.js';
const NEW_TEST_TEXT =
  "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { parseAmount } from '../src/parse.js';\n\n" +
  "test('quokkafour is 435 cents', () => assert.equal(parseAmount('4.35', 'USD').minor, 435));\n";

let dir: string;
const cores: Core[] = [];
const open = (name: string) => {
  const core = createCore({
    dataDir: path.join(dir, name),
    bundledRolesDir,
    transport: 'bridge',
    version: 't',
    log: () => {},
  });
  cores.push(core);
  return core;
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-project-history-'));
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const spec = loadLibrary({ bundledDir: bundledRolesDir, userDir: path.join(os.tmpdir(), 'ir-none') })
  .roles.flatMap((r) => r.role.rounds.flatMap((round) => round.questions))
  .find((q) => q.id === RECEIPTS)!.bugBash!;
const fixedParse = referenceFiles(spec.files, spec.reference)['src/parse.js']!;

/** A bug bash worked on: a failing run, the fix plus a new test, a second run, finished. */
async function workedSession(core: Core): Promise<{ sessionId: string; runs: { passed: number; failed: number }[] }> {
  const s = core.services;
  const started = await s.interview.start({
    roleId: 'stripe-backend-engineer',
    roundId: 'bug-bash',
    questionIds: [RECEIPTS],
    seed: 1,
  });
  const sessionId = started.sessionId;
  await s.interview.begin({ sessionId });
  await s.project.open({ sessionId });
  const first = await s.project.runTests({ sessionId });
  await s.project.saveFile({ sessionId, questionId: RECEIPTS, path: 'src/parse.js', text: fixedParse });
  await s.project.saveFile({ sessionId, questionId: RECEIPTS, path: NEW_TEST, text: NEW_TEST_TEXT });
  const second = await s.project.runTests({ sessionId });
  await s.project.finish({ sessionId });
  return { sessionId, runs: [first, second].map((r) => ({ passed: r.passed, failed: r.failed })) };
}

const withoutIds = (p: ProjectReview) => ({ ...p, steps: p.steps.map(({ id: _, ...step }) => step) });

describe('a bug bash in History', () => {
  it('shows each step’s changes and test counts and the final files; search and Markdown find the code', async () => {
    const core = open('data');
    const { sessionId, runs } = await workedSession(core);
    const detail = await core.services.sessions.detail({ sessionId });
    expect(detail.projects).toHaveLength(1);
    const project = detail.projects[0]!;
    expect(project).toMatchObject({
      questionId: RECEIPTS,
      kind: 'bug_bash',
      language: 'javascript',
      filesFrom: 'workspace',
      changed: ['src/parse.js'],
      added: [NEW_TEST],
      deleted: [],
      runs: 2,
      lastRun: runs[1],
    });
    expect(project.steps.map((s) => s.reason)).toEqual(['run', 'run', 'finish']);
    expect(project.steps.slice(0, 2).map((s) => ({ passed: s.passed, failed: s.failed }))).toEqual(runs);
    expect(runs[1]!.failed).toBeLessThan(runs[0]!.failed);

    // The first run had nothing changed; the second shows the fix as changed lines and the new test.
    expect(project.steps[0]!.changes).toEqual([]);
    const changes = project.steps[1]!.changes!;
    expect(changes.map((c) => [c.path, c.status])).toEqual([
      ['src/parse.js', 'changed'],
      [NEW_TEST, 'added'],
    ]);
    const parse = changes[0]!;
    const addedLines = parse.hunks.flat().filter((l) => l.kind === 'added');
    expect(addedLines.length).toBe(parse.added);
    expect(parse.added).toBeGreaterThan(0);
    for (const line of addedLines) expect(fixedParse.split('\n')[line.newLine! - 1]).toBe(line.text);
    expect(changes[1]!.added).toBe(NEW_TEST_TEXT.split('\n').length);
    expect(project.steps[2]!.changes).toEqual([]);
    expect(project.files['src/parse.js']).toBe(fixedParse);
    expect(project.files[NEW_TEST]).toBe(NEW_TEST_TEXT);

    // History search: a word only the candidate wrote, and a prefix of it.
    for (const query of ['quokkafour', 'quokkaf']) {
      const found = await core.services.sessions.search({ query, limit: 10 });
      expect(found.hits.map((h) => [h.sessionId, h.kind])).toEqual([[sessionId, 'code']]);
      expect(found.hits[0]!.snippet.some((p) => p.match && /quokka/i.test(p.text))).toBe(true);
    }

    const { text } = await core.services.sessions.exportMarkdown({ sessionId });
    expect(text).toContain('## Bug bash: ');
    expect(text).toContain(`### ${NEW_TEST} (new file)`);
    expect(text).toContain(fixedParse.trim().split('\n')[0]);
    expect(text).toMatch(/ran the tests, \d+ passed and \d+ failed; changed src\/parse\.js \(\+\d+ −\d+\)/);
  }, 180_000);

  it('carries the project through an archive, and refuses one whose snapshot names a path outside the workspace', async () => {
    const source = open('source');
    const { sessionId } = await workedSession(source);
    const exported = await source.services.sessions.exportArchive(undefined);
    const zip = new Uint8Array(Buffer.from(exported.base64, 'base64'));

    const target = open('target');
    const report = await target.services.sessions.importArchive({ bytes: zip });
    expect(report.sessionIds).toEqual([sessionId]);
    const [before] = (await source.services.sessions.detail({ sessionId })).projects;
    const [after] = (await target.services.sessions.detail({ sessionId })).projects;
    expect(withoutIds(after!)).toEqual(withoutIds(before!));
    const found = await target.services.sessions.search({ query: 'quokkafour', limit: 10 });
    expect(found.hits.map((h) => h.kind)).toEqual(['code']);

    // A tampered export: one snapshot's files name "../escape.js". Nothing of it is imported.
    const entries = unzipSync(zip);
    const name = Object.keys(entries).find((n) => n.endsWith('/session.json'))!;
    const bundle = JSON.parse(strFromU8(entries[name]!)) as { projectSnapshots: { files_json: string }[] };
    expect(bundle.projectSnapshots.length).toBe(3);
    bundle.projectSnapshots[1]!.files_json = JSON.stringify({ '../escape.js': 'x' });
    entries[name] = strToU8(JSON.stringify(bundle));
    const other = open('other');
    await expect(other.services.sessions.importArchive({ bytes: zipSync(entries) })).rejects.toThrow(
      /bug-bash or integration snapshot.*Nothing was imported/,
    );
    expect((await other.services.sessions.list({ sort: 'newest', limit: 25, offset: 0 })).items).toEqual([]);
  }, 180_000);
});
