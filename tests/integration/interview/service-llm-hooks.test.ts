/**
 * The interview service's hooks for the LLM interviewer: the decision is stopped when the
 * candidate pauses or ends, and drafts are offered for pre-evaluation with the decision context.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { createContentService } from '../../../main/core/content/service.js';
import { EventBus } from '../../../main/core/events.js';
import type {
  DecisionContext,
  Interviewer,
  InterviewerCallbacks,
} from '../../../main/core/interview/interviewers/types.js';
import { createInterviewRepository } from '../../../main/core/interview/repository.js';
import { createInterviewService } from '../../../main/core/interview/service.js';
import { openDatabase, type Db } from '../../../main/core/storage/database.js';
import { validRole } from '../../unit/core/content/fixtures/valid-pack.js';

const ROLE = 'hook-role';
const BEHAVIORAL = `${ROLE}-behavioral`;

let root: string;
let db: Db;
let bundledDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ir-hooks-'));
  bundledDir = join(root, 'bundled');
  mkdirSync(bundledDir);
  writeFileSync(join(bundledDir, `${ROLE}.yaml`), stringify(validRole(ROLE), { lineWidth: 0 }));
  const opened = openDatabase(join(root, 'data'));
  if (!opened.ok) throw new Error(opened.status.message);
  db = opened.db;
});

afterEach(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

/** An interviewer whose decisions wait until the test releases them (or they are aborted). */
function heldInterviewer() {
  const calls: { context: DecisionContext; callbacks: InterviewerCallbacks | undefined; release(): void }[] = [];
  const interviewer: Interviewer = {
    kind: 'llm',
    decide: (context, callbacks) =>
      new Promise((resolve) => {
        const answer = () => resolve({ action: 'follow_up', followUp: 'Why that way?', coveredRubricIds: [] });
        callbacks?.signal?.addEventListener('abort', () => resolve({ action: 'wrap_up', coveredRubricIds: [] }));
        calls.push({ context, callbacks, release: answer });
      }),
    clarify: async () => 'ok',
    answerCandidateQuestion: async () => 'ok',
  };
  return { interviewer, calls };
}

function service(
  interviewer: Interviewer,
  onDraft?: (sessionId: string, text: string, context: DecisionContext) => void,
) {
  const content = createContentService({ bundledDir, userDir: join(root, 'roles') });
  const repository = createInterviewRepository(db);
  const seen: string[] = [];
  const s = createInterviewService({
    repository: () => repository,
    content,
    events: new EventBus(),
    interviewer: (sessionId) => {
      seen.push(sessionId);
      return interviewer;
    },
    ...(onDraft ? { onDraft } : {}),
  });
  return { s, seen };
}

async function answering(s: ReturnType<typeof service>['s']) {
  const { sessionId } = await s.start({ roleId: ROLE, roundId: BEHAVIORAL });
  await s.begin({ sessionId });
  await s.startAnswer({ sessionId });
  return sessionId;
}

