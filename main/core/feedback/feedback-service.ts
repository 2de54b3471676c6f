/**
 * The feedback service. Rule-based feedback is computed on demand from the stored interview
 * state and transcript segments (it is cheap and deterministic); the model's judgement is
 * generated in the background, one job at a time, after each answer and when the round ends,
 * and stored in the feedback table. Nothing here ever makes the interview wait: answering
 * only queues a job, and a running job gives the model back when the next answer comes in.
 */
import { createHash } from 'node:crypto';
import { type Question, type Round, type RoundKind } from '../../../content/schema.js';
import type { Services } from '../../contract/index.js';
import { AppError } from '../../contract/result.js';
import type {
  AnswerFlag,
  JudgementStatus,
  LlmQuestionJudgement,
  QuestionFeedback,
  RoundFeedback,
  SessionFeedbackView,
} from '../../contract/services/feedback.js';
import type { ContentService } from '../content/service.js';
import type { EventBus } from '../events.js';
import type { EngineState, TurnRecord } from '../interview/engine.js';
import { roundRowId, turnRowId, type InterviewRepository, type SessionRecord } from '../interview/repository.js';
import type { LlmJsonGenerator } from '../llm/types.js';
import type { Db } from '../storage/database.js';
import { createFeedbackStore, type FeedbackStore } from './feedback-store.js';
import { DEFAULT_JUDGE_OPTIONS, judgeQuestion, judgeRound, type JudgeOptions } from './llm-judge.js';
import type { TimedSegment } from './metrics/transcript.js';
import { highlightsFor, rulesForQuestion, rulesForRound, type RulesQuestionFeedback } from './rules-feedback.js';

export interface FeedbackServiceOptions {
  repository: () => InterviewRepository;
  db: () => Db;
  content: ContentService;
  events: EventBus;
  /** The active model's JSON generator; undefined (or null) when no model is active: rule-based only. */
  llm?: () => LlmJsonGenerator | null | undefined;
  log?: (message: string, error?: unknown) => void;
  now?: () => number;
  judge?: Partial<JudgeOptions>;
  /** How long a job waits for the interviewer to finish deciding before it goes ahead anyway. */
  maxWaitForInterviewerMs?: number;
}

export type FeedbackService = Services['feedback'] & {
  /** Called by the interview service after each recorded answer: queues background work. */
  onAnswer(sessionId: string, turnSeq: number): void;
  /** Resolves once no background job is queued or running (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops the running job and drops the queue. */
  close(): void;
};

export const NO_MODEL_NOTE =
  'No language model is active, so this is rule-based feedback. Choose a model under Models for written feedback with scores.';
const NOT_ANSWERED_NOTE = 'Not answered, so there is nothing for the model to judge.';
/** Answers whose model score would be noise, and why, as the end of a sentence. */
const NOT_JUDGED: Partial<Record<AnswerFlag, string>> = {
  empty: 'it is empty',
  too_short: 'it is only a few words',
  not_english: 'it does not look like English',
  mostly_fillers: 'it is mostly filler words',
};
const ROUND_NOT_FINISHED_NOTE = 'The round summary is written when the round is finished.';

/** The stored model judgement of one question (feedback row on the question's first turn). */
export interface QuestionLlmBody {
  v: 1;
  type: 'question';
  questionId: string;
  key: string;
  judgement: LlmQuestionJudgement | null;
  note: string | null;
  /** The scores again in the shape history's progress charts read (main/core/history/scores.ts). */
  scores: { dimension: string; score: number; max: number }[];
}

/** The stored model summary of a round (feedback row on the round). */
export interface RoundLlmBody {
  v: 1;
  type: 'round';
  key: string;
  round: RoundFeedback['llm'];
  note: string | null;
}

type Job = { kind: 'question'; sessionId: string; questionIndex: number } | { kind: 'round'; sessionId: string };

const jobKey = (job: Job) =>
  job.kind === 'question' ? `${job.sessionId}:q${job.questionIndex}` : `${job.sessionId}:round`;

