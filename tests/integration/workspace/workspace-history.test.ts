/**
 * Coding work in the history: the Markdown export carries the final code and per-part results,
 * search finds code, export/import carries files, progress and snapshots, delete removes them;
 * the model's notes on the code, once stored, are in the export with their quoted lines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeNote } from '../../../main/contract/services/feedback.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { createFeedbackStore } from '../../../main/core/feedback/feedback-store.js';
import type { LlmQuestionBody } from '../../../main/core/feedback/stored-body.js';
import { roundRowId, turnRowId } from '../../../main/core/interview/repository.js';

const bundledRolesDir = path.resolve(import.meta.dirname, '../../../content/roles');
const SOLUTION =
  'function fee(amount, bps) {\n  const quirkyName = amount * bps;\n  const r = quirkyName % 10000;\n  return (quirkyName - r) / 10000 + (r * 2 >= 10000 ? 1 : 0);\n}\n';
let dir: string;
let core: Core;
let sessionId: string;

const open = (name: string) =>
  createCore({ dataDir: path.join(dir, name), bundledRolesDir, transport: 'bridge', version: 't', log: () => {} });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-workspace-history-'));
  core = open('a');
  const s = core.services;
  await s.settings.update({ codingLanguage: 'javascript' });
  const view = await s.interview.start({
    roleId: 'stripe-backend-engineer',
    roundId: 'practical-coding',
    questionIds: ['stripe-be-ex-fees'],
  });
  sessionId = view.sessionId;
  await s.interview.begin({ sessionId });
  await s.workspace.open({ sessionId });
  await s.workspace.saveFile({
    sessionId,
    questionId: 'stripe-be-ex-fees',
    language: 'javascript',
    file: 'solution',
    text: SOLUTION,
  });
  await s.workspace.submit({ sessionId });
  await s.interview.submitAnswer({ sessionId, text: 'It is constant time, O(1), since it is one multiplication.' });
  await s.workspace.finishProblem({ sessionId });
  await s.interview.finish({ sessionId });
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('coding work in the history', () => {
  it('the Markdown export holds the final code and how each part went', async () => {
    const { text } = await core.services.sessions.exportMarkdown({ sessionId });
    expect(text).toContain('## Code: We charge our users a processing fee');
    expect(text).toContain('- **Parts passed:** 1 of 2 shown');
    expect(text).toMatch(/- \[x\] Part 1, A percentage fee: passed, [\d:]+, hidden tests 4\/4, 0 runs and 1 submit/);
    expect(text).toMatch(/- \[ \] Part 2, Fixed part, minimum and maximum: not finished/);
    expect(text).toContain('```javascript\nfunction fee(amount, bps) {\n  const quirkyName');
  });

  it('per-part feedback quotes what was said about complexity', async () => {
    const [fb] = await core.services.workspace.feedback({ sessionId });
    expect(fb!.complexityMentions).toEqual(['It is constant time, O(1), since it is one multiplication.']);
    expect(fb!.notes).toContain(
      'You submitted without running the visible tests first. Running early catches the simple mistakes cheaply.',
    );
  });

  it('search finds code, once per session', async () => {
    const { hits } = await core.services.sessions.search({ query: 'quirkyName', limit: 30 });
    expect(hits.map((h) => [h.sessionId, h.kind])).toEqual([[sessionId, 'code']]);
    expect(hits[0]!.snippet.some((p) => p.match && p.text === 'quirkyName')).toBe(true);
  });

  it('export and import carry the files, progress and snapshots; delete removes them', async () => {
    const archive = await core.services.sessions.exportArchive(undefined);
    const other = open('b');
    try {
      const report = await other.services.sessions.importArchive({
        bytes: new Uint8Array(Buffer.from(archive.base64, 'base64')),
      });
      expect(report.imported).toBe(1);
      expect((await other.services.workspace.snapshots({ sessionId })).map((s) => s.reason)).toEqual(
        (await core.services.workspace.snapshots({ sessionId })).map((s) => s.reason),
      );
      const detail = await other.services.sessions.detail({ sessionId });
      expect(detail.code[0]!.solution).toBe(SOLUTION);
      expect(detail.code[0]!.feedback.partsPassed).toBe(1);
      expect((await other.services.sessions.search({ query: 'quirkyName', limit: 30 })).hits).toHaveLength(1);
      await other.services.sessions.delete({ sessionId });
      const db = other.db!;
      for (const table of ['workspace_files', 'workspace_progress', 'workspace_snapshots']) {
        expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
      }
      expect((await other.services.sessions.search({ query: 'quirkyName', limit: 30 })).hits).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("the export carries the model's notes on the code only when there are some", async () => {
    const before = (await core.services.sessions.exportMarkdown({ sessionId })).text;
    expect(before).not.toContain('Notes on the code');

    const detail = await core.services.sessions.detail({ sessionId });
    const seq = detail.turns.find((t) => t.questionId === 'stripe-be-ex-fees')!.seq;
    const notes: CodeNote[] = [
      {
        aspect: 'naming',
        file: 'solution',
        line: 2,
        quote: 'const quirkyName = amount * bps;',
        note: 'Name what it holds.',
      },
      // Quoted with the wrong line number: the export shows the line where the quote really is.
      {
        aspect: 'edge_cases',
        file: 'solution',
        line: 9,
        quote: 'const r = quirkyName % 10000;',
        note: 'Negative amounts?',
      },
      // A judgement of an earlier version quoting a line that is gone: left out.
      { aspect: 'structure', file: 'solution', line: 1, quote: 'return Math.round(amount * bps);', note: 'Stale.' },
    ];
    const body: LlmQuestionBody = {
      v: 1,
      type: 'question',
      questionId: 'stripe-be-ex-fees',
      key: 'test',
      judgement: null,
      note: null,
      scores: [],
      codeNotes: notes,
    };
    createFeedbackStore(core.db!).save(roundRowId(sessionId), turnRowId(sessionId, seq), 'llm', body, Date.now());

    const { text } = await core.services.sessions.exportMarkdown({ sessionId });
    const section = text.slice(text.indexOf('## Code:'));
    expect(section).toContain(
      '### Notes on the code\n\n*From the model: commentary on the final code, not a score.*\n\n' +
        'Naming (Solution, line 2): Name what it holds.\n\n```javascript\nconst quirkyName = amount * bps;\n```\n\n' +
        'Edge cases (Solution, line 3): Negative amounts?\n\n```javascript\nconst r = quirkyName % 10000;\n```',
    );
    expect(text).not.toContain('Stale.');
  });
});
