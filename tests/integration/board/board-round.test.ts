import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesignNotes } from '../../../main/contract/services/board.js';
import { createCore, type Core } from '../../../main/core/create-core.js';
import { arrow, box, label, smallDesign } from '../../unit/core/board/scenes.js';

const ROLES = join(import.meta.dirname, '..', '..', '..', 'content', 'roles');
const NOTES: DesignNotes = { requirements: '', api: '', dataModel: '', estimates: '', tradeOffs: '' };
const dirs: string[] = [];
const cores: Core[] = [];

afterEach(() => {
  for (const core of cores.splice(0)) void core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function makeCore(): Core {
  const dataDir = mkdtempSync(join(tmpdir(), 'ir-board-'));
  dirs.push(dataDir);
  const core = createCore({
    dataDir,
    bundledRolesDir: ROLES,
    transport: 'bridge',
    version: '0.0.0-test',
    log: () => undefined,
  });
  cores.push(core);
  return core;
}

async function startDesignRound(core: Core): Promise<string> {
  const { interview } = core.services;
  const view = await interview.start({
    roleId: 'stripe-backend-engineer',
    roundId: 'system-design',
    questionIds: ['stripe-be-sd-payments-api'],
  });
  await interview.begin({ sessionId: view.sessionId });
  return view.sessionId;
}

describe('the whiteboard in a design round (scripted interviewer, real storage)', () => {
  it('is read by the interviewer after each answer, snapshotted per turn, and asked about by name', async () => {
    const core = makeCore();
    const { interview, board } = core.services;
    const sessionId = await startDesignRound(core);

    const saved = await board.save({ sessionId, scene: JSON.stringify(smallDesign()), notes: NOTES });
    expect(saved.description).toContain('- "Payments API" → "Postgres primary": "SQL writes"');

    await interview.startAnswer({ sessionId });
    // Mentions requirements (so the requirements phase's first gap is estimates), nothing else.
    const after = await interview.submitAnswer({
      sessionId,
      text: 'First the requirements: card payments only, refunds are out of scope. Clients call our API over HTTPS.',
    });
    expect(after.phase).toBe('question');
    // The estimates template, about the database on the board.
    expect(after.currentPrompt).toBe(
      'How much load does Postgres primary take at peak, in rough numbers, and is one of it enough?',
    );

    const [first] = await board.snapshots({ sessionId });
    expect(first?.turnSeq).toBe(1);
    expect(first?.description).toMatch(/^The board has 3 components, 2 arrows, 0 notes\./);
    expect(first?.update).toBe(first?.description);
    expect(first?.svg).toBeNull();

    // A cache appears; the next look is a diff.
    const next = smallDesign();
    next.elements.push(
      box('cache', 200, 200),
      label('cache', 'Redis cache'),
      arrow('a3', [250, 64], [250, 196], { start: 'api', end: 'cache' }),
    );
    await board.save({
      sessionId,
      scene: JSON.stringify(next),
      notes: { ...NOTES, estimates: '5,000 payments a second at peak' },
    });
    await interview.startAnswer({ sessionId });
    await interview.submitAnswer({
      sessionId,
      text: 'About five thousand payments per second at peak, so one primary is fine for now.',
    });
    const snapshots = await board.snapshots({ sessionId });
    expect(snapshots.map((s) => s.turnSeq)).toEqual([1, 2]);
    expect(snapshots[1]?.update).toBe(
      'Changes on the board since your last look:\n- added "Redis cache" (rectangle)\n- added arrow "Payments API" → "Redis cache"',
    );
    expect(snapshots[1]?.notes.estimates).toBe('5,000 payments a second at peak');
  });

  it('feeds the feedback: checklist evidence from the board and notes, and what the board shows unmentioned', async () => {
    const core = makeCore();
    const { interview, board, feedback, sessions } = core.services;
    const sessionId = await startDesignRound(core);
    const scene = smallDesign();
    scene.elements.push(
      box('cache', 200, 200),
      label('cache', 'Redis cache'),
      arrow('a3', [250, 64], [250, 196], { start: 'api', end: 'cache' }),
      arrow('a4', [296, 230], [420, 64], { start: 'cache', end: 'db' }),
    );
    await board.save({
      sessionId,
      scene: JSON.stringify(scene),
      notes: {
        ...NOTES,
        tradeOffs: 'A cache in front of the primary instead of more replicas: faster reads, staler data.',
      },
    });
    await interview.startAnswer({ sessionId });
    await interview.submitAnswer({ sessionId, text: 'Reads go through the cache, writes go to Postgres.' });
    await interview.finish({ sessionId });
    const [q] = (await feedback.forSession({ sessionId })).questions;
    expect(q?.boardObservations).toEqual([
      'Drew a cache ("Redis cache") between "Payments API" and "Postgres primary" — no eviction or invalidation mentioned.',
    ]);
    const byId = Object.fromEntries((q?.checklist ?? []).map((c) => [c.id, c]));
    expect(byId.api?.evidence).toContain('on the board: “Payments API”');
    expect(byId['trade-offs']?.evidence[0]).toMatch(/^in your notes: “A cache in front of the primary/);
    expect(byId.idempotency?.covered).toBe(false);
    // The exports carry the final board.
    const md = await sessions.exportMarkdown({ sessionId });
    expect(md.text).toContain('## Whiteboard');
    expect(md.text).toContain('"Payments API" → "Redis cache"');
  });

  it('is found by search and travels through export and import', async () => {
    const source = makeCore();
    const sessionId = await startDesignRound(source);
    await source.services.board.save({
      sessionId,
      scene: JSON.stringify(smallDesign()),
      notes: { ...NOTES, api: 'POST /v1/payments with an Idempotency-Key' },
    });
    await source.services.interview.startAnswer({ sessionId });
    await source.services.interview.submitAnswer({ sessionId, text: 'My answer covers the requirements and scope.' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9]).toString('base64');
    await source.services.board.saveRendering({ sessionId, turnSeq: 1, svg: '<svg>board</svg>', pngBase64: png });

    const found = await source.services.sessions.search({ query: 'postgres prim', limit: 30 });
    expect(found.hits.filter((h) => h.kind === 'board').map((h) => [h.sessionId, h.turnSeq])).toEqual([[sessionId, 1]]);
    const inNotes = await source.services.sessions.search({ query: 'Idempotency-Key', limit: 30 });
    expect(inNotes.hits.some((h) => h.kind === 'board')).toBe(true);

    const zip = await source.services.sessions.exportArchive(undefined);
    const target = makeCore();
    const report = await target.services.sessions.importArchive({
      bytes: new Uint8Array(Buffer.from(zip.base64, 'base64')),
    });
    expect(report.imported).toBe(1);
    const [snapshot] = await target.services.board.snapshots({ sessionId });
    expect(snapshot).toMatchObject({ turnSeq: 1, svg: '<svg>board</svg>', hasPng: true });
    expect(snapshot?.description).toContain('"Clients" → "Payments API": "HTTPS"');
    expect((await target.services.board.get({ sessionId })).notes.api).toBe(
      'POST /v1/payments with an Idempotency-Key',
    );
    expect((await target.services.board.png({ sessionId, turnSeq: 1 })).base64).toBe(png);
    const again = await target.services.sessions.search({ query: 'SQL writes', limit: 30 });
    expect(again.hits.some((h) => h.kind === 'board' && h.sessionId === sessionId)).toBe(true);
  });

  it("keeps the renderer's drawing of a snapshot and refuses what is not an image", async () => {
    const core = makeCore();
    const { interview, board } = core.services;
    const sessionId = await startDesignRound(core);
    await interview.startAnswer({ sessionId });
    await interview.submitAnswer({ sessionId, text: 'An empty board, and an answer about requirements and scope.' });
    const [snapshot] = await board.snapshots({ sessionId });
    expect(snapshot?.description).toBe('The board is empty.');

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');
    await board.saveRendering({
      sessionId,
      turnSeq: 1,
      svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      pngBase64: png,
    });
    const [drawn] = await board.snapshots({ sessionId });
    expect(drawn?.svg).toContain('<svg');
    expect(drawn?.hasPng).toBe(true);

    await expect(
      Promise.resolve().then(() => board.saveRendering({ sessionId, turnSeq: 1, svg: '<script>', pngBase64: null })),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      Promise.resolve().then(() => board.saveRendering({ sessionId, turnSeq: 9, svg: '<svg/>', pngBase64: null })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a scene that is not one, and is removed with its session', async () => {
    const core = makeCore();
    const { board, sessions } = core.services;
    const sessionId = await startDesignRound(core);
    await expect(
      Promise.resolve().then(() => board.save({ sessionId, scene: '{"type":"excalidrawlib"}', notes: NOTES })),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('The board was not saved.') });
    await board.save({
      sessionId,
      scene: JSON.stringify(smallDesign()),
      notes: { ...NOTES, api: 'POST /v1/payments' },
    });
    expect((await board.get({ sessionId })).notes.api).toBe('POST /v1/payments');

    await sessions.delete({ sessionId });
    expect(await board.get({ sessionId })).toEqual({ scene: null, notes: NOTES, savedAt: null });
    const rows = core.db!.prepare('SELECT COUNT(*) AS n FROM board_snapshots').get() as { n: number };
    expect(rows.n).toBe(0);
  });

  it("serves a question's reference design with its checklist notes", async () => {
    const core = makeCore();
    const reference = await core.services.board.reference({
      roleId: 'stripe-backend-engineer',
      questionId: 'stripe-be-sd-ledger-service',
    });
    expect(JSON.parse(reference!.scene)).toMatchObject({ type: 'excalidraw', version: 2 });
    expect(reference!.notes[0]).toEqual({
      label: 'Clarified functional and non-functional requirements and what is out of scope',
      note: expect.stringContaining('point-in-time balances'),
    });
    expect(await core.services.board.reference({ roleId: 'stripe-backend-engineer', questionId: 'nope' })).toBeNull();
  });
});
