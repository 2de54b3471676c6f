/**
 * "One at a time": work handed to a Sequencer runs after everything handed to it earlier has
 * settled, whether that succeeded or failed. Native handles (a llama context, a whisper context)
 * and per-session state machines are not safe to enter twice at once; this is the one place that
 * order is kept.
 */
export class Sequencer {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  /** Runs `fn` after every earlier task; its result (or error) goes to this caller only. */
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(fn, fn);
    this.tail = result.then(
      () => this.settle(),
      () => this.settle(),
    );
    return result;
  }

  /** Tasks handed over and not yet settled. */
  get size(): number {
    return this.pending;
  }

  /** Resolves once everything handed over so far has settled (never rejects). */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  private settle(): void {
    this.pending -= 1;
  }
}

/** One Sequencer per key (a session id, a file); a key's queue is dropped once it is empty. */
export class SequencerByKey<K> {
  private readonly queues = new Map<K, Sequencer>();

  run<T>(key: K, fn: () => Promise<T> | T): Promise<T> {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new Sequencer();
      this.queues.set(key, queue);
    }
    const owner = queue;
    const result = owner.run(fn);
    void owner.idle().then(() => {
      if (owner.size === 0 && this.queues.get(key) === owner) this.queues.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get activeKeys(): number {
    return this.queues.size;
  }

  idle(key: K): Promise<void> {
    return this.queues.get(key)?.idle() ?? Promise.resolve();
  }
}