function answered(turns: readonly TurnRecord[]): TurnRecord[] {
  return turns.filter((t) => t.status === 'answered' && (t.answer ?? '').trim().length > 0);
}

/** Identifies what was judged: a judgement of earlier answers is stale once a follow-up is answered. */
export function answersKey(turns: readonly TurnRecord[]): string {
  const hash = createHash('sha256');
  for (const t of answered(turns)) hash.update(`${t.seq}\u0000${t.answer ?? ''}\u0000`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Segment times are milliseconds from the start of the answer. Times that look like wall-clock
 * timestamps (a recorder that stored Date.now()) are made relative to when the answer began.
 */
function relativeSegments(segments: readonly TimedSegment[], turn: TurnRecord): TimedSegment[] {
  const origin = turn.answerStartedAt ?? turn.askedAt;
  const absolute = segments.length > 0 && segments.every((s) => s.startMs >= origin && origin > 1e12);
  return absolute
    ? segments.map((s) => ({ ...s, startMs: s.startMs - origin, endMs: s.endMs - origin }))
    : [...segments];
}

/** Questions that were asked, with their index in the plan. */
function askedQuestions(state: EngineState): number[] {
  return state.questions.map((_, i) => i).filter((i) => state.turns.some((t) => t.questionIndex === i));
}

/** Identifies what a round summary was written from: every asked question's answers. */
export function roundKeyOf(state: EngineState): string {
  const hash = createHash('sha256');
  for (const i of askedQuestions(state))
    hash.update(`${i}:${answersKey(state.turns.filter((t) => t.questionIndex === i))};`);
  return hash.digest('hex').slice(0, 16);
}

const isQuestionBody = (b: unknown): b is QuestionLlmBody =>
  typeof b === 'object' &&
  b !== null &&
  (b as QuestionLlmBody).v === 1 &&
  (b as QuestionLlmBody).type === 'question' &&
  typeof (b as QuestionLlmBody).key === 'string';
const isRoundBody = (b: unknown): b is RoundLlmBody =>
  typeof b === 'object' &&
  b !== null &&
  (b as RoundLlmBody).v === 1 &&
  (b as RoundLlmBody).type === 'round' &&
  typeof (b as RoundLlmBody).key === 'string';

export function createFeedbackService(options: FeedbackServiceOptions): FeedbackService {
  const log = options.log ?? ((message, error) => console.error(`[feedback] ${message}`, error ?? ''));
  const now = options.now ?? Date.now;
  const judgeOptions: JudgeOptions = { ...DEFAULT_JUDGE_OPTIONS, ...options.judge };
  const maxWaitMs = options.maxWaitForInterviewerMs ?? 120_000;
  const generator = () => options.llm?.() ?? null;
  let store: FeedbackStore | undefined;
  const feedbackStore = () => (store ??= createFeedbackStore(options.db()));

  const queue: Job[] = [];
  let running: { job: Job; controller: AbortController } | null = null;
  let pumping: Promise<void> | null = null;
  let closed = false;
  const progress = new Map<string, { done: number; total: number; failed: number }>();

  // ---- reading the session -------------------------------------------------------------

  interface Loaded {
    record: SessionRecord;
    state: EngineState;
    round: Round | undefined;
    roleTitle: string;
    segments: Map<number, TimedSegment[]>;
  }

  function load(sessionId: string): Loaded {
    const record = options.repository().load(sessionId);
    if (!record)
      throw new AppError(
        'NOT_FOUND',
        'That practice session no longer exists, so there is no feedback for it. Start a new one from the role library.',
      );
    const role = options.content.findRole(record.roleId)?.role;
    const round = role?.rounds.find((r) => r.id === record.roundId);
    return {
      record,
      state: record.state,
      round,
      roleTitle: record.roleTitle,
      segments: feedbackStore().segments(roundRowId(sessionId)),
    };
  }

  function contentQuestion(loaded: Loaded, questionId: string): Question | undefined {
    return loaded.round?.questions.find((q) => q.id === questionId);
  }

  function rulesFor(loaded: Loaded, index: number): RulesQuestionFeedback {
    const question = loaded.state.questions[index]!;
    const turns = loaded.state.turns.filter((t) => t.questionIndex === index);
    const segments = new Map(turns.map((t) => [t.seq, relativeSegments(loaded.segments.get(t.seq) ?? [], t)]));
    return rulesForQuestion({
      question,
      turns,
      segments,
      roundKind: loaded.record.roundKind,
      checklist: loaded.round?.checklist ?? null,
      starGuide: contentQuestion(loaded, question.id)?.star !== undefined,
    });
  }

  function firstTurnId(sessionId: string, state: EngineState, index: number): string | null {
    const first = state.turns.find((t) => t.questionIndex === index);
    return first ? turnRowId(sessionId, first.seq) : null;
  }

  const roundFinished = (record: SessionRecord) => record.state.phase === 'summary';

  /** Why the model is not asked about this question, or null when it should be. */
  function skipReason(rules: RulesQuestionFeedback): string | null {
    if (rules.skipped) return NOT_ANSWERED_NOTE;
    const blocking = rules.flags.find((f) => f in NOT_JUDGED);
    return blocking ? `The model was not asked to score this answer: ${NOT_JUDGED[blocking]}.` : null;
  }

  function storedQuestionBodies(sessionId: string): Map<string, QuestionLlmBody> {
    const byTurn = new Map<string, QuestionLlmBody>();
    for (const row of feedbackStore().rows(roundRowId(sessionId))) {
      if (row.source === 'llm' && row.turnId && isQuestionBody(row.body)) byTurn.set(row.turnId, row.body);
    }
    return byTurn;
  }

  function storedRoundBody(sessionId: string): RoundLlmBody | null {
    const rows = feedbackStore().rows(roundRowId(sessionId));
    const row = rows.find((r) => r.source === 'llm' && r.turnId === null && isRoundBody(r.body));
    return row ? (row.body as RoundLlmBody) : null;
  }

  const roundKey = (loaded: Loaded) => roundKeyOf(loaded.state);

  // ---- background jobs -----------------------------------------------------------------

  function isQueued(job: Job): boolean {
    const key = jobKey(job);
    return queue.some((j) => jobKey(j) === key) || (running !== null && jobKey(running.job) === key);
  }

  function enqueue(job: Job, front = false): void {
    if (closed || isQueued(job)) return;
    const p = progress.get(job.sessionId);
    // A new batch after everything earlier finished counts from zero again.
    if (!p || p.done >= p.total) progress.set(job.sessionId, { done: 0, total: 1, failed: 0 });
    else p.total++;
    if (front) queue.unshift(job);
    else queue.push(job);
    emitProgress(job.sessionId);
    pump();
  }

  function emitProgress(sessionId: string): void {
    const p = progress.get(sessionId);
    if (p) options.events.emit('feedback:progress', { sessionId, done: p.done, total: p.total });
  }

  function pump(): void {
    if (pumping || closed) return;
    pumping = (async () => {
      // Let the caller (the interview's answer) finish first.
      await new Promise((resolve) => setImmediate(resolve));
      while (queue.length > 0 && !closed) {
        const job = queue.shift()!;
        const controller = new AbortController();
        running = { job, controller };
        let requeued = false;
        try {
          requeued = await runJob(job, controller.signal);
        } catch (error) {
          log(`feedback job ${jobKey(job)} failed`, error);
          const p = progress.get(job.sessionId);
          if (p) p.failed++;
        } finally {
          running = null;
        }
        if (requeued) continue;
        const p = progress.get(job.sessionId);
        if (p) p.done++;
        emitProgress(job.sessionId);
        if (!queue.some((j) => j.sessionId === job.sessionId))
          options.events.emit('feedback:ready', { sessionId: job.sessionId });
      }
    })().finally(() => {
      pumping = null;
      if (queue.length > 0 && !closed) pump();
    });
  }

  /** Waits while the interviewer of this session is deciding, so the two never compete for the model. */
  async function waitForInterviewer(sessionId: string, signal: AbortSignal): Promise<void> {
    const started = now();
    while (!signal.aborted && now() - started < maxWaitMs) {
      const phase = options.repository().load(sessionId)?.state.phase;
      if (phase !== 'deciding') return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Runs one job; true when it was interrupted and put back in the queue. */
  async function runJob(job: Job, signal: AbortSignal): Promise<boolean> {
    const llm = generator();
    if (!llm) return false;
    await waitForInterviewer(job.sessionId, signal);
    if (signal.aborted) return requeue(job);
    let loaded: Loaded;
    try {
      loaded = load(job.sessionId);
    } catch {
      return false; // the session was deleted meanwhile
    }
    const sessionId = job.sessionId;
    const roundId = roundRowId(sessionId);
    if (job.kind === 'question') {
      const rules = rulesFor(loaded, job.questionIndex);
      const turns = loaded.state.turns.filter((t) => t.questionIndex === job.questionIndex);
      const turnId = firstTurnId(sessionId, loaded.state, job.questionIndex);
      if (!turnId || skipReason(rules)) return false;
      const key = answersKey(turns);
      if (storedQuestionBodies(sessionId).get(turnId)?.key === key) return false;
      const planned = loaded.state.questions[job.questionIndex]!;
      const outcome = await judgeQuestion(
        llm,
        {
          roleTitle: loaded.roleTitle,
          roundKind: loaded.record.roundKind,
          rules,
          rubricWhy: Object.fromEntries(planned.rubric.map((r) => [r.id, r.why])),
        },
        { ...judgeOptions, signal },
      );
      if (signal.aborted || (!outcome.ok && outcome.failure === 'aborted')) return requeue(job);
      for (const problem of outcome.problems) log(`question ${planned.id} in session ${sessionId}: ${problem}`);
      const body: QuestionLlmBody = {
        v: 1,
        type: 'question',
        questionId: planned.id,
        key,
        judgement: outcome.ok ? outcome.value : null,
        note: outcome.ok ? null : outcome.note,
        scores: outcome.ok ? outcome.value.scores.map((x) => ({ dimension: x.dimension, score: x.score, max: 4 })) : [],
      };
      feedbackStore().save(roundId, turnId, 'llm', body, now());
      if (!outcome.ok) progress.get(sessionId)!.failed++;
      if (roundFinished(loaded.record)) enqueue({ kind: 'round', sessionId });
      return false;
    }
    if (!roundFinished(loaded.record)) return false;
    const key = roundKey(loaded);
    if (storedRoundBody(sessionId)?.key === key) return false;
    const stored = storedQuestionBodies(sessionId);
    const questions = askedQuestions(loaded.state).map((i) => {
      const rules = rulesFor(loaded, i);
      const turnId = firstTurnId(sessionId, loaded.state, i);
      return {
        prompt: rules.prompt,
        skipped: rules.skipped,
        rules,
        judgement: (turnId && stored.get(turnId)?.judgement) || null,
      };
    });
    if (questions.every((q) => q.skipped)) return false;
    const outcome = await judgeRound(
      llm,
      {
        roleTitle: loaded.roleTitle,
        roundTitle: loaded.record.roundTitle,
        roundKind: loaded.record.roundKind,
        questions,
      },
      { ...judgeOptions, signal },
    );
    if (signal.aborted || (!outcome.ok && outcome.failure === 'aborted')) return requeue(job);
    for (const problem of outcome.problems) log(`round summary of session ${sessionId}: ${problem}`);
    const body: RoundLlmBody = {
      v: 1,
      type: 'round',
      key,
      round: outcome.ok ? outcome.value : null,
      note: outcome.ok ? null : outcome.note,
    };
    feedbackStore().save(roundId, null, 'llm', body, now());
    if (!outcome.ok) progress.get(sessionId)!.failed++;
    return false;
  }

  function requeue(job: Job): boolean {
    if (!closed) queue.push(job);
    return true;
  }

  /** What the rule-based feedback was computed from: the answers and the transcript segments (the last may land after the answer). */
  function rulesKey(loaded: Loaded, index: number): string {
    const turns = loaded.state.turns.filter((t) => t.questionIndex === index);
    const segments = turns.map((t) =>
      (loaded.segments.get(t.seq) ?? []).map((x) => `${x.startMs}-${x.endMs}-${x.text.length}`).join(','),
    );
    return `${answersKey(turns)}:${createHash('sha256').update(segments.join('|')).digest('hex').slice(0, 8)}`;
  }

  /** Stores the rule-based feedback of one question, so history has it without recomputing. */
  function saveRules(loaded: Loaded, index: number, rules: RulesQuestionFeedback): void {
    const turnId = firstTurnId(loaded.record.sessionId, loaded.state, index);
    if (!turnId) return;
    const key = rulesKey(loaded, index);
    // Pace and fillers of the spoken answers, in the shape history's progress charts read.
    const spoken = rules.answers.map((a) => a.metrics).filter((m) => m.mode === 'spoken');
    const words = spoken.reduce((sum, m) => sum + m.words, 0);
    const speech = spoken.reduce((sum, m) => sum + (m.speechMs ?? 0), 0);
    const fillers = spoken.reduce((sum, m) => sum + m.fillers.total, 0);
    const delivery =
      spoken.length > 0 && words > 0 && speech > 0
        ? {
            wordsPerMinute: Math.round(words / (speech / 60_000)),
            fillersPer100Words: Math.round((fillers / words) * 1000) / 10,
          }
        : undefined;
    feedbackStore().save(
      roundRowId(loaded.record.sessionId),
      turnId,
      'rules',
      { v: 1, type: 'question', key, ...(delivery ? { delivery } : {}), feedback: rules },
      now(),
    );
  }

  // ---- the view ------------------------------------------------------------------------

  function questionView(
    loaded: Loaded,
    index: number,
    rules: RulesQuestionFeedback,
    stored: Map<string, QuestionLlmBody>,
    hasModel: boolean,
  ): QuestionFeedback {
    const sessionId = loaded.record.sessionId;
    const turns = loaded.state.turns.filter((t) => t.questionIndex === index);
    const turnId = firstTurnId(sessionId, loaded.state, index);
    const body = turnId ? stored.get(turnId) : undefined;
    const current = body && body.key === answersKey(turns) ? body : undefined;
    let llm: LlmQuestionJudgement | null = null;
    let llmStatus: JudgementStatus;
    let llmNote: string | null = null;
    const skip = skipReason(rules);
    const job: Job = { kind: 'question', sessionId, questionIndex: index };
    if (current) {
      llm = current.judgement;
      llmStatus = current.judgement ? 'done' : 'failed';
      llmNote = current.note;
    } else if (!hasModel) {
      llmStatus = 'unavailable';
      llmNote = NO_MODEL_NOTE;
    } else if (skip) {
      llmStatus = 'skipped';
      llmNote = skip;
    } else {
      if (!isQueued(job)) enqueue(job);
      llmStatus = running && jobKey(running.job) === jobKey(job) ? 'running' : 'pending';
    }
    // The model's quotes are highlighted in the transcript next to the rubric evidence.
    const answers = rules.answers.map((a) => {
      if (!llm?.evidence.length) return a;
      const quotes = llm.evidence.map((e) => ({ quote: e.quote, kind: 'quote' as const, note: e.note }));
      const rubric = a.highlights.map((h) => ({ quote: a.text.slice(h.start, h.end), kind: h.kind, note: h.note }));
      return { ...a, highlights: highlightsFor(a.text, [...quotes, ...rubric]) };
    });
    return { ...rules, answers, llm, llmStatus, llmNote };
  }

  function roundView(
    loaded: Loaded,
    questions: QuestionFeedback[],
    rules: RoundFeedback['rules'],
    hasModel: boolean,
  ): RoundFeedback {
    const sessionId = loaded.record.sessionId;
    const body = storedRoundBody(sessionId);
    const current = body && body.key === roundKey(loaded) ? body : null;
    if (current)
      return { rules, llm: current.round, llmStatus: current.round ? 'done' : 'failed', llmNote: current.note };
    if (!roundFinished(loaded.record))
      return { rules, llm: null, llmStatus: 'skipped', llmNote: ROUND_NOT_FINISHED_NOTE };
    if (questions.every((q) => q.skipped))
      return { rules, llm: null, llmStatus: 'skipped', llmNote: NOT_ANSWERED_NOTE };
    if (!hasModel) return { rules, llm: null, llmStatus: 'unavailable', llmNote: NO_MODEL_NOTE };
    const job: Job = { kind: 'round', sessionId };
    const questionsPending = questions.some((q) => q.llmStatus === 'pending' || q.llmStatus === 'running');
    // Question judgements first: the round summary is written from them.
    if (!questionsPending && !isQueued(job)) enqueue(job);
    return {
      rules,
      llm: null,
      llmStatus: running && jobKey(running.job) === jobKey(job) ? 'running' : 'pending',
      llmNote: null,
    };
  }

  function forSession(sessionId: string): SessionFeedbackView {
    const loaded = load(sessionId);
    const hasModel = generator() !== null;
    const stored = storedQuestionBodies(sessionId);
    const storedRules = new Map(
      feedbackStore()
        .rows(roundRowId(sessionId))
        .filter((r) => r.source === 'rules' && r.turnId !== null)
        .map((r) => [r.turnId!, (r.body as { key?: string }).key]),
    );
    const asked = askedQuestions(loaded.state);
    const rulesList = asked.map((i) => rulesFor(loaded, i));
    asked.forEach((i, k) => {
      const turnId = firstTurnId(sessionId, loaded.state, i);
      if (turnId && storedRules.get(turnId) !== rulesKey(loaded, i)) saveRules(loaded, i, rulesList[k]!);
    });
    const questions = asked.map((i, k) => questionView(loaded, i, rulesList[k]!, stored, hasModel));
    const round = roundView(loaded, questions, rulesForRound(rulesList), hasModel);
    const statuses = [...questions.map((q) => q.llmStatus), round.llmStatus];
    const working = statuses.some((s) => s === 'pending' || s === 'running');
    const anyModel = statuses.some((s) => s === 'done' || s === 'failed') || working;
    const p = progress.get(sessionId);
    const judged = statuses.filter((s) => s === 'done' || s === 'failed').length;
    const generation: SessionFeedbackView['generation'] = !anyModel
      ? { state: 'rules_only', done: 0, total: 0 }
      : working
        ? {
            state: 'working',
            done: p ? Math.min(p.done, p.total) : 0,
            total: p?.total ?? statuses.filter((s) => s === 'pending' || s === 'running').length,
          }
        : { state: statuses.some((s) => s === 'done') ? 'done' : 'failed', done: judged, total: judged };
    return { sessionId, roundKind: loaded.record.roundKind as RoundKind, questions, round, generation };
  }

  return {
    forSession: ({ sessionId }) => forSession(sessionId),

    onAnswer(sessionId, turnSeq) {
      try {
        // The interviewer is about to decide: a running judgement gives the model back and
        // runs again later, so the interview never waits for feedback.
        if (running && jobKey(running.job) !== `${sessionId}:round`) running.controller.abort();
        const record = options.repository().load(sessionId);
        const turn = record?.state.turns.find((t) => t.seq === turnSeq);
        if (!record || !turn) return;
        // The rule-based feedback is stored right away (after this call returns), so history has it
        // even if the summary is never opened; a later read refreshes it when more segments land.
        setImmediate(() => {
          try {
            const loaded = load(sessionId);
            saveRules(loaded, turn.questionIndex, rulesFor(loaded, turn.questionIndex));
          } catch (error) {
            log(`could not store rule-based feedback for session ${sessionId}`, error);
          }
        });
        if (generator()) enqueue({ kind: 'question', sessionId, questionIndex: turn.questionIndex });
      } catch (error) {
        log(`could not queue feedback for session ${sessionId}`, error);
      }
    },

    async idle() {
      while (pumping) await pumping;
    },

    close() {
      closed = true;
      queue.length = 0;
      running?.controller.abort();
    },
  };
}
