/**
 * `npm run bench -- history [--small N] [--large N] [--words N]`: how listing, filtering and
 * searching the history scale. Generates synthetic voice sessions (about 2,000 words of
 * transcript each, stored as answers and as timed segments, as a spoken session is) into
 * temporary databases of 100 and 10,000 sessions, times each operation (median of repeated
 * runs, warm cache) and prints the large ÷ small ratios. Target: ≤ 3 for list and search.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { EngineState, PlannedQuestion, TurnRecord } from '../main/core/interview/engine.js';
import { mulberry32 } from '../main/core/interview/plan.js';
import { listSessions, type ListQuery } from '../main/core/sessions/list.js';
import { searchSessions } from '../main/core/sessions/search.js';
import { DATABASE_FILE, openDatabase, type Db } from '../main/core/storage/database.js';

const ROLES = [
  ['backend-engineer', 'Backend Engineer'],
  ['frontend-engineer', 'Frontend Engineer'],
  ['data-engineer', 'Data Engineer'],
  ['product-manager', 'Product Manager'],
  ['engineering-manager', 'Engineering Manager'],
  ['site-reliability-engineer', 'Site Reliability Engineer'],
] as const;
const KINDS = ['behavioral', 'system_design', 'coding', 'hiring_manager'] as const;
const QUESTIONS_PER_SESSION = 5;
const QUESTION_BANK = 120;
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);

const COMMON = (
  'the a and to of i we it that was in for so on with this my is our team they but had then what be at as not have ' +
  'um uh you know like just really think about would because there when from which more first were one time some could'
).split(' ');
const TOPICS = (
  'service database latency cache queue retry idempotency migration rollout incident outage metrics dashboard customer ' +
  'deadline conflict stakeholder roadmap priority tradeoff design review ownership mentoring feedback experiment launch ' +
  'schema index partition replication consistency availability throughput budget hiring process deployment pipeline ' +
  'kubernetes postgres kafka redis frontend accessibility performance bundle testing monitoring alerting oncall postmortem'
).split(' ');

/** Word-like filler with a long tail of rare words, roughly as speech is distributed. */
function wordList(random: () => number, count: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.55) words.push(COMMON[Math.floor(random() * COMMON.length)] ?? 'the');
    else if (r < 0.9) words.push(TOPICS[Math.floor(random() * TOPICS.length)] ?? 'service');
    else words.push(`w${Math.floor(random() * 50_000).toString(36)}`);
  }
  return words;
}

function question(index: number): PlannedQuestion {
  const topic = TOPICS[index % TOPICS.length] ?? 'service';
  return {
    id: `q-${index}`,
    prompt: `Tell me about a time you worked on ${topic} and what you would do differently next time (question ${index}).`,
    answerMinutes: 4,
    rubric: ['situation', 'action', 'result', 'learning'].map((p, i) => ({
      id: `q-${index}-${p}`,
      point: `Explains the ${p}`,
      why: `Shows the ${p}`,
      signals: [TOPICS[(index + i * 7) % TOPICS.length] ?? p, p],
    })),
    followUps: [],
    outline: ['Situation', 'Action', 'Result'],
    pitfalls: ['Too vague'],
  };
}

interface Generated {
  sessions: number;
  seconds: number;
}

