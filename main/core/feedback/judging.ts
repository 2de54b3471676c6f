/**
 * Running one background judgement: the model's scores for a question, or its summary of a
 * finished round, stored as feedback rows. A job waits while the interviewer is deciding (the two
 * never compete for the model) and gives the model back when interrupted.
 */
import type { AnswerFlag } from '../../contract/services/feedback.js';
import type { EventBus } from '../events.js';
import { roundRowId } from '../interview/repository.js';
import type { LlmJsonGenerator } from '../llm/types.js';
import { askedQuestions, roundKeyOf } from './answer-keys.js';
import { codeToJudge, judgeCode } from './code-notes.js';
import type { FeedbackStore } from './feedback-store.js';
import type { FeedbackJob, JobResult } from './job-queue.js';
import { judgeQuestion, judgeRound, type JudgeOptions } from './llm-judge.js';
import type { RulesQuestionFeedback } from './rules-feedback.js';
import { firstTurnId, judgementKey, roundFinished, rulesOf, type FeedbackInput } from './session-input.js';
import { readLlmQuestionBody, readLlmRoundBody, type LlmQuestionBody, type LlmRoundBody } from './stored-body.js';

export const NOT_ANSWERED_NOTE = 'Not answered, so there is nothing for the model to judge.';

/** Answers whose model score would be noise, and why, as the end of a sentence. */
const NOT_JUDGED: Partial<Record<AnswerFlag, string>> = {
  empty: 'it is empty',
  too_short: 'it is only a few words',
  not_english: 'it does not look like English',
  mostly_fillers: 'it is mostly filler words',
};

/** Why the model is not asked about this question, or null when it should be. */
export function skipReason(rules: RulesQuestionFeedback): string | null {
  if (rules.skipped) return NOT_ANSWERED_NOTE;
  const blocking = rules.flags.find((f) => f in NOT_JUDGED);
  return blocking ? `The model was not asked to score this answer: ${NOT_JUDGED[blocking]}.` : null;
}

/** The stored model judgements of a session's questions, by the turn they hang on. */
export function storedQuestionJudgements(store: FeedbackStore, sessionId: string): Map<string, LlmQuestionBody> {
  const byTurn = new Map<string, LlmQuestionBody>();
  for (const row of store.rows(roundRowId(sessionId))) {
    if (row.source !== 'llm' || !row.turnId) continue;
    const body = readLlmQuestionBody(row.body);
    if (body) byTurn.set(row.turnId, body);
  }
  return byTurn;
}

export function storedRoundSummary(store: FeedbackStore, sessionId: string): LlmRoundBody | null {
  for (const row of store.rows(roundRowId(sessionId))) {
    if (row.source !== 'llm' || row.turnId !== null) continue;
    const body = readLlmRoundBody(row.body);
    if (body) return body;
  }
  return null;
}

export interface JudgingDeps {
  llm: LlmJsonGenerator;
  store: FeedbackStore;
  events: EventBus;
  load: (sessionId: string) => FeedbackInput | null;
  /** The session's phase now (null when it is gone). */
  phaseOf: (sessionId: string) => string | null;
  judge: JudgeOptions;
  maxWaitForInterviewerMs: number;
  now: () => number;
  log: (message: string, error?: unknown) => void;
  /** Queues the round summary once a question of a finished round has been judged. */
  enqueue: (job: FeedbackJob) => void;
}

/** Resolves once the session's interviewer is not deciding (or after the longest wait, or on abort). */
function interviewerFree(deps: JudgingDeps, sessionId: string, signal: AbortSignal): Promise<void> {
  if (deps.phaseOf(sessionId) !== 'deciding') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, deps.maxWaitForInterviewerMs);
    const unsubscribe = deps.events.subscribe((event) => {
      if (event.name !== 'interview:changed') return;
      const { sessionId: id, view } = event.payload as { sessionId: string; view: { phase: string } };
      if (id === sessionId && view.phase !== 'deciding') done();
    });
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function runJudgement(deps: JudgingDeps, job: FeedbackJob, signal: AbortSignal): Promise<JobResult> {
  await interviewerFree(deps, job.sessionId, signal);
  if (signal.aborted) return 'interrupted';
  const input = deps.load(job.sessionId);
  if (!input) return 'done'; // the session was deleted meanwhile
  return job.kind === 'question'
    ? judgeOneQuestion(deps, input, job.questionIndex, signal)
    : judgeTheRound(deps, input, signal);
}

