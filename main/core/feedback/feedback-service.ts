/**
 * The feedback service wires the parts together: rule-based feedback is computed on demand from
 * the stored session (cheap and deterministic) and stored per question as answers and transcript
 * segments land; the model's judgement runs in the background queue, one job at a time, after
 * each answer and when the round ends. Nothing here makes the interview wait: answering only
 * queues a job, and a running job gives the model back when the next answer comes in.
 */
import type { Services } from '../../contract/index.js';
import { boardAtTurn } from '../board/repository.js';
import { describeSceneText } from '../board/service.js';
import type { ContentService } from '../content/service.js';
import type { EventBus } from '../events.js';
import type { EngineState } from '../interview/engine.js';
import type { InterviewRepository } from '../interview/repository.js';
import type { LlmJsonGenerator } from '../llm/types.js';
import type { Db } from '../storage/database.js';
import { Sequencer } from '../util/sequencer.js';
import type { CodeEvidence } from './code-notes.js';
import { createFeedbackStore, type FeedbackStore } from './feedback-store.js';
import { missingJudgements, sessionFeedbackView } from './feedback-view.js';
import { createJobQueue, jobKey, type FeedbackJob } from './job-queue.js';
import { runJudgement, storedQuestionJudgements, storedRoundSummary } from './judging.js';
import { DEFAULT_JUDGE_OPTIONS, type JudgeOptions } from './llm-judge.js';
import { saveRulesRow } from './rules-rows.js';
import { loadFeedbackInput, type FeedbackInput } from './session-input.js';

export { NO_MODEL_NOTE } from './feedback-view.js';

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
  /** A coding question's final code and test results, for the model's notes on the code. */
  finalCode?: (sessionId: string, state: EngineState, questionId: string) => CodeEvidence | null;
}

export type FeedbackService = Services['feedback'] & {
  /** Called by the interview service after each recorded answer: stores rule feedback, queues the model's. */
  onAnswer(sessionId: string, turnSeq: number): void;
  /** Resolves once no background job is queued or running (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops the running job and drops the queue. */
  close(): void;
};

export function createFeedbackService(options: FeedbackServiceOptions): FeedbackService {
  const log = options.log ?? ((message, error) => console.error(`[feedback] ${message}`, error ?? ''));
  const now = options.now ?? Date.now;
  const judge: JudgeOptions = { ...DEFAULT_JUDGE_OPTIONS, ...options.judge };
  const generator = () => options.llm?.() ?? null;
  let store: FeedbackStore | undefined;
  const feedbackStore = () => (store ??= createFeedbackStore(options.db()));
  /** The board at a turn, described for the checklist (sessions without a board have none). */
  const boardAt = (sessionId: string, seq: number) => {
    const at = boardAtTurn(options.db(), sessionId, seq);
    return at ? { description: describeSceneText(at.scene), notes: at.notes } : null;
  };
  const load = (sessionId: string) =>
    loadFeedbackInput(options.repository(), options.content, feedbackStore(), sessionId, boardAt, options.finalCode);
  const loadIfThere = (sessionId: string): FeedbackInput | null => {
    try {
      return load(sessionId);
    } catch {
      return null;
    }
  };

  const jobs = createJobQueue({
    events: options.events,
    log,
    run: async (job, signal) => {
      const llm = generator();
      if (!llm) return 'done';
      return runJudgement(
        {
          llm,
          store: feedbackStore(),
          events: options.events,
          load: loadIfThere,
          phaseOf: (sessionId) => options.repository().load(sessionId)?.state.phase ?? null,
          judge,
          maxWaitForInterviewerMs: options.maxWaitForInterviewerMs ?? 120_000,
          now,
          log,
          enqueue: (next) => jobs.enqueue(next),
        },
        job,
        signal,
      );
    },
  });

  const judgementsOf = (sessionId: string) => ({
    judgements: storedQuestionJudgements(feedbackStore(), sessionId),
    roundSummary: storedRoundSummary(feedbackStore(), sessionId),
  });

  /** Stores the rule feedback of every asked question that changed, and queues what the model has not judged. */
  function request(sessionId: string): void {
    const input = load(sessionId);
    input.state.questions.forEach((_, index) => {
      if (input.state.turns.some((t) => t.questionIndex === index)) saveRulesRow(feedbackStore(), input, index, now());
    });
    const missing = missingJudgements(input, { hasModel: generator() !== null, ...judgementsOf(sessionId) });
    for (const job of missing) jobs.enqueue(job);
  }

  /** Rule rows are written after the call that caused them returns, one write at a time. */
  const writes = new Sequencer();
  const later = (work: () => void) =>
    void writes
      .run(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => {
        try {
          work();
        } catch (error) {
          log('could not store rule-based feedback', error);
        }
      });

  // A segment transcribed after its answer was submitted changes that question's rule feedback.
  const pendingSegments = new Set<string>();
  const unsubscribe = options.events.subscribe((event) => {
    if (event.name !== 'transcript:segment') return;
    const { sessionId, mode } = event.payload as { sessionId: string; mode: string };
    if (mode !== 'answer' || pendingSegments.has(sessionId)) return;
    pendingSegments.add(sessionId);
    later(() => {
      pendingSegments.delete(sessionId);
      const input = loadIfThere(sessionId);
      if (!input) return;
      input.state.questions.forEach((_, index) => {
        if (input.state.turns.some((t) => t.questionIndex === index && t.status === 'answered'))
          saveRulesRow(feedbackStore(), input, index, now());
      });
    });
  });

  return {
    forSession: ({ sessionId }) =>
      sessionFeedbackView(load(sessionId), {
        hasModel: generator() !== null,
        ...judgementsOf(sessionId),
        isRunning: (job: FeedbackJob) => jobs.isRunning(job),
        progress: jobs.progressOf(sessionId),
      }),

    request: ({ sessionId }) => {
      request(sessionId);
      return { queued: jobs.progressOf(sessionId)?.total ?? 0 };
    },

    onAnswer(sessionId, turnSeq) {
      try {
        // The interviewer is about to decide: a running judgement gives the model back and
        // runs again later, so the interview never waits for feedback.
        jobs.interrupt((job) => jobKey(job) === `${sessionId}:round`);
        const record = options.repository().load(sessionId);
        const turn = record?.state.turns.find((t) => t.seq === turnSeq);
        if (!record || !turn) return;
        // Stored right after this call returns, so History has it even if the summary is never opened.
        later(() => saveRulesRow(feedbackStore(), load(sessionId), turn.questionIndex, now()));
        if (generator()) jobs.enqueue({ kind: 'question', sessionId, questionIndex: turn.questionIndex });
      } catch (error) {
        log(`could not queue feedback for session ${sessionId}`, error);
      }
    },

    async idle() {
      await writes.idle();
      await jobs.idle();
      await writes.idle();
    },

    close() {
      unsubscribe();
      jobs.close();
    },
  };
}