export function generate(db: Db, count: number, wordsPerSession: number, seed: number): Generated {
  const random = mulberry32(seed);
  const started = process.hrtime.bigint();
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, role_id, role_title, company, status, interviewer, notes, created_at, updated_at, ended_at) VALUES (?, ?, ?, NULL, ?, 'scripted', ?, ?, ?, ?)`,
  );
  const insertRound = db.prepare(
    'INSERT INTO rounds (id, session_id, round_id, kind, title, budget_ms, state_json, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertTurn = db.prepare(
    `INSERT INTO turns (id, round_id, seq, kind, question_id, prompt_text, answer_text, raw_transcript, draft_text, status, budget_ms, asked_at, answer_started_at, answer_ended_at)
     VALUES (?, ?, ?, 'question', ?, ?, ?, ?, '', 'answered', 240000, ?, ?, ?)`,
  );
  const insertSegment = db.prepare(
    "INSERT INTO segments (turn_id, start_ms, end_ms, text, status, created_at) VALUES (?, ?, ?, ?, 'done', ?)",
  );
  const insertRecording = db.prepare(
    "INSERT INTO recordings (id, turn_id, path, sample_rate, duration_ms, status, created_at) VALUES (?, ?, ?, 16000, ?, 'done', ?)",
  );

  // One transaction for everything: generating 10,000 sessions must take seconds, not hours.
  db.transaction(() => {
    for (let n = 0; n < count; n++) {
      const id = `bench-${seed}-${n.toString().padStart(6, '0')}`;
      const [roleId, roleTitle] = ROLES[n % ROLES.length] ?? ROLES[0];
      const kind = KINDS[Math.floor(n / ROLES.length) % KINDS.length] ?? 'behavioral';
      const createdAt = START + Math.floor((n / count) * 700 * DAY) + Math.floor(random() * 3_600_000);
      const questions = Array.from({ length: QUESTIONS_PER_SESSION }, () =>
        question(Math.floor(random() * QUESTION_BANK)),
      );
      const perAnswer = Math.floor(wordsPerSession / QUESTIONS_PER_SESSION);
      const turns: TurnRecord[] = [];
      const messages: EngineState['messages'] = [];
      const answers: string[][] = [];
      let at = createdAt;
      questions.forEach((q, i) => {
        const words = wordList(random, perAnswer);
        answers.push(words);
        const elapsedMs = Math.round((perAnswer / 140) * 60_000);
        turns.push({
          seq: i + 1,
          questionIndex: i,
          questionId: q.id,
          kind: 'question',
          prompt: q.prompt,
          status: 'answered',
          budgetMs: 240_000,
          askedAt: at,
          answerStartedAt: at + 2000,
          answerEndedAt: at + 2000 + elapsedMs,
          elapsedMs,
          answer: words.join(' '),
        });
        messages.push({ id: messages.length + 1, speaker: 'interviewer', kind: 'question', text: q.prompt, at });
        messages.push({
          id: messages.length + 1,
          speaker: 'candidate',
          kind: 'answer',
          text: words.join(' '),
          at: at + elapsedMs,
        });
        at += elapsedMs + 10_000;
      });
      const durationMs = at - createdAt;
      const state: EngineState = {
        v: 1,
        phase: 'summary',
        paused: false,
        questions,
        index: QUESTIONS_PER_SESSION - 1,
        followUpsAsked: 0,
        maxFollowUps: 0,
        revealedParts: 1,
        round: { budgetMs: 45 * 60_000, elapsedMs: durationMs, runningSince: null },
        answer: null,
        draft: '',
        turns,
        messages,
      };
      const notes = n % 5 === 0 ? wordList(random, 30).join(' ') : '';
      insertSession.run(id, roleId, roleTitle, 'completed', notes, createdAt, at, at);
      const roundId = `${id}:r1`;
      insertRound.run(
        roundId,
        id,
        kind,
        kind,
        kind.replace('_', ' '),
        45 * 60_000,
        JSON.stringify(state),
        createdAt,
        at,
      );
      turns.forEach((turn, i) => {
        const turnId = `${id}:t${turn.seq}`;
        const text = turn.answer ?? '';
        insertTurn.run(
          turnId,
          roundId,
          turn.seq,
          turn.questionId,
          turn.prompt,
          text,
          text,
          turn.askedAt,
          turn.answerStartedAt,
          turn.answerEndedAt,
        );
        insertRecording.run(`${turnId}:rec`, turnId, `${id}/${turn.seq}.wav`, turn.elapsedMs, turn.askedAt);
        const words = answers[i] ?? [];
        for (let w = 0, k = 0; w < words.length; w += 25, k++) {
          insertSegment.run(turnId, k * 10_000, k * 10_000 + 9_500, words.slice(w, w + 25).join(' '), turn.askedAt);
        }
      });
    }
  })();
  return { sessions: count, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/**
 * Median wall time of one call of each fn, in ms. The two databases are sampled in turn
 * (small, large, small, large…), each sample 5 calls, after two warm-up calls: background
 * load then slows both sides alike instead of deciding the ratio.
 */
function timePair(fns: [() => unknown, () => unknown], runs: number): [number, number] {
  const samples: [number[], number[]] = [[], []];
  for (const fn of fns) {
    fn();
    fn();
  }
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, side) => {
      const t = process.hrtime.bigint();
      for (let k = 0; k < 5; k++) fn();
      samples[side as 0 | 1].push(Number(process.hrtime.bigint() - t) / 5e6);
    });
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
  return [median(samples[0]), median(samples[1])];
}

const SEARCHES = [
  'idempotency',
  'retry postgres',
  'kafka consumer lag',
  'w1a2',
  'migrat',
  'team "AND" (outage*',
  'the',
];

interface Prepared {
  sessions: number;
  dir: string;
  db: Db;
  generateSeconds: number;
  bytesPerSession: number;
  listCold: number;
}

const BASE: ListQuery = { sort: 'newest', limit: 25, offset: 0 };

function prepare(count: number, wordsPerSession: number): Prepared {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `history-bench-${count}-`));
  const opened = openDatabase(dir);
  if (!opened.ok) throw new Error(opened.status.message);
  const db = opened.db;
  const generated = generate(db, count, wordsPerSession, 7);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  const bytes = fs.statSync(path.join(dir, DATABASE_FILE)).size;
  // The very first page also computes and caches each row's figures (session_stats).
  const coldStart = process.hrtime.bigint();
  listSessions(db, BASE);
  const listCold = Number(process.hrtime.bigint() - coldStart) / 1e6;
  return {
    sessions: count,
    dir,
    db,
    generateSeconds: generated.seconds,
    bytesPerSession: Math.round(bytes / count),
    listCold,
  };
}

function filters(db: Db): void {
  const mid = START + 350 * DAY;
  listSessions(db, { ...BASE, roleId: 'backend-engineer' });
  listSessions(db, { ...BASE, roundKind: 'system_design' });
  listSessions(db, { ...BASE, from: mid - 60 * DAY, to: mid });
  listSessions(db, { ...BASE, roleId: 'data-engineer', roundKind: 'coding', sort: 'oldest' });
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      small: { type: 'string', default: '100' },
      large: { type: 'string', default: '10000' },
      words: { type: 'string', default: '2000' },
      runs: { type: 'string', default: '21' },
    },
  });
  const small = Number(values.small);
  const large = Number(values.large);
  const words = Number(values.words);
  const runs = Number(values.runs);
  const sides = [prepare(small, words), prepare(large, words)] as const;
  try {
    const [a, b] = sides;
    const pair = (fn: (db: Db) => unknown) => timePair([() => fn(a.db), () => fn(b.db)], runs);
    const list = pair((db) => listSessions(db, BASE));
    const page3 = pair((db) => listSessions(db, { ...BASE, offset: 50 }));
    const filter = pair(filters);
    const searchEach = SEARCHES.map((q) => pair((db) => searchSessions(db, q, 30)));
    const search: [number, number] = [0, 1].map((side) => searchEach.reduce((sum, t) => sum + t[side as 0 | 1], 0)) as [
      number,
      number,
    ];

    const fmt = (ms: number) => ms.toFixed(2).padStart(9);
    console.log('sessions   generate(s)   list(ms)  page3(ms)  filter(ms)  search(ms)   bytes/session');
    sides.forEach((side, i) => {
      console.log(
        `${String(side.sessions).padStart(8)}   ${side.generateSeconds.toFixed(1).padStart(11)}  ${fmt(list[i as 0 | 1])}  ${fmt(page3[i as 0 | 1])}  ${fmt(filter[i as 0 | 1])}   ${fmt(search[i as 0 | 1])}   ${String(side.bytesPerSession).padStart(13)}`,
      );
    });
    console.log('\nsearch, per query (ms):');
    SEARCHES.forEach((q, i) =>
      console.log(
        `  ${JSON.stringify(q).padEnd(24)} ${(searchEach[i] ?? [0, 0]).map((t) => t.toFixed(2).padStart(8)).join(' ')}`,
      ),
    );
    const ratio = ([x, y]: [number, number]) => (y / x).toFixed(2);
    console.log(
      `\nfirst page with an empty figures cache (ms): ${sides.map((side) => side.listCold.toFixed(1)).join(' / ')}`,
    );
    console.log(`filter ratio: ${ratio(filter)}  (page 3 ratio: ${ratio(page3)})`);
    console.log(`history: list=${ratio(list)} search=${ratio(search)} bytes_per_session=${b.bytesPerSession}`);
  } finally {
    for (const side of sides) {
      side.db.close();
      fs.rmSync(side.dir, { recursive: true, force: true });
    }
  }
}
