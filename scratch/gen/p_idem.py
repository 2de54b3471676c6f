CANON_JS = '''
/** JSON with sorted keys, so { a, b } and { b, a } are the same parameters. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
'''
P1_JS = CANON_JS + '''
class IdempotencyStore {
  constructor() {
    this.keys = new Map(); // key -> { params, response? }
  }

  start(key, params) {
    const entry = this.keys.get(key);
    if (!entry) {
      this.keys.set(key, { params: canonical(params) });
      return 'proceed';
    }
    if (entry.params !== canonical(params)) return 'mismatch';
    return 'response' in entry ? entry.response : 'in_progress';
  }

  finish(key, response) {
    const entry = this.keys.get(key);
    if (!entry) return 'unknown_key';
    entry.response = response;
    return null;
  }
}
'''
P1_PY = '''
class IdempotencyStore:
    def __init__(self):
        self.keys = {}  # key -> {"params": ..., "response": ... once finished}

    def start(self, key, params):
        entry = self.keys.get(key)
        if entry is None:
            self.keys[key] = {"params": params}
            return "proceed"
        if entry["params"] != params:  # dicts compare by content, whatever the key order
            return "mismatch"
        return entry["response"] if "response" in entry else "in_progress"

    def finish(self, key, response):
        entry = self.keys.get(key)
        if entry is None:
            return "unknown_key"
        entry["response"] = response
        return None
'''
P2_JS = CANON_JS + '''
class IdempotencyStore {
  constructor() {
    this.keys = new Map(); // key -> { params, response? }
  }

  start(key, params) {
    const entry = this.keys.get(key);
    if (!entry) {
      this.keys.set(key, { params: canonical(params) });
      return 'proceed';
    }
    if (entry.params !== canonical(params)) return 'mismatch';
    return 'response' in entry ? entry.response : 'in_progress';
  }

  finish(key, response) {
    const entry = this.keys.get(key);
    if (!entry) return 'unknown_key';
    if ('response' in entry) return 'already_finished';
    entry.response = response;
    return null;
  }

  /** The request failed before it did anything: forget the key so a retry can run. */
  fail(key) {
    const entry = this.keys.get(key);
    if (!entry) return 'unknown_key';
    if ('response' in entry) return 'already_finished';
    this.keys.delete(key);
    return null;
  }
}
'''
P2_PY = '''
class IdempotencyStore:
    def __init__(self):
        self.keys = {}  # key -> {"params": ..., "response": ... once finished}

    def start(self, key, params):
        entry = self.keys.get(key)
        if entry is None:
            self.keys[key] = {"params": params}
            return "proceed"
        if entry["params"] != params:
            return "mismatch"
        return entry["response"] if "response" in entry else "in_progress"

    def finish(self, key, response):
        entry = self.keys.get(key)
        if entry is None:
            return "unknown_key"
        if "response" in entry:
            return "already_finished"
        entry["response"] = response
        return None

    def fail(self, key):
        """The request failed before it did anything: forget the key so a retry can run."""
        entry = self.keys.get(key)
        if entry is None:
            return "unknown_key"
        if "response" in entry:
            return "already_finished"
        del self.keys[key]
        return None
'''
P3_JS = CANON_JS + '''
class IdempotencyStore {
  constructor(ttlSeconds = Infinity, lockSeconds = Infinity) {
    this.ttl = ttlSeconds;
    this.lock = lockSeconds;
    this.keys = new Map(); // key -> { params, startedAt, response?, finishedAt? }
  }

  /** The key's entry if it is still alive at `now`; expired entries are dropped on the way. */
  live(key, now) {
    const entry = this.keys.get(key);
    if (!entry) return undefined;
    const expired = 'response' in entry ? now - entry.finishedAt >= this.ttl : now - entry.startedAt >= this.lock;
    if (expired) {
      this.keys.delete(key);
      return undefined;
    }
    return entry;
  }

  start(key, params, now) {
    const entry = this.live(key, now);
    if (!entry) {
      this.keys.set(key, { params: canonical(params), startedAt: now });
      return 'proceed';
    }
    if (entry.params !== canonical(params)) return 'mismatch';
    return 'response' in entry ? entry.response : 'in_progress';
  }

  finish(key, response, now) {
    const entry = this.live(key, now);
    if (!entry) return 'unknown_key';
    if ('response' in entry) return 'already_finished';
    entry.response = response;
    entry.finishedAt = now;
    return null;
  }

  fail(key, now) {
    const entry = this.live(key, now);
    if (!entry) return 'unknown_key';
    if ('response' in entry) return 'already_finished';
    this.keys.delete(key);
    return null;
  }

  size(now) {
    for (const key of [...this.keys.keys()]) this.live(key, now);
    return this.keys.size;
  }
}
'''
P3_PY = '''
import math


class IdempotencyStore:
    def __init__(self, ttlSeconds=math.inf, lockSeconds=math.inf):
        self.ttl = ttlSeconds
        self.lock = lockSeconds
        self.keys = {}  # key -> {"params", "started_at", "response"?, "finished_at"?}

    def live(self, key, now):
        """The key's entry if it is still alive at now; expired entries are dropped on the way."""
        entry = self.keys.get(key)
        if entry is None:
            return None
        if "response" in entry:
            expired = now - entry["finished_at"] >= self.ttl
        else:
            expired = now - entry["started_at"] >= self.lock
        if expired:
            del self.keys[key]
            return None
        return entry

    def start(self, key, params, now):
        entry = self.live(key, now)
        if entry is None:
            self.keys[key] = {"params": params, "started_at": now}
            return "proceed"
        if entry["params"] != params:
            return "mismatch"
        return entry["response"] if "response" in entry else "in_progress"

    def finish(self, key, response, now):
        entry = self.live(key, now)
        if entry is None:
            return "unknown_key"
        if "response" in entry:
            return "already_finished"
        entry["response"] = response
        entry["finished_at"] = now
        return None

    def fail(self, key, now):
        entry = self.live(key, now)
        if entry is None:
            return "unknown_key"
        if "response" in entry:
            return "already_finished"
        del self.keys[key]
        return None

    def size(self, now):
        for key in list(self.keys):
            self.live(key, now)
        return len(self.keys)
'''
IDEM = {
  "id": "stripe-be-ex-idempotency-store",
  "prompt": "Our API lets clients send an idempotency key with any request that changes something, so a retry after a timeout never does the work twice. Build the store behind it: a class, IdempotencyStore, that the request handler asks before doing any work and tells when the work is done.",
  "difficulty": "hard",
  "topics": ["API design", "Idempotency", "Concurrency", "Hash maps"],
  "answerMinutes": 45,
  "rubric": [
    ["states", "Models a key's life as states (new, in progress, finished) and answers each start by state, replaying the saved response for a finished key.", "Explicit states are what make retries safe; a boolean 'seen' cannot tell an in-flight request from a finished one.", ["state", "in progress", "finished", "replay", "saved response", "lifecycle"]],
    ["params-check", "Compares parameters by content (key order ignored) and refuses a reused key with different parameters.", "Replaying a different request's response hides client bugs and can confirm money movements nobody asked for.", ["compare parameters", "canonical", "sorted keys", "fingerprint", "hash", "mismatch", "deep equal"]],
    ["failure", "Releases a key when the work failed before doing anything, but never forgets a finished response (declines included).", "A retry after a 500 must be able to run; a retry after a decline must get the same decline.", ["release", "retry", "500", "decline", "forget", "failed before", "already finished"]],
    ["expiry", "Expires finished keys after a time to live and in-progress keys after a lock timeout, with exact boundaries, and bounds memory.", "Keys kept forever are unbounded storage; a lock that never expires turns one crashed worker into a stuck key.", ["ttl", "expire", "lock timeout", "crashed worker", "boundary", "memory", "cleanup", "lazy"]],
    ["production", "Explains that in a real service the claim must be atomic across servers (unique constraint, compare-and-set) and stored with the result.", "The dangerous duplicates arrive at the same moment on different machines.", ["atomic", "unique constraint", "compare and set", "transaction", "race", "lock", "redis", "database"]],
  ],
  "followUps": [
    ["Two servers call start for the same key in the same millisecond. What has to be true of the storage for your logic to stay correct?", "production"],
    ["Why is a card decline saved under the key but a timeout to the card network released?", "failure"],
    ["How do you decide that two requests have the same parameters, and what are the traps?", "params-check"],
  ],
  "outline": [
    "Clarify the return values of each method and what counts as the same parameters.",
    "Part 1: a map from key to { params, response? }; start answers proceed, in_progress, mismatch or the response.",
    "Part 2: fail releases an in-progress key; finishing twice or failing a finished key is reported.",
    "Part 3: timestamps on entries; expire lazily on access; size sweeps.",
    "Discuss atomic claims across servers, storing the response with the charge, and cleanup jobs.",
  ],
  "pitfalls": [
    "Comparing parameter objects with === or by JSON text with unsorted keys.",
    "Forgetting a finished response on failure, so a retried decline becomes a new charge.",
    "Never expiring in-progress keys, so a crashed worker blocks the key forever.",
  ],
  "exercise": {
    "className": "IdempotencyStore",
    "starter": {
      "javascript": "class IdempotencyStore {\n  constructor() {}\n\n  // 'proceed' | 'in_progress' | 'mismatch' | the saved response\n  start(key, params) {}\n\n  // null, or 'unknown_key'\n  finish(key, response) {}\n}\n",
      "typescript": "type StartResult = 'proceed' | 'in_progress' | 'mismatch' | unknown;\n\nclass IdempotencyStore {\n  start(key: string, params: Record<string, unknown>): StartResult {\n    return 'proceed';\n  }\n\n  finish(key: string, response: unknown): null | 'unknown_key' {\n    return null;\n  }\n}\n",
      "python": "class IdempotencyStore:\n    def __init__(self):\n        pass\n\n    def start(self, key, params):\n        # 'proceed' | 'in_progress' | 'mismatch' | the saved response\n        pass\n\n    def finish(self, key, response):\n        # None, or 'unknown_key'\n        pass\n",
    },
    "docs": """
      How the request handler uses the store:
        result = store.start(key, params)
        'proceed'      -> do the work, then store.finish(key, response)
        'in_progress'  -> answer 409 Conflict: the first request is still running
        'mismatch'     -> answer 400: the key was used with different parameters
        anything else  -> that is the saved response: send it again

      Tests are sequences of calls on one object, e.g.
        [["new"], ["start", "k1", {"amount": 100}], ["finish", "k1", {"id": "ch_1"}]]
      with one expected value per step (null for "new" and for methods that return nothing).
      Python solutions may name methods in snake_case.
    """,
    "parts": [
      {
        "title": "Remember responses",
        "statement": "start(key, params) returns 'proceed' for a key never seen (and remembers it as in progress with these params); 'in_progress' when the key was started with the same params and not finished; the saved response when it was finished with the same params; and 'mismatch' whenever the params differ. Params are JSON objects and are the same when their contents are, whatever the order of their keys. finish(key, response) saves the response and returns null, or 'unknown_key' for a key that was never started.",
        "tests": [
          {"name": "replay after finish", "methods": [["new"], ["start", "k1", {"amount": 100}], ["finish", "k1", {"id": "ch_1"}], ["start", "k1", {"amount": 100}]], "expected": [None, "proceed", None, {"id": "ch_1"}]},
          {"name": "in progress, then different params", "methods": [["new"], ["start", "k1", {"amount": 100}], ["start", "k1", {"amount": 100}], ["start", "k1", {"amount": 200}]], "expected": [None, "proceed", "in_progress", "mismatch"]},
        ],
        "hidden": [
          {"name": "key order does not matter", "methods": [["new"], ["start", "k", {"a": 1, "b": 2}], ["finish", "k", {"id": 7}], ["start", "k", {"b": 2, "a": 1}]], "expected": [None, "proceed", None, {"id": 7}]},
          {"name": "finish an unknown key", "methods": [["new"], ["finish", "nope", {"id": "x"}]], "expected": [None, "unknown_key"]},
          {"name": "keys are independent", "methods": [["new"], ["start", "a", {}], ["start", "b", {}], ["finish", "b", {"id": 2}], ["start", "a", {}], ["start", "b", {}]], "expected": [None, "proceed", "proceed", None, "in_progress", {"id": 2}]},
          {"name": "finished key, other params", "methods": [["new"], ["start", "k", {"x": 1}], ["finish", "k", {"id": 1}], ["start", "k", {"x": 2}]], "expected": [None, "proceed", None, "mismatch"]},
        ],
        "discuss": "What does the handler answer the client for each result of start, and which HTTP status codes would you use?",
        "reference": {"javascript": P1_JS, "python": P1_PY},
      },
      {
        "title": "Failures",
        "statement": "Some requests fail before they do anything (a timeout to the card network, a 500). Add fail(key): it forgets an in-progress key so the client's retry proceeds, even with other params, and returns null. A finished response is never forgotten or replaced: fail and a second finish on a finished key return 'already_finished'. fail on a key never started returns 'unknown_key'. A card decline is a finished request: it is saved with finish like any response.",
        "tests": [
          {"name": "retry after a failure", "methods": [["new"], ["start", "k", {"a": 1}], ["fail", "k"], ["start", "k", {"a": 2}]], "expected": [None, "proceed", None, "proceed"]},
          {"name": "a finished key cannot fail", "methods": [["new"], ["start", "k", {}], ["finish", "k", {"id": 1}], ["fail", "k"]], "expected": [None, "proceed", None, "already_finished"]},
        ],
        "hidden": [
          {"name": "fail an unknown key", "methods": [["new"], ["fail", "x"]], "expected": [None, "unknown_key"]},
          {"name": "second finish is refused", "methods": [["new"], ["start", "k", {}], ["finish", "k", {"id": 1}], ["finish", "k", {"id": 2}], ["start", "k", {}]], "expected": [None, "proceed", None, "already_finished", {"id": 1}]},
          {"name": "declines replay", "methods": [["new"], ["start", "k", {"a": 1}], ["finish", "k", {"error": "card_declined"}], ["start", "k", {"a": 1}]], "expected": [None, "proceed", None, {"error": "card_declined"}]},
        ],
        "discuss": "Is it always safe to release a key after a timeout? What if the card network did charge the card?",
        "reference": {"javascript": P2_JS, "python": P2_PY},
      },
      {
        "title": "Expiry and stuck requests",
        "statement": "Keys cannot live forever, and a worker can crash mid-request. The constructor now takes (ttlSeconds, lockSeconds), and every method takes the current time in seconds as its last argument: start(key, params, now), finish(key, response, now), fail(key, now). A finished key is forgotten once now - (the time it finished) reaches ttlSeconds; an in-progress key is released once now - (the time it started) reaches lockSeconds. A forgotten key behaves as if it had never been used. Add size(now): how many keys are remembered at that time.",
        "regression": False,
        "tests": [
          {"name": "a finished key expires", "methods": [["new", 100, 10], ["start", "k", {"a": 1}, 0], ["finish", "k", {"id": 1}, 5], ["start", "k", {"a": 1}, 104], ["start", "k", {"a": 1}, 105]], "expected": [None, "proceed", None, {"id": 1}, "proceed"]},
          {"name": "a stuck request is released", "methods": [["new", 100, 10], ["start", "k", {}, 0], ["start", "k", {}, 9], ["start", "k", {"b": 1}, 10]], "expected": [None, "proceed", "in_progress", "proceed"]},
        ],
        "hidden": [
          {"name": "an expired key starts a new life", "methods": [["new", 100, 10], ["start", "k", {}, 0], ["finish", "k", {"id": 1}, 1], ["start", "k", {"x": 1}, 101], ["finish", "k", {"id": 2}, 102], ["start", "k", {"x": 1}, 103]], "expected": [None, "proceed", None, "proceed", None, {"id": 2}]},
          {"name": "mismatch while locked", "methods": [["new", 100, 10], ["start", "k", {"a": 1}, 0], ["start", "k", {"a": 2}, 5]], "expected": [None, "proceed", "mismatch"]},
          {"name": "size over time", "methods": [["new", 100, 10], ["start", "a", {}, 0], ["start", "b", {}, 0], ["finish", "a", {}, 1], ["size", 5], ["size", 11], ["size", 101]], "expected": [None, "proceed", "proceed", None, 2, 1, 0]},
        ],
        "discuss": "Your expiry is checked when a key is touched. What happens to memory if most keys are never touched again, and what would you run in production?",
        "reference": {"javascript": P3_JS, "python": P3_PY},
      },
    ],
    "complexity": ["O(size of params) per call; size(now) is O(keys)", "O(keys alive)"],
  },
}
