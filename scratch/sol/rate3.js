class RateLimiter {
  /** new RateLimiter(limit, windowSeconds), or new RateLimiter([[limit, windowSeconds], ...]). */
  constructor(limitOrRules, windowSeconds) {
    const rules = Array.isArray(limitOrRules) ? limitOrRules : [[limitOrRules, windowSeconds]];
    this.rules = rules.map(([limit, window]) => ({ limit, window }));
    this.logs = new Map(); // key -> one { entries: [time, cost][], head, used } per rule
  }

  windows(key, t) {
    let logs = this.logs.get(key);
    if (!logs) {
      logs = this.rules.map(() => ({ entries: [], head: 0, used: 0 }));
      this.logs.set(key, logs);
    }
    logs.forEach((log, i) => {
      const { window } = this.rules[i];
      while (log.head < log.entries.length && log.entries[log.head][0] <= t - window) {
        log.used -= log.entries[log.head][1];
        log.head++;
      }
      // Let the array shrink now and then instead of growing forever.
      if (log.head > 1024 && log.head * 2 > log.entries.length) {
        log.entries = log.entries.slice(log.head);
        log.head = 0;
      }
    });
    return logs;
  }

  allow(key, t, cost = 1) {
    const logs = this.windows(key, t);
    if (!logs.every((log, i) => log.used + cost <= this.rules[i].limit)) return false;
    for (const log of logs) {
      log.entries.push([t, cost]);
      log.used += cost;
    }
    return true;
  }

  remaining(key, t) {
    const logs = this.windows(key, t);
    return Math.min(...logs.map((log, i) => this.rules[i].limit - log.used));
  }
}
