/**
 * One repeating check per session (the workspaces' "quiet for a while" triggers). The timers are
 * unref'd: a check never keeps the app or a test process alive.
 */
export class SessionTimers {
  private readonly timers = new Map<string, ReturnType<typeof setInterval>>();

  /** every ≤ 0 turns the checks off. */
  constructor(
    private readonly every: number,
    private readonly tick: (sessionId: string) => void,
  ) {}

  /** Starts the session's check unless it already runs. */
  start(sessionId: string): void {
    if (this.every <= 0 || this.timers.has(sessionId)) return;
    const timer = setInterval(() => this.tick(sessionId), this.every);
    timer.unref?.();
    this.timers.set(sessionId, timer);
  }

  stop(sessionId: string): void {
    clearInterval(this.timers.get(sessionId));
    this.timers.delete(sessionId);
  }

  stopAll(): void {
    for (const id of [...this.timers.keys()]) this.stop(id);
  }
}
