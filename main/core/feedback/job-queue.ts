/**
 * The background queue of model judgements: one job at a time, each job once (queued or
 * running), progress per session as events. A job that is interrupted (the interviewer needs
 * the model) goes back in the queue and runs again later.
 */
import type { EventBus } from '../events.js';

export type FeedbackJob =
  { kind: 'question'; sessionId: string; questionIndex: number } | { kind: 'round'; sessionId: string };

export const jobKey = (job: FeedbackJob) =>
  job.kind === 'question' ? `${job.sessionId}:q${job.questionIndex}` : `${job.sessionId}:round`;

/** What running a job came to: done (judged, failed, or nothing to do) or interrupted (run it again later). */
export type JobResult = 'done' | 'failed' | 'interrupted';

export interface JobQueue {
  enqueue(job: FeedbackJob): void;
  isQueued(job: FeedbackJob): boolean;
  isRunning(job: FeedbackJob): boolean;
  progressOf(sessionId: string): { done: number; total: number } | null;
  /** Interrupts the running job (it is queued again) unless `keep` says to leave it. */
  interrupt(keep?: (job: FeedbackJob) => boolean): void;
  idle(): Promise<void>;
  close(): void;
}

export function createJobQueue(options: {
  run: (job: FeedbackJob, signal: AbortSignal) => Promise<JobResult>;
  events: EventBus;
  log: (message: string, error?: unknown) => void;
}): JobQueue {
  const queue: FeedbackJob[] = [];
  let running: { job: FeedbackJob; controller: AbortController } | null = null;
  let pumping: Promise<void> | null = null;
  let closed = false;
  const progress = new Map<string, { done: number; total: number }>();

  const emitProgress = (sessionId: string) => {
    const p = progress.get(sessionId);
    if (p) options.events.emit('feedback:progress', { sessionId, done: p.done, total: p.total });
  };

  const isQueued = (job: FeedbackJob) => {
    const key = jobKey(job);
    return queue.some((j) => jobKey(j) === key) || (running !== null && jobKey(running.job) === key);
  };

  async function runOne(job: FeedbackJob): Promise<void> {
    const controller = new AbortController();
    running = { job, controller };
    let result: JobResult;
    try {
      result = await options.run(job, controller.signal);
    } catch (error) {
      options.log(`feedback job ${jobKey(job)} failed`, error);
      result = 'failed';
    } finally {
      running = null;
    }
    if (result === 'interrupted') {
      if (!closed) queue.push(job);
      return;
    }
    const p = progress.get(job.sessionId);
    if (p) p.done++;
    emitProgress(job.sessionId);
    if (!queue.some((j) => j.sessionId === job.sessionId))
      options.events.emit('feedback:ready', { sessionId: job.sessionId });
  }

  function pump(): void {
    if (pumping || closed) return;
    pumping = (async () => {
      // Let the caller (the interview's answer) finish first.
      await new Promise((resolve) => setImmediate(resolve));
      while (queue.length > 0 && !closed) await runOne(queue.shift()!);
    })().finally(() => {
      pumping = null;
      if (queue.length > 0 && !closed) pump();
    });
  }

  return {
    enqueue(job) {
      if (closed || isQueued(job)) return;
      const p = progress.get(job.sessionId);
      // A new batch after everything earlier finished counts from zero again.
      if (!p || p.done >= p.total) progress.set(job.sessionId, { done: 0, total: 1 });
      else p.total++;
      queue.push(job);
      emitProgress(job.sessionId);
      pump();
    },
    isQueued,
    isRunning: (job) => running !== null && jobKey(running.job) === jobKey(job),
    progressOf: (sessionId) => progress.get(sessionId) ?? null,
    interrupt(keep) {
      if (running && !keep?.(running.job)) running.controller.abort();
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
