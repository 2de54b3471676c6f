import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createContentService } from '../../../main/core/content/service.js';
import { EventBus } from '../../../main/core/events.js';
import { UNDO_WINDOW_MS } from '../../../main/core/interview/engine.js';
import { scriptedInterviewer } from '../../../main/core/interview/interviewers/scripted.js';
import type { Interviewer } from '../../../main/core/interview/interviewers/types.js';
import { createInterviewRepository } from '../../../main/core/interview/repository.js';
import { createInterviewService } from '../../../main/core/interview/service.js';
import { openDatabase, type Db } from '../../../main/core/storage/database.js';
import { validRole } from '../../unit/core/content/fixtures/valid-pack.js';

const ROLE = 'undo-role';
const ROUND = `${ROLE}-behavioral`;
const QUESTION = `${ROLE}-conflict`;
const T0 = 1_700_000_000_000;

let root: string;
let db: Db;
let t: number;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ir-undo-'));
  mkdirSync(join(root, 'bundled'));
  writeFileSync(join(root, 'bundled', `${ROLE}.yaml`), stringify(validRole(ROLE), { lineWidth: 0 }));
  const opened = openDatabase(join(root, 'data'));
  if (!opened.ok) throw new Error(opened.status.message);
  db = opened.db;
  t = T0;
});

afterEach(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

function service(interviewer: Interviewer = scriptedInterviewer) {
  const repository = createInterviewRepository(db);
  return createInterviewService({
    repository: () => repository,
    content: createContentService({ bundledDir: join(root, 'bundled'), userDir: join(root, 'data', 'roles') }),
    events: new EventBus(),
    now: () => t,
    interviewer: () => interviewer,
  });
}

const turnRows = () =>
  db.prepare('SELECT seq, kind, status, answer_text FROM turns ORDER BY seq').all() as {
    seq: number;
    kind: string;
    status: string;
    answer_text: string | null;
  }[];

async function answered(s: ReturnType<typeof service>, text: string) {
  const { sessionId } = await s.start({ roleId: ROLE, roundId: ROUND, questionIds: [QUESTION] });
  t += 1_000;
  await s.begin({ sessionId });
  t += 4_000;
  await s.startAnswer({ sessionId });
  t += 60_000;
  const view = await s.submitAnswer({ sessionId, text });
  return { sessionId, view };
}

describe('taking an answer back, through the service and the database', () => {
  it('drops the follow-up the interviewer asked and restores the answer, stored as it was', async () => {
    const s = service();
    const { sessionId, view } = await answered(s, 'Half an answer, sent by Tab then Space');
    expect(view.phase).toBe('question');
    expect(view.undoUntil).toBe(t + UNDO_WINDOW_MS);
    expect(turnRows()).toHaveLength(2); // the answer and the follow-up

    t += 3_000;
    const undone = await s.undoAnswer({ sessionId });
    expect(undone).toMatchObject({
      phase: 'answering',
      draft: 'Half an answer, sent by Tab then Space',
      undoUntil: null,
    });
    expect(undone.messages.filter((m) => m.speaker === 'candidate')).toEqual([]);
    expect(undone.answer).toMatchObject({ elapsedMs: 60_000, runningSince: t });
    expect(turnRows()).toEqual([{ seq: 1, kind: 'question', status: 'answering', answer_text: null }]);

    // A new process (the app restarted) sees the same: the draft is back, nothing extra asked.
    const again = await service().get({ sessionId });
    expect(again).toMatchObject({ phase: 'answering', draft: 'Half an answer, sent by Tab then Space' });
  });

  it('is refused after the window, and a late undo changes nothing', async () => {
    const s = service();
    const { sessionId, view } = await answered(s, 'A complete answer.');
    t += UNDO_WINDOW_MS + 1;
    const late = await s.undoAnswer({ sessionId });
    expect(late.phase).toBe('question');
    expect(late.messages.at(-1)?.text).toBe(view.messages.at(-1)?.text);
    expect(late.undoUntil).toBeNull();
    expect(turnRows()).toHaveLength(2);
  });

  it('never waits for a slow interviewer: the decision under way is stopped and discarded', async () => {
    let aborted = false;
    const takenBack: string[] = [];
    const slow: Interviewer = {
      kind: 'llm',
      decide: (_context, callbacks) =>
        new Promise((resolve) => {
          callbacks?.signal?.addEventListener('abort', () => {
            aborted = true;
            resolve({ action: 'wrap_up', coveredRubricIds: [] });
          });
        }),
      takeBack: ({ answer }) => void takenBack.push(answer),
      clarify: async () => 'ok',
      answerCandidateQuestion: async () => 'ok',
    };
    const s = service(slow);
    const { sessionId } = await s.start({ roleId: ROLE, roundId: ROUND, questionIds: [QUESTION] });
    await s.begin({ sessionId });
    await s.startAnswer({ sessionId });
    const submitted = s.submitAnswer({ sessionId, text: 'Oops, not finished' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    t += 2_000;
    const undone = await s.undoAnswer({ sessionId });
    expect(aborted).toBe(true);
    expect(undone).toMatchObject({ phase: 'answering', draft: 'Oops, not finished' });
    expect((await submitted).phase).toBe('deciding'); // the stopped decision applied nothing
    expect(takenBack).toEqual(['Oops, not finished']);
    expect(turnRows()).toEqual([{ seq: 1, kind: 'question', status: 'answering', answer_text: null }]);
  });
});
