/**
 * The feedback a screen shows for a session: rule-based feedback computed from the stored
 * answers, joined with whatever the model has judged so far. Pure: reading never queues work
 * or writes rows (the service's `request` does that).
 */
import type { RoundKind } from '../../../content/schema.js';
import type {
  JudgementStatus,
  LlmQuestionJudgement,
  QuestionFeedback,
  RoundFeedback,
  SessionFeedbackView,
} from '../../contract/services/feedback.js';
import { roundRecord } from '../interview/round-record.js';
import { answersKey, askedQuestions, roundKeyOf } from './answer-keys.js';
import { codeToJudge } from './code-notes.js';
import type { FeedbackJob } from './job-queue.js';
import { NOT_ANSWERED_NOTE, skipReason } from './judging.js';
import { highlightsFor, rulesForRound, type RulesQuestionFeedback } from './rules-feedback.js';
import {
  firstTurnId,
  judgementKey,
  questionTurns,
  roundFinished,
  rulesOf,
  type FeedbackInput,
} from './session-input.js';
import type { LlmQuestionBody, LlmRoundBody } from './stored-body.js';

export const NO_MODEL_NOTE =
  'No language model is active, so this is rule-based feedback. Choose a model under Models for written feedback with scores.';
const ROUND_NOT_FINISHED_NOTE = 'The round summary is written when the round is finished.';

export interface ViewContext {
  hasModel: boolean;
  judgements: ReadonlyMap<string, LlmQuestionBody>;
  roundSummary: LlmRoundBody | null;
  isRunning: (job: FeedbackJob) => boolean;
  progress: { done: number; total: number } | null;
}

/**
 * A stored judgement still fits the question. One written before notes on code existed (keyed to
 * the answers alone) is still right about the answers: shown while there is no model to redo it.
 */
function currentJudgement(body: LlmQuestionBody, input: FeedbackInput, index: number, hasModel: boolean): boolean {
  if (body.key === judgementKey(input, index)) return true;
  return !hasModel && body.codeNotes === undefined && body.key === answersKey(questionTurns(input, index));
}

function questionView(
  input: FeedbackInput,
  index: number,
  rules: RulesQuestionFeedback,
  ctx: ViewContext,
): QuestionFeedback {
  const turnId = firstTurnId(input, index);
  const body = turnId ? ctx.judgements.get(turnId) : undefined;
  const current = body && currentJudgement(body, input, index, ctx.hasModel) ? body : undefined;
  let llm: LlmQuestionJudgement | null = null;
  let llmStatus: JudgementStatus;
  let llmNote: string | null = null;
  const skip = skipReason(rules);
  // Code is worth the model's notes even when the spoken answer is too short to judge.
  const code = codeToJudge(input.code(input.state.questions[index]!.id));
  if (current) {
    llm = current.judgement;
    llmStatus = current.judgement ? 'done' : skip ? 'skipped' : 'failed';
    llmNote = current.note;
  } else if (!ctx.hasModel) {
    llmStatus = 'unavailable';
    llmNote = NO_MODEL_NOTE;
  } else if (skip && !code) {
    llmStatus = 'skipped';
    llmNote = skip;
  } else {
    const job: FeedbackJob = { kind: 'question', sessionId: input.record.sessionId, questionIndex: index };
    llmStatus = ctx.isRunning(job) ? 'running' : 'pending';
  }
  // The model's quotes are highlighted in the transcript next to the rubric evidence.
  const answers = rules.answers.map((a) => {
    if (!llm?.evidence.length) return a;
    const quotes = llm.evidence.map((e) => ({ quote: e.quote, kind: 'quote' as const, note: e.note }));
    const rubric = a.highlights.map((h) => ({ quote: a.text.slice(h.start, h.end), kind: h.kind, note: h.note }));
    return { ...a, highlights: highlightsFor(a.text, [...quotes, ...rubric]) };
  });
  return { ...rules, answers, llm, llmStatus, llmNote, codeNotes: current?.codeNotes ?? [] };
}

function roundView(
  input: FeedbackInput,
  questions: QuestionFeedback[],
  rules: RoundFeedback['rules'],
  ctx: ViewContext,
): RoundFeedback {
  return { ...roundJudgement(input, questions, rules, ctx), record: roundRecord(input.state) };
}

function roundJudgement(
  input: FeedbackInput,
  questions: QuestionFeedback[],
  rules: RoundFeedback['rules'],
  ctx: ViewContext,
): Omit<RoundFeedback, 'record'> {
  const summary = ctx.roundSummary;
  const current = summary && summary.key === roundKeyOf(input.state) ? summary : null;
  if (current)
    return { rules, llm: current.round, llmStatus: current.round ? 'done' : 'failed', llmNote: current.note };
  if (!roundFinished(input)) return { rules, llm: null, llmStatus: 'skipped', llmNote: ROUND_NOT_FINISHED_NOTE };
  if (questions.every((q) => q.skipped)) return { rules, llm: null, llmStatus: 'skipped', llmNote: NOT_ANSWERED_NOTE };
  if (!ctx.hasModel) return { rules, llm: null, llmStatus: 'unavailable', llmNote: NO_MODEL_NOTE };
  const running = ctx.isRunning({ kind: 'round', sessionId: input.record.sessionId });
  return { rules, llm: null, llmStatus: running ? 'running' : 'pending', llmNote: null };
}

export function sessionFeedbackView(input: FeedbackInput, ctx: ViewContext): SessionFeedbackView {
  const asked = askedQuestions(input.state);
  const rulesList = asked.map((i) => rulesOf(input, i));
  const questions = asked.map((i, k) => questionView(input, i, rulesList[k]!, ctx));
  const round = roundView(input, questions, rulesForRound(rulesList), ctx);
  const statuses = [...questions.map((q) => q.llmStatus), round.llmStatus];
  const working = statuses.some((s) => s === 'pending' || s === 'running');
  const anyModel = statuses.some((s) => s === 'done' || s === 'failed') || working;
  const judged = statuses.filter((s) => s === 'done' || s === 'failed').length;
  const p = ctx.progress;
  const generation: SessionFeedbackView['generation'] = !anyModel
    ? { state: 'rules_only', done: 0, total: 0 }
    : working
      ? {
          state: 'working',
          done: p ? Math.min(p.done, p.total) : 0,
          total: p?.total ?? statuses.filter((s) => s === 'pending' || s === 'running').length,
        }
      : { state: statuses.some((s) => s === 'done') ? 'done' : 'failed', done: judged, total: judged };
  return {
    sessionId: input.record.sessionId,
    roundKind: input.record.roundKind as RoundKind,
    questions,
    round,
    generation,
  };
}

/** The judgements a session still needs (questions first: the round summary is written from them). */
export function missingJudgements(
  input: FeedbackInput,
  ctx: Omit<ViewContext, 'isRunning' | 'progress'>,
): FeedbackJob[] {
  if (!ctx.hasModel) return [];
  const view = sessionFeedbackView(input, { ...ctx, isRunning: () => false, progress: null });
  const sessionId = input.record.sessionId;
  const asked = askedQuestions(input.state);
  const jobs: FeedbackJob[] = view.questions.flatMap((q, k) =>
    q.llmStatus === 'pending' ? [{ kind: 'question' as const, sessionId, questionIndex: asked[k]! }] : [],
  );
  if (jobs.length === 0 && view.round.llmStatus === 'pending') jobs.push({ kind: 'round', sessionId });
  return jobs;
}