describe('interview service hooks for the LLM interviewer', () => {
  it('chooses the interviewer with the session id it will use', async () => {
    const { interviewer, calls } = heldInterviewer();
    const { s, seen } = service(interviewer);
    const sessionId = await answering(s);
    expect(seen[0]).toBe(sessionId);
    const submitted = s.submitAnswer({ sessionId, text: 'My answer.' });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(seen.at(-1)).toBe(sessionId);
    calls[0]!.release();
    expect((await submitted).currentPrompt).toBe('Why that way?');
  });

  it('pausing stops the decision; nothing is decided until the round resumes', async () => {
    const { interviewer, calls } = heldInterviewer();
    const { s } = service(interviewer);
    const sessionId = await answering(s);
    const submitted = s.submitAnswer({ sessionId, text: 'My answer.' });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const paused = await s.pause({ sessionId });
    expect(calls[0]!.callbacks?.signal?.aborted).toBe(true);
    // The aborted decision (a wrap-up) was not applied.
    expect(await submitted).toMatchObject({ phase: 'deciding' });
    expect(paused).toMatchObject({ phase: 'deciding', paused: true });

    const resumed = s.resume({ sessionId });
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.callbacks?.signal?.aborted).toBe(false);
    calls[1]!.release();
    expect(await resumed).toMatchObject({ phase: 'question', currentPrompt: 'Why that way?', paused: false });
  });

  it('ending the round stops the decision and ends', async () => {
    const { interviewer, calls } = heldInterviewer();
    const { s } = service(interviewer);
    const sessionId = await answering(s);
    void s.submitAnswer({ sessionId, text: 'My answer.' });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const ended = await s.endRound({ sessionId });
    expect(calls[0]!.callbacks?.signal?.aborted).toBe(true);
    expect(ended.phase).toBe('summary');
  });

  it('offers each draft with the decision context (earlier answers, not the draft)', async () => {
    const { interviewer } = heldInterviewer();
    const drafts: { sessionId: string; text: string; context: DecisionContext }[] = [];
    const { s } = service(interviewer, (sessionId, text, context) => drafts.push({ sessionId, text, context }));
    const sessionId = await answering(s);
    await s.saveDraft({ sessionId, text: 'We had a disagreement about' });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ sessionId, text: 'We had a disagreement about' });
    expect(drafts[0]!.context.answers).toEqual([]);
    expect(drafts[0]!.context.question.id).toBe(`${ROLE}-conflict`);
    expect(drafts[0]!.context.followUpsAsked).toBe(0);
  });

  it('does not offer drafts of a scripted session', async () => {
    const drafts: string[] = [];
    const scripted: Interviewer = {
      kind: 'scripted',
      decide: async () => ({ action: 'wrap_up', coveredRubricIds: [] }),
      clarify: async () => '',
      answerCandidateQuestion: async () => '',
    };
    const { s } = service(scripted, (_id, text) => drafts.push(text));
    const sessionId = await answering(s);
    await s.saveDraft({ sessionId, text: 'draft' });
    expect(drafts).toEqual([]);
  });

  it('offers a spoken answer as it is transcribed: typed draft + transcript, and starts the reply once settled', async () => {
    const { interviewer, calls } = heldInterviewer();
    const prepared: DecisionContext[] = [];
    interviewer.prepare = (context) => prepared.push(context);
    const drafts: { text: string; context: DecisionContext }[] = [];
    const { s } = service(interviewer, (_id, text, context) => drafts.push({ text, context }));
    const sessionId = await answering(s);
    await s.saveDraft({ sessionId, text: 'Typed first. ' });
    s.spokenDraft(sessionId, 'We split the write path.', false);
    await vi.waitFor(() => expect(drafts).toHaveLength(2));
    expect(drafts[1]!.text).toBe('Typed first. We split the write path.');
    expect(prepared).toEqual([]);

    s.spokenDraft(sessionId, 'We split the write path. Then we ramped it up.', true);
    await vi.waitFor(() => expect(prepared).toHaveLength(1));
    expect(prepared[0]!.answers).toEqual(['Typed first. We split the write path. Then we ramped it up.']);
    // The answer submitted as the practice screen builds it is the one prepared.
    const submitted = s.submitAnswer({
      sessionId,
      text: 'Typed first. We split the write path. Then we ramped it up.',
    });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.context.answers).toEqual(prepared[0]!.answers);
    calls[0]!.release();
    await submitted;
    // The follow-up's answer is offered with the first answer before it.
    s.spokenDraft(sessionId, 'Because of the lock.', true);
    await vi.waitFor(() => expect(prepared).toHaveLength(2));
    expect(prepared[1]!.answers).toEqual([prepared[0]!.answers[0], 'Because of the lock.']);
  });

  it('passes on that speech resumed, so a reply started in the pause is stopped', async () => {
    const { interviewer } = heldInterviewer();
    let heldBack = 0;
    interviewer.holdBack = () => (heldBack += 1);
    const { s } = service(interviewer, () => undefined);
    const sessionId = await answering(s);
    s.speechResumed(sessionId);
    expect(heldBack).toBe(1);
    // Unknown sessions are ignored.
    s.speechResumed('no-such-session');
    expect(heldBack).toBe(1);
  });
});
