P1_JS = '''
class RateLimiter {
  constructor(limit, windowSeconds) {
    this.limit = limit;
    this.window = windowSeconds;
    this.logs = new Map(); // key -> { times: allowed request times, head: first one still in the window }
  }

  allow(key, t) {
    let log = this.logs.get(key);
    if (!log) {
      log = { times: [], head: 0 };
      this.logs.set(key, log);
    }
    // The window is (t - windowSeconds, t]: drop what fell out of it. Times never go backwards.
    while (log.head < log.times.length && log.times[log.head] <= t - this.window) log.head++;
    if (log.times.length - log.head >= this.limit) return false;
    log.times.push(t);
    return true;
  }
}
'''
P1_PY = '''
from collections import deque


class RateLimiter:
    def __init__(self, limit, windowSeconds):
        self.limit = limit
        self.window = windowSeconds
        self.logs = {}  # key -> deque of allowed request times

    def allow(self, key, t):
        log = self.logs.setdefault(key, deque())
        # The window is (t - windowSeconds, t]: drop what fell out of it. Times never go backwards.
        while log and log[0] <= t - self.window:
            log.popleft()
        if len(log) >= self.limit:
            return False
        log.append(t)
        return True
'''
P2_JS = '''
class RateLimiter {
  /** new RateLimiter(limit, windowSeconds), or new RateLimiter([[limit, windowSeconds], ...]). */
  constructor(limitOrRules, windowSeconds) {
    const rules = Array.isArray(limitOrRules) ? limitOrRules : [[limitOrRules, windowSeconds]];
    this.rules = rules.map(([limit, window]) => ({ limit, window }));
    this.logs = new Map(); // key -> one { times, head } per rule
  }

  windows(key, t) {
    let logs = this.logs.get(key);
    if (!logs) {
      logs = this.rules.map(() => ({ times: [], head: 0 }));
      this.logs.set(key, logs);
    }
    logs.forEach((log, i) => {
      const { window } = this.rules[i];
      while (log.head < log.times.length && log.times[log.head] <= t - window) log.head++;
    });
    return logs;
  }

  allow(key, t) {
    const logs = this.windows(key, t);
    const fits = logs.every((log, i) => log.times.length - log.head < this.rules[i].limit);
    if (!fits) return false;
    for (const log of logs) log.times.push(t);
    return true;
  }
}
'''
P2_PY = '''
from collections import deque


class RateLimiter:
    """RateLimiter(limit, windowSeconds), or RateLimiter([[limit, windowSeconds], ...])."""

    def __init__(self, limit_or_rules, windowSeconds=None):
        if isinstance(limit_or_rules, list):
            self.rules = [(limit, window) for limit, window in limit_or_rules]
        else:
            self.rules = [(limit_or_rules, windowSeconds)]
        self.logs = {}  # key -> one deque of allowed times per rule

    def windows(self, key, t):
        logs = self.logs.setdefault(key, [deque() for _ in self.rules])
        for log, (_, window) in zip(logs, self.rules):
            while log and log[0] <= t - window:
                log.popleft()
        return logs

    def allow(self, key, t):
        logs = self.windows(key, t)
        if any(len(log) >= limit for log, (limit, _) in zip(logs, self.rules)):
            return False
        for log in logs:
            log.append(t)
        return True
'''
P3_JS = '''
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
'''
P3_PY = '''
from collections import deque


class RateLimiter:
    """RateLimiter(limit, windowSeconds), or RateLimiter([[limit, windowSeconds], ...])."""

    def __init__(self, limit_or_rules, windowSeconds=None):
        if isinstance(limit_or_rules, list):
            self.rules = [(limit, window) for limit, window in limit_or_rules]
        else:
            self.rules = [(limit_or_rules, windowSeconds)]
        self.logs = {}  # key -> one [deque of (time, cost), used] per rule

    def windows(self, key, t):
        logs = self.logs.setdefault(key, [[deque(), 0] for _ in self.rules])
        for log, (_, window) in zip(logs, self.rules):
            entries = log[0]
            while entries and entries[0][0] <= t - window:
                log[1] -= entries.popleft()[1]
        return logs

    def allow(self, key, t, cost=1):
        logs = self.windows(key, t)
        if any(used + cost > limit for (_, used), (limit, _) in zip(logs, self.rules)):
            return False
        for log in logs:
            log[0].append((t, cost))
            log[1] += cost
        return True

    def remaining(self, key, t):
        logs = self.windows(key, t)
        return min(limit - used for (_, used), (limit, _) in zip(logs, self.rules))
'''
RATE = {
  "id": "stripe-be-ex-rate-limiter",
  "prompt": "Every API key has a request budget, so one noisy integration cannot take the API down for everyone. Build the limiter the API gateway asks before serving each request: a class, RateLimiter, whose allow method says yes or no.",
  "difficulty": "medium",
  "topics": ["Rate limiting", "Queues", "Hash maps", "API design"],
  "answerMinutes": 40,
  "rubric": [
    ["sliding-log", "Keeps, per key, the times of allowed requests in a queue and drops those at or before t minus the window, with the boundary stated.", "The window boundary decides whether the limit is really N per window; off-by-one here lets bursts through.", ["queue", "deque", "sliding window", "log", "evict", "at or before", "boundary", "timestamps"]],
    ["rejections-free", "Does not count rejected requests against the budget.", "Counting rejections punishes a client for retrying and can lock it out forever under load.", ["rejected", "don't count", "only allowed", "retry", "lock out"]],
    ["multi-window", "Checks every window before recording, and records an allowed request in all of them.", "Recording in some windows and then rejecting leaves the windows inconsistent.", ["every window", "all rules", "check first", "then record", "per second", "per minute", "burst"]],
    ["weights", "Handles weighted requests with running sums so remaining is O(1) after eviction, and explains memory per key.", "Scanning every stored request on each call makes the limiter the bottleneck it was meant to prevent.", ["cost", "weight", "running sum", "used", "remaining", "memory", "token bucket", "o(1)"]],
    ["distributed", "Explains how this changes across many gateway servers (shared store, atomic script, approximate counters).", "In-process state only limits one server; production limiters share state or accept approximation.", ["redis", "lua", "atomic", "shared", "fixed window", "approximate", "counter", "sliding window counter"]],
  ],
  "followUps": [
    ["Your limiter runs on twenty gateway servers. What changes?", "distributed"],
    ["How much memory does a key at its limit use in your design, and how would you cut it?", "weights"],
    ["A request fits the per-second window but not the per-minute one. What does your code record, and why?", "multi-window"],
  ],
  "outline": [
    "Clarify the window boundary, whether rejected requests count, and the size of the key space.",
    "Part 1: map from key to a queue of allowed times; evict from the front, compare the count with the limit.",
    "Part 2: one queue per rule; check every rule first, then record in all.",
    "Part 3: store (time, cost) with a running sum per rule; remaining is the smallest limit minus used.",
    "Discuss token buckets, fixed and sliding window counters, and a shared store with atomic updates.",
  ],
  "pitfalls": [
    "Using < instead of <= when evicting, so the window is one second longer than asked.",
    "Counting rejected requests.",
    "Recording a request in the first window before finding that the second window rejects it.",
  ],
  "exercise": {
    "className": "RateLimiter",
    "starter": {
      "javascript": "class RateLimiter {\n  constructor(limit, windowSeconds) {}\n\n  // true when the request is allowed\n  allow(key, t) {}\n}\n",
      "typescript": "class RateLimiter {\n  constructor(limit: number, windowSeconds: number) {}\n\n  allow(key: string, t: number): boolean {\n    return true;\n  }\n}\n",
      "python": "class RateLimiter:\n    def __init__(self, limit, windowSeconds):\n        pass\n\n    def allow(self, key, t):\n        # True when the request is allowed\n        pass\n",
    },
    "docs": """
      A window of W seconds at time t covers the times in (t - W, t]: a request made exactly W
      seconds ago no longer counts. Times are whole seconds and never go backwards.

      Tests are sequences of calls on one object, e.g.
        [["new", 2, 10], ["allow", "a", 0], ["allow", "a", 1]]  ->  [null, true, true]
    """,
    "parts": [
      {
        "title": "One window",
        "statement": "new RateLimiter(limit, windowSeconds); allow(key, t) returns true when the key has had fewer than limit allowed requests in the window (t - windowSeconds, t], and then counts this one. Rejected requests do not count. Keys are independent; t never decreases.",
        "tests": [
          {"name": "limit of two", "methods": [["new", 2, 10], ["allow", "a", 0], ["allow", "a", 1], ["allow", "a", 2], ["allow", "b", 2], ["allow", "a", 10]], "expected": [None, True, True, False, True, True]},
          {"name": "window boundary", "methods": [["new", 1, 5], ["allow", "k", 0], ["allow", "k", 4], ["allow", "k", 5]], "expected": [None, True, False, True]},
        ],
        "hidden": [
          {"name": "limit zero", "methods": [["new", 0, 10], ["allow", "a", 0]], "expected": [None, False]},
          {"name": "rejections do not count", "methods": [["new", 1, 10], ["allow", "a", 0], ["allow", "a", 5], ["allow", "a", 9], ["allow", "a", 10]], "expected": [None, True, False, False, True]},
          {"name": "same second", "methods": [["new", 3, 1], ["allow", "a", 7], ["allow", "a", 7], ["allow", "a", 7], ["allow", "a", 7], ["allow", "a", 8]], "expected": [None, True, True, True, False, True]},
        ],
        "discuss": "What is the time per call and the memory per key of your solution?",
        "reference": {"javascript": P1_JS, "python": P1_PY},
      },
      {
        "title": "Several windows",
        "statement": "Real plans combine limits, for example 2 a second and 5 a minute. The constructor now also accepts a list of rules, new RateLimiter([[limit, windowSeconds], ...]), and the old form must keep working. A request is allowed only when every rule allows it, and an allowed request counts in every rule.",
        "tests": [
          {"name": "two a second, three in ten", "methods": [["new", [[2, 1], [3, 10]]], ["allow", "a", 0], ["allow", "a", 0], ["allow", "a", 0], ["allow", "a", 1], ["allow", "a", 2], ["allow", "a", 10]], "expected": [None, True, True, False, True, False, True]},
          {"name": "a single rule as a list", "methods": [["new", [[1, 5]]], ["allow", "x", 0], ["allow", "x", 5]], "expected": [None, True, True]},
        ],
        "hidden": [
          {"name": "burst and sustained limits", "methods": [["new", [[3, 60], [1, 1]]], ["allow", "a", 0], ["allow", "a", 0], ["allow", "a", 1], ["allow", "a", 2], ["allow", "a", 3], ["allow", "a", 60], ["allow", "a", 61]], "expected": [None, True, False, True, True, False, True, True]},
          {"name": "keys do not share windows", "methods": [["new", [[1, 10], [5, 100]]], ["allow", "a", 0], ["allow", "b", 0], ["allow", "a", 1]], "expected": [None, True, True, False]},
        ],
        "discuss": "Why must the check of every window come before recording in any of them?",
        "reference": {"javascript": P2_JS, "python": P2_PY},
      },
      {
        "title": "Weighted requests",
        "statement": "Some endpoints are expensive: a bulk export costs more than a read. allow(key, t, cost) takes an optional cost (1 when left out). A request is allowed when, in every rule, the cost of the requests already counted in the window plus this cost is at most the limit; an allowed request counts with its cost. Add remaining(key, t): the smallest (limit - cost counted in the window) across the rules, without counting anything.",
        "tests": [
          {"name": "costs add up", "methods": [["new", [[10, 60]]], ["allow", "a", 0, 4], ["allow", "a", 1, 7], ["remaining", "a", 1], ["allow", "a", 2, 6], ["remaining", "a", 2]], "expected": [None, True, False, 6, True, 0]},
          {"name": "remaining for a new key", "methods": [["new", 5, 10], ["remaining", "new-key", 0]], "expected": [None, 5]},
        ],
        "hidden": [
          {"name": "cost above the limit", "methods": [["new", 3, 10], ["allow", "a", 0, 4], ["remaining", "a", 0]], "expected": [None, False, 3]},
          {"name": "budget comes back as the window moves", "methods": [["new", [[5, 10], [8, 100]]], ["allow", "a", 0, 5], ["remaining", "a", 5], ["remaining", "a", 10], ["allow", "a", 10, 3], ["remaining", "a", 10]], "expected": [None, True, 0, 3, True, 0]},
        ],
        "discuss": "Compare your design with a token bucket. When would you pick each?",
        "reference": {"javascript": P3_JS, "python": P3_PY},
      },
    ],
    "complexity": ["O(1) amortised per call per rule (each request is evicted once)", "O(requests in the largest window) per key"],
  },
}
