/**
 * A compact reference of the language features the practical problems lean on, in the three
 * workspace languages. Written for this app; searchable by title, keywords and code.
 */
import type { Language } from '../../../../content/schema.js';

export interface ReferenceEntry {
  id: string;
  title: string;
  keywords: string;
  /** TypeScript entries fall back to JavaScript where the code is the same. */
  code: Partial<Record<Language, string>>;
  note?: string;
}

export const LANGUAGE_REFERENCE: ReferenceEntry[] = [
  {
    id: 'map',
    title: 'Counting and grouping with a map',
    keywords: 'hash map dictionary dict count group by default get setdefault',
    code: {
      javascript: `const counts = new Map();
for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
const byAccount = {};
(byAccount[acct] ??= []).push(tx);`,
      typescript: `const counts = new Map<string, number>();
for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);`,
      python: `counts = {}
for name in names:
    counts[name] = counts.get(name, 0) + 1
by_account = {}
by_account.setdefault(acct, []).append(tx)
# or: from collections import Counter, defaultdict`,
    },
  },
  {
    id: 'set',
    title: 'Sets: seen ids, membership',
    keywords: 'set dedupe duplicate seen membership has add in',
    code: {
      javascript: `const seen = new Set();
if (seen.has(id)) continue;
seen.add(id);`,
      python: `seen = set()
if tx_id in seen:
    continue
seen.add(tx_id)`,
    },
  },
  {
    id: 'sort',
    title: 'Sorting by several keys',
    keywords: 'sort comparator key tie break descending stable sorted order',
    code: {
      javascript: `// Count descending, then name ascending. Array.prototype.sort is stable.
entries.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
const copy = [...items].sort(compare); // sort a copy, not the caller's array`,
      python: `# Count descending, then name ascending. sorted() is stable and returns a new list.
ranked = sorted(entries, key=lambda e: (-e["count"], e["name"]))
# With a comparison function: from functools import cmp_to_key`,
    },
  },
  {
    id: 'integer-division',
    title: 'Integer division and remainders (money)',
    keywords: 'integer division remainder modulo divmod floor round half up half even money cents minor units',
    code: {
      javascript: `const remainder = amount % 10000;          // exact for integers below 2^53
const whole = (amount - remainder) / 10000;   // exact, no floating-point rounding
const halfUp = remainder * 2 >= 10000 ? whole + 1 : whole;
// Larger than 2^53: use BigInt (123n * 456n), and Number(x) at the end.`,
      python: `whole, remainder = divmod(amount, 10000)   # ints never overflow
half_up = whole + 1 if remainder * 2 >= 10000 else whole
half_even = whole + 1 if remainder * 2 > 10000 or (remainder * 2 == 10000 and whole % 2) else whole
# round(x) on floats rounds half to even but floats are inexact: keep money in ints.`,
    },
    note: 'Money is an integer number of minor units. Floating point cannot represent 0.1 exactly.',
  },
  {
    id: 'queue',
    title: 'Queues and sliding windows',
    keywords: 'queue deque sliding window evict front popleft shift head index',
    code: {
      javascript: `// Array.shift() is O(n); keep a head index instead.
const log = { times: [], head: 0 };
while (log.head < log.times.length && log.times[log.head] <= t - window) log.head++;
const inWindow = log.times.length - log.head;`,
      python: `from collections import deque
log = deque()
while log and log[0] <= t - window:
    log.popleft()
in_window = len(log)`,
    },
  },
  {
    id: 'heap',
    title: 'Heaps (top k)',
    keywords: 'heap priority queue top k min heap heapq nlargest',
    code: {
      javascript: `// No heap in the standard library: sort when n is small, or write a small binary heap.
const topK = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, k);`,
      python: `import heapq
top_k = heapq.nlargest(k, counts.items(), key=lambda kv: kv[1])
heap = []
heapq.heappush(heap, (priority, item)); smallest = heapq.heappop(heap)`,
    },
  },
  {
    id: 'class',
    title: 'Classes with state',
    keywords: 'class constructor method this self instance state object',
    code: {
      javascript: `class RateLimiter {
  constructor(limit, windowSeconds = 60) {
    this.limit = limit;
    this.logs = new Map();
  }
  allow(key, t) { /* ... */ return true; }
}`,
      typescript: `class RateLimiter {
  private logs = new Map<string, number[]>();
  constructor(private limit: number, private windowSeconds = 60) {}
  allow(key: string, t: number): boolean { return true; }
}`,
      python: `class RateLimiter:
    def __init__(self, limit, window_seconds=60):
        self.limit = limit
        self.logs = {}

    def allow(self, key, t):
        return True`,
    },
    note: 'The tests call methods by the names in the statement; Python may also use snake_case.',
  },
  {
    id: 'json',
    title: 'Objects, JSON and deep equality',
    keywords: 'json stringify parse equal compare deep canonical sorted keys copy',
    code: {
      javascript: `const copy = structuredClone(value);
JSON.stringify(a) === JSON.stringify(b); // key order matters here: sort keys first if it can differ`,
      python: `import json
a == b                               # dicts compare by content, whatever the key order
json.dumps(value, sort_keys=True)    # a canonical text form`,
    },
  },
  {
    id: 'dates',
    title: 'Dates without time zones',
    keywords: 'date day weekday weekend utc iso add days calendar leap year timedelta',
    code: {
      javascript: `const [y, m, d] = '2024-03-01'.split('-').map(Number);
let day = new Date(Date.UTC(y, m - 1, d));
day = new Date(day.getTime() + 86400000);   // next day, in UTC
day.getUTCDay();                            // 0 Sunday ... 6 Saturday
day.toISOString().slice(0, 10);             // '2024-03-02'`,
      python: `from datetime import date, timedelta
day = date.fromisoformat("2024-03-01")
day += timedelta(days=1)
day.weekday()     # 0 Monday ... 5 Saturday, 6 Sunday
day.isoformat()   # '2024-03-02'`,
    },
  },
  {
    id: 'strings',
    title: 'Parsing lines and numbers',
    keywords: 'split trim strip parse int number string lines csv isdigit regex',
    code: {
      javascript: `for (const raw of text.split('\\n')) {
  const line = raw.trim();
  if (!line) continue;
  const [type, id, amount] = line.split(',');
  const ok = /^\\d+$/.test(amount);   // Number('12.5') and parseInt('12abc') accept too much
}`,
      python: `for raw in text.split("\\n"):
    line = raw.strip()
    if not line:
        continue
    kind, tx_id, amount = line.split(",")
    ok = amount.isdigit()`,
    },
  },
  {
    id: 'stdin',
    title: 'Reading standard input, printing output',
    keywords: 'stdin stdout input read print console log program',
    code: {
      javascript: `const input = require('node:fs').readFileSync(0, 'utf8');
console.log(\`\${account} \${total}\`);`,
      typescript: `import { readFileSync } from 'node:fs';
const input: string = readFileSync(0, 'utf8');
console.log(\`\${account} \${total}\`);`,
      python: `import sys
data = sys.stdin.read()
print(account, total)          # print(f"{account} {total}")`,
    },
  },
  {
    id: 'hmac',
    title: 'HMAC signatures and constant-time comparison',
    keywords: 'hmac sha256 signature crypto hash hex timing safe compare digest webhook secret',
    code: {
      javascript: `const crypto = require('node:crypto');
const sig = crypto.createHmac('sha256', secret).update(\`\${t}.\${payload}\`).digest('hex');
const a = Buffer.from(sig), b = Buffer.from(given);
const same = a.length === b.length && crypto.timingSafeEqual(a, b);`,
      python: `import hashlib, hmac
sig = hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
same = hmac.compare_digest(sig, given)`,
    },
  },
  {
    id: 'errors',
    title: 'Errors and results',
    keywords: 'error exception throw raise try catch except result status',
    code: {
      javascript: `try { risky(); } catch (error) { return { status: 'error', error: String(error.message) }; }
throw new Error('invalid amount');`,
      python: `try:
    risky()
except ValueError as error:
    return {"status": "error", "error": str(error)}
raise ValueError("invalid amount")`,
    },
    note: 'The tests compare returned values: return error results the statement describes rather than throwing.',
  },
  {
    id: 'testing',
    title: 'Writing your own tests',
    keywords: 'test unit test assert node:test unittest edge case my tests',
    code: {
      javascript: `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fee } from './solution.js';

test('rounds half up', () => {
  assert.equal(fee(150, 100), 2);
  assert.deepEqual(split(10, [1, 1]), [5, 5]);
});`,
      typescript: `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fee } from './solution.ts';

test('rounds half up', () => assert.equal(fee(150, 100), 2));`,
      python: `import unittest
from solution import fee


class FeeTests(unittest.TestCase):
    def test_rounds_half_up(self):
        self.assertEqual(fee(150, 100), 2)`,
    },
    note: 'In JavaScript, functions in solution.js are exported for you; in TypeScript, export them.',
  },
  {
    id: 'complexity',
    title: 'Complexity at a glance',
    keywords: 'complexity big o time space linear log n sort hash',
    code: {
      javascript: `// Map/Set get, set, has: O(1) on average    sort: O(n log n)
// Array push/pop: O(1)    shift/unshift/splice: O(n)    includes/indexOf: O(n)`,
      python: `# dict/set get, add, in: O(1) on average    sorted(): O(n log n)
# list append/pop(): O(1)    pop(0)/insert(0): O(n)    x in list: O(n)    deque popleft: O(1)`,
    },
  },
];

/** Entries matching every word of the query (in title, keywords or this language's code). */
export function searchReference(query: string, language: Language): ReferenceEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return LANGUAGE_REFERENCE;
  return LANGUAGE_REFERENCE.filter((entry) => {
    const haystack = `${entry.title} ${entry.keywords} ${codeFor(entry, language)} ${entry.note ?? ''}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export function codeFor(entry: ReferenceEntry, language: Language): string {
  return entry.code[language] ?? (language === 'typescript' ? entry.code.javascript : undefined) ?? '';
}
