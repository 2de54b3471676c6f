import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../../main/contract/events.js';
import { EventBus } from '../../../../main/core/events.js';
import { createJobQueue, type FeedbackJob, type JobResult } from '../../../../main/core/feedback/job-queue.js';

function recordingBus() {
  const events = new EventBus();
  const seen: EventEnvelope[] = [];
  events.subscribe((e) => seen.push(e));
  return { events, seen };
}

describe('feedback job queue', () => {
  it('runs each job once, one at a time, and reports progress and readiness per session', async () => {
    const { events, seen } = recordingBus();
    const ran: string[] = [];
    let active = 0;
    const queue = createJobQueue({
      events,
      log: () => undefined,
      run: async (job) => {
        active++;
        expect(active).toBe(1);
        ran.push(job.kind === 'question' ? `q${job.questionIndex}` : 'round');
        await new Promise((resolve) => setTimeout(resolve, 2));
        active--;
        return 'done';
      },
    });
    const q0: FeedbackJob = { kind: 'question', sessionId: 's', questionIndex: 0 };
    queue.enqueue(q0);
    queue.enqueue(q0); // the same job again: already queued
    queue.enqueue({ kind: 'question', sessionId: 's', questionIndex: 1 });
    queue.enqueue({ kind: 'round', sessionId: 's' });
    await queue.idle();
    expect(ran).toEqual(['q0', 'q1', 'round']);
    expect(seen.filter((e) => e.name === 'feedback:progress').map((e) => e.payload)).toContainEqual({
      sessionId: 's',
      done: 3,
      total: 3,
    });
    expect(seen.filter((e) => e.name === 'feedback:ready')).toHaveLength(1);
  });

  it('puts an interrupted job back and runs it again later', async () => {
    const { events } = recordingBus();
    const results: JobResult[] = ['interrupted', 'done'];
    let runs = 0;
    const queue = createJobQueue({
      events,
      log: () => undefined,
      run: async () => {
        runs++;
        return results.shift() ?? 'done';
      },
    });
    queue.enqueue({ kind: 'round', sessionId: 's' });
    await queue.idle();
    expect(runs).toBe(2);
    expect(queue.progressOf('s')).toEqual({ done: 1, total: 1 });
  });
});