async function judgeOneQuestion(
  deps: JudgingDeps,
  input: FeedbackInput,
  index: number,
  signal: AbortSignal,
): Promise<JobResult> {
  const sessionId = input.record.sessionId;
  const rules = rulesOf(input, index);
  const turnId = firstTurnId(input, index);
  const planned = input.state.questions[index]!;
  const skip = skipReason(rules);
  const code = input.code(planned.id);
  // A coding answer's code gets the model's notes even when the words are too few to judge.
  if (!turnId || (skip && !codeToJudge(code))) return 'done';
  const key = judgementKey(input, index);
  if (storedQuestionJudgements(deps.store, sessionId).get(turnId)?.key === key) return 'done';
  const log = (problem: string) => deps.log(`question ${planned.id} in session ${sessionId}: ${problem}`);
  const outcome = skip
    ? null
    : await judgeQuestion(
        deps.llm,
        {
          roleTitle: input.roleTitle,
          roundKind: input.record.roundKind,
          rules,
          rubricWhy: Object.fromEntries(planned.rubric.map((r) => [r.id, r.why])),
        },
        { ...deps.judge, signal },
      );
  if (signal.aborted || (outcome && !outcome.ok && outcome.failure === 'aborted')) return 'interrupted';
  outcome?.problems.forEach(log);
  // Notes on the code are commentary beside the tests: when they fail, there are none (logged).
  const notes = codeToJudge(code)
    ? await judgeCode(deps.llm, { roleTitle: input.roleTitle, prompt: planned.prompt, code }, { ...deps.judge, signal })
    : null;
  if (signal.aborted || (notes && !notes.ok && notes.failure === 'aborted')) return 'interrupted';
  notes?.problems.forEach(log);
  const body: LlmQuestionBody = {
    v: 1,
    type: 'question',
    questionId: planned.id,
    key,
    judgement: outcome?.ok ? outcome.value : null,
    note: skip ?? (outcome && !outcome.ok ? outcome.note : null),
    scores: outcome?.ok ? outcome.value.scores.map((x) => ({ dimension: x.dimension, score: x.score, max: 4 })) : [],
    ...(notes ? { codeNotes: notes.ok ? notes.value : [] } : {}),
  };
  deps.store.save(roundRowId(sessionId), turnId, 'llm', body, deps.now());
  if (roundFinished(input)) deps.enqueue({ kind: 'round', sessionId });
  return outcome && !outcome.ok ? 'failed' : 'done';
}

async function judgeTheRound(deps: JudgingDeps, input: FeedbackInput, signal: AbortSignal): Promise<JobResult> {
  const sessionId = input.record.sessionId;
  if (!roundFinished(input)) return 'done';
  const key = roundKeyOf(input.state);
  if (storedRoundSummary(deps.store, sessionId)?.key === key) return 'done';
  const stored = storedQuestionJudgements(deps.store, sessionId);
  const questions = askedQuestions(input.state).map((i) => {
    const rules = rulesOf(input, i);
    const turnId = firstTurnId(input, i);
    return {
      prompt: rules.prompt,
      skipped: rules.skipped,
      rules,
      judgement: (turnId && stored.get(turnId)?.judgement) || null,
    };
  });
  if (questions.every((q) => q.skipped)) return 'done';
  const outcome = await judgeRound(
    deps.llm,
    { roleTitle: input.roleTitle, roundTitle: input.record.roundTitle, roundKind: input.record.roundKind, questions },
    { ...deps.judge, signal },
  );
  if (signal.aborted || (!outcome.ok && outcome.failure === 'aborted')) return 'interrupted';
  for (const problem of outcome.problems) deps.log(`round summary of session ${sessionId}: ${problem}`);
  const body: LlmRoundBody = {
    v: 1,
    type: 'round',
    key,
    round: outcome.ok ? outcome.value : null,
    note: outcome.ok ? null : outcome.note,
  };
  deps.store.save(roundRowId(sessionId), null, 'llm', body, deps.now());
  return outcome.ok ? 'done' : 'failed';
}
