/**
 * Builds real sessions for history tests: the interview engine produces the states and the
 * interview repository stores them, exactly as a practice session would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type contract } from '../../../../main/contract/index.js';
import { sessionsContract } from '../../../../main/contract/services/sessions.js';
import * as engine from '../../../../main/core/interview/engine.js';
import type { PlannedQuestion } from '../../../../main/core/interview/engine.js';
import { createInterviewRepository } from '../../../../main/core/interview/repository.js';
import { createDispatcher, type Dispatch } from '../../../../main/core/rpc/dispatcher.js';
import type { ImportLimits } from '../../../../main/core/sessions/archive-import.js';
import { createSessionsService } from '../../../../main/core/sessions/sessions-service.js';
import { openDatabase, type Db } from '../../../../main/core/storage/database.js';

export function question(
  id: string,
  signals: string[][] = [['listened to', 'i listened'], ['prototype'], ['the result']],
): PlannedQuestion {
  return {
    id,
    prompt: `Tell me about ${id}.`,
    answerMinutes: 4,
    rubric: signals.map((s, i) => ({ id: `${id}-${i}`, point: `Point ${i + 1} of ${id}`, why: 'Because', signals: s })),
    followUps: [],
    outline: ['Situation', 'Action', 'Result'],
    pitfalls: ['Rambling'],
  };
}

export interface SeedOptions {
  sessionId: string;
  roleId?: string;
  roleTitle?: string;
  company?: string | null;
  roundId?: string;
  roundKind?: string;
  roundTitle?: string;
  createdAt: number;
  questions?: PlannedQuestion[];
  /** One per question; null skips it. */
  answers: (string | null)[];
  /** A clarifying question (and the interviewer's reply) before the first answer. */
  clarify?: { question: string; reply: string };
  /** Leave the session in progress after the answers (an interrupted session). */
  unfinished?: boolean;
}

/** Runs a round through the engine and stores every state, one second per step. */
export function seedSession(db: Db, options: SeedOptions): void {
  const repository = createInterviewRepository(db);
  const questions = options.questions ?? options.answers.map((_, i) => question(`q${i + 1}`));
  let now = options.createdAt;
  let state = engine.createState({ questions, intro: 'Welcome to the round.', roundMinutes: 30, maxFollowUps: 0, now });
  repository.create({
    sessionId: options.sessionId,
    roleId: options.roleId ?? 'backend-engineer',
    roleTitle: options.roleTitle ?? 'Backend Engineer',
    company: options.company ?? null,
    roundId: options.roundId ?? 'behavioral',
    roundKind: options.roundKind ?? 'behavioral',
    roundTitle: options.roundTitle ?? 'Behavioral',
    interviewer: 'scripted',
    createdAt: now,
    state,
  });
  /** Applies one engine step at `after` ms past the previous one and stores it, as the service does. */
  const step = (after: number, transition: (current: engine.EngineState, at: number) => engine.EngineState) => {
    now += after;
    const next = transition(state, now);
    repository.save(options.sessionId, next, now, state);
    state = next;
  };
  step(1000, engine.begin);
  const clarify = options.clarify;
  if (clarify) step(1000, (s, at) => engine.clarify(s, clarify.question, clarify.reply, at));
  for (const answer of options.answers) {
    if (answer === null) {
      step(1000, engine.skip);
      continue;
    }
    step(1000, engine.startAnswer);
    step(60_000, (s, at) => engine.submitAnswer(s, answer, at));
    step(1000, (s, at) => engine.applyDecision(s, { action: 'next_question', coveredRubricIds: [] }, at));
  }
  if (!options.unfinished) step(1000, engine.finish);
}

/** A tiny valid WAV (16 kHz mono 16-bit) of the given length. */
export function wavBytes(ms: number): Buffer {
  const samples = Math.round((16_000 * ms) / 1000);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin(i / 8) * 8000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16_000, 24);
  header.writeUInt32LE(32_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * A spoken answer as the speech service stores it: sessions/<id>/<seq>.wav, a recording row
 * with the path relative to the sessions folder, and the transcript segments.
 */
export function addRecording(
  db: Db,
  dataDir: string,
  sessionId: string,
  seq: number,
  segments: { startMs: number; endMs: number; text: string }[],
  options: { writeFile?: boolean; durationMs?: number } = {},
): { recordingId: string; file: string } {
  const relative = `${sessionId}/${seq}.wav`;
  const file = path.join(dataDir, 'sessions', sessionId, `${seq}.wav`);
  const durationMs = options.durationMs ?? segments.at(-1)?.endMs ?? 1000;
  if (options.writeFile !== false) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, wavBytes(Math.min(durationMs, 2000)));
  }
  const turnId = `${sessionId}:t${seq}`;
  const recordingId = `rec-${sessionId}-${seq}`;
  db.prepare(
    `INSERT INTO recordings (id, turn_id, path, sample_rate, duration_ms, status, created_at) VALUES (?, ?, ?, 16000, ?, 'done', 1)`,
  ).run(recordingId, turnId, relative, durationMs);
  const insert = db.prepare(
    `INSERT INTO segments (turn_id, start_ms, end_ms, text, status, created_at) VALUES (?, ?, ?, ?, 'done', 1)`,
  );
  for (const s of segments) insert.run(turnId, s.startMs, s.endMs, s.text);
  db.prepare('UPDATE turns SET raw_transcript = ? WHERE id = ?').run(segments.map((s) => s.text).join(' '), turnId);
  return { recordingId, file };
}

export interface TestData {
  dir: string;
  db: Db;
  dispatch: Dispatch;
  close(): void;
}

/** A fresh data folder and database, with the sessions service behind the real dispatcher. */
export function openTestData(prefix = 'ir-history-', importLimits?: Partial<ImportLimits>): TestData {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const opened = openDatabase(dir);
  if (!opened.ok) throw new Error(opened.status.message);
  const db = opened.db;
  // Only the sessions service: these tests do not depend on the others being wired.
  const dispatch = createDispatcher(
    { sessions: sessionsContract },
    {
      sessions: createSessionsService({
        db: () => db,
        dataDir: dir,
        now: () => 1_800_000_000_000,
        ...(importLimits ? { importLimits } : {}),
      }),
    },
  );
  return {
    dir,
    db,
    dispatch,
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function call<T>(dispatch: Dispatch, method: keyof typeof contract.sessions, input?: unknown): Promise<T> {
  const result = await dispatch(`sessions:${method}`, input);
  if (!result.ok) throw new Error(`sessions:${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export async function failure(
  dispatch: Dispatch,
  method: keyof typeof contract.sessions,
  input?: unknown,
): Promise<{ code: string; message: string }> {
  const result = await dispatch(`sessions:${method}`, input);
  if (result.ok) throw new Error(`sessions:${method} was expected to fail`);
  return result.error;
}
