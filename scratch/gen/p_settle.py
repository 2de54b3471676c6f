P1_JS = '''
const input = require('node:fs').readFileSync(0, 'utf8');

const totals = new Map();
for (const raw of input.split('\\n')) {
  const line = raw.trim();
  if (!line) continue;
  const [type, , account, amount] = line.split(',');
  if (type !== 'charge') continue;
  totals.set(account, (totals.get(account) ?? 0) + Number(amount));
}
for (const account of [...totals.keys()].sort()) console.log(`${account} ${totals.get(account)}`);
'''
P1_PY = '''
import sys

totals = {}
for raw in sys.stdin.read().split("\\n"):
    line = raw.strip()
    if not line:
        continue
    kind, _, account, amount = line.split(",")
    if kind != "charge":
        continue
    totals[account] = totals.get(account, 0) + int(amount)
for account in sorted(totals):
    print(account, totals[account])
'''
P2_JS = '''
const input = require('node:fs').readFileSync(0, 'utf8');

const amountOf = (text) => (/^\\d+$/.test(text) && Number(text) > 0 ? Number(text) : null);

const totals = new Map();
const chargeAccount = new Map();
let skipped = 0;
for (const raw of input.split('\\n')) {
  const line = raw.trim();
  if (!line) continue;
  const fields = line.split(',');
  const amount = fields.length === 4 ? amountOf(fields[3]) : null;
  const [type, id, target] = fields;
  if (amount === null) {
    skipped++;
  } else if (type === 'charge') {
    chargeAccount.set(id, target);
    totals.set(target, (totals.get(target) ?? 0) + amount);
  } else if (type === 'refund' && chargeAccount.has(target)) {
    const account = chargeAccount.get(target);
    totals.set(account, totals.get(account) - amount);
  } else {
    skipped++;
  }
}
for (const account of [...totals.keys()].sort()) console.log(`${account} ${totals.get(account)}`);
if (skipped > 0) console.log(`skipped ${skipped}`);
'''
P2_PY = '''
import sys


def amount_of(text):
    return int(text) if text.isdigit() and int(text) > 0 else None


totals = {}
charge_account = {}
skipped = 0
for raw in sys.stdin.read().split("\\n"):
    line = raw.strip()
    if not line:
        continue
    fields = line.split(",")
    amount = amount_of(fields[3]) if len(fields) == 4 else None
    if amount is None:
        skipped += 1
        continue
    kind, record_id, target = fields[0], fields[1], fields[2]
    if kind == "charge":
        charge_account[record_id] = target
        totals[target] = totals.get(target, 0) + amount
    elif kind == "refund" and target in charge_account:
        totals[charge_account[target]] -= amount
    else:
        skipped += 1
for account in sorted(totals):
    print(account, totals[account])
if skipped:
    print(f"skipped {skipped}")
'''
P3_JS = '''
const input = require('node:fs').readFileSync(0, 'utf8');

const amountOf = (text) => (/^\\d+$/.test(text) && Number(text) > 0 ? Number(text) : null);

/** 2.9% + 30, the percentage rounded half up, in integers. */
function fee(amount) {
  const product = amount * 290;
  const remainder = product % 10000;
  const whole = (product - remainder) / 10000;
  return (remainder * 2 >= 10000 ? whole + 1 : whole) + 30;
}

const accounts = new Map(); // account -> { gross, fees }
const chargeAccount = new Map();
let skipped = 0;
const account = (name) => {
  if (!accounts.has(name)) accounts.set(name, { gross: 0, fees: 0 });
  return accounts.get(name);
};
for (const raw of input.split('\\n')) {
  const line = raw.trim();
  if (!line) continue;
  const fields = line.split(',');
  const amount = fields.length === 4 ? amountOf(fields[3]) : null;
  const [type, id, target] = fields;
  if (amount === null) {
    skipped++;
  } else if (type === 'charge') {
    chargeAccount.set(id, target);
    const a = account(target);
    a.gross += amount;
    a.fees += fee(amount);
  } else if (type === 'refund' && chargeAccount.has(target)) {
    account(chargeAccount.get(target)).gross -= amount;
  } else {
    skipped++;
  }
}
for (const name of [...accounts.keys()].sort()) {
  const { gross, fees } = accounts.get(name);
  console.log(`${name} gross=${gross} fees=${fees} net=${gross - fees}`);
}
if (skipped > 0) console.log(`skipped ${skipped}`);
'''
P3_PY = '''
import sys


def amount_of(text):
    return int(text) if text.isdigit() and int(text) > 0 else None


def fee(amount):
    """2.9% + 30, the percentage rounded half up, in integers."""
    whole, remainder = divmod(amount * 290, 10000)
    return (whole + 1 if remainder * 2 >= 10000 else whole) + 30


accounts = {}  # account -> {"gross", "fees"}
charge_account = {}
skipped = 0
for raw in sys.stdin.read().split("\\n"):
    line = raw.strip()
    if not line:
        continue
    fields = line.split(",")
    amount = amount_of(fields[3]) if len(fields) == 4 else None
    if amount is None:
        skipped += 1
        continue
    kind, record_id, target = fields[0], fields[1], fields[2]
    if kind == "charge":
        charge_account[record_id] = target
        entry = accounts.setdefault(target, {"gross": 0, "fees": 0})
        entry["gross"] += amount
        entry["fees"] += fee(amount)
    elif kind == "refund" and target in charge_account:
        accounts[charge_account[target]]["gross"] -= amount
    else:
        skipped += 1
for name in sorted(accounts):
    gross, fees = accounts[name]["gross"], accounts[name]["fees"]
    print(f"{name} gross={gross} fees={fees} net={gross - fees}")
if skipped:
    print(f"skipped {skipped}")
'''
SETTLE = {
  "id": "stripe-be-ex-settlement-report",
  "prompt": "At the end of each day a batch job prints a settlement report from the day's records. Write that program: it reads the records from standard input and prints the report to standard output. We'll grow it part by part, the way a phone screen goes.",
  "difficulty": "easy",
  "topics": ["Parsing", "Hash maps", "Money in minor units", "Edge cases"],
  "answerMinutes": 45,
  "rubric": [
    ["parsing", "Reads all of standard input, ignores blank lines and stray whitespace (including Windows line endings), and splits fields carefully.", "Batch inputs come from other systems; small format differences should not crash a nightly job.", ["stdin", "split", "trim", "blank line", "windows line endings", "parse", "fields"]],
    ["validation", "Skips and counts bad lines (wrong field count, non-positive or non-integer amounts, unknown types, refunds of unknown charges) instead of crashing.", "One bad record must not stop the whole report, but silently dropping it hides problems: count it.", ["skip", "invalid", "count", "malformed", "unknown type", "validate", "positive integer"]],
    ["deterministic-output", "Prints accounts in a stable sorted order with exactly the requested format.", "Reports are diffed and reconciled by machines; unstable order breaks that.", ["sort", "order", "format", "deterministic", "stable"]],
    ["fees", "Computes the fee per charge with integer arithmetic and half-up rounding, and keeps refunds from returning fees.", "Fee rounding on each charge is how statements are reconciled line by line.", ["fee", "2.9%", "30", "round half up", "integer", "per charge", "refund keeps the fee"]],
  ],
  "followUps": [
    ["The file is 50 GB. What changes in your program?", "parsing"],
    ["Why count skipped lines instead of just skipping them, and what would you do with them in production?", "validation"],
    ["How do you make sure two runs on the same input always print the same report?", "deterministic-output"],
  ],
  "outline": [
    "Clarify the line format, what counts as bad input, and the exact output format.",
    "Part 1: read everything, one pass building a map of totals, print sorted.",
    "Part 2: remember which account each charge belongs to; validate each line and count what is skipped.",
    "Part 3: add a per-charge fee with integer half-up rounding; print gross, fees and net.",
    "Test with empty input, blank lines, Windows line endings and every kind of bad line.",
  ],
  "pitfalls": [
    "Crashing on a blank last line or a line with the wrong number of fields.",
    "parseInt('12.5') accepting part of a bad number.",
    "Printing accounts in insertion order.",
  ],
  "exercise": {
    "starter": {
      "javascript": "const input = require('node:fs').readFileSync(0, 'utf8');\n\n// Each line: charge,<id>,<account>,<amount>\n// Print one line per account: '<account> <total>', sorted by account.\n",
      "typescript": "import { readFileSync } from 'node:fs';\n\nconst input: string = readFileSync(0, 'utf8');\n\n// Each line: charge,<id>,<account>,<amount>\n// Print one line per account: '<account> <total>', sorted by account.\n",
      "python": "import sys\n\ndata = sys.stdin.read()\n\n# Each line: charge,<id>,<account>,<amount>\n# Print one line per account: '<account> <total>', sorted by account.\n",
    },
    "ownTests": {
      "javascript": "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\n\n// The report is a whole program (it reads standard input), so the visible tests run it with\n// input. Here, test the helpers you write: export them from solution.js and import them.\ntest('splitting a record', () => {\n  assert.deepEqual('charge,ch_1,acct_a,100'.split(','), ['charge', 'ch_1', 'acct_a', '100']);\n});\n",
      "python": "import unittest\n\n# The report is a whole program (it reads standard input), so the visible tests run it with\n# input. Here, test the helpers you write: put them in functions and import them.\n\n\nclass MyTests(unittest.TestCase):\n    def test_split(self):\n        self.assertEqual('charge,ch_1,acct_a,100'.split(','), ['charge', 'ch_1', 'acct_a', '100'])\n",
    },
    "docs": """
      Input: one record per line, fields separated by commas, amounts in whole minor units.
        charge,<charge id>,<account>,<amount>
        refund,<refund id>,<charge id>,<amount>      (from part 2)

      Output: one line per account, sorted by account name (plain string order).
      Trailing spaces and a final newline do not matter.

      JavaScript: require('node:fs').readFileSync(0, 'utf8') reads all of standard input.
      Python: sys.stdin.read().
    """,
    "parts": [
      {
        "title": "Totals per account",
        "statement": "Standard input holds one charge per line: charge,<id>,<account>,<amount>, with amount a whole number of minor units. Print one line per account, '<account> <total>', sorted by account name. Ignore blank lines. No input, no output.",
        "tests": [
          {"name": "three charges", "stdin": "charge,ch_1,acct_b,500\ncharge,ch_2,acct_a,1000\ncharge,ch_3,acct_b,250\n", "expected": "acct_a 1000\nacct_b 750\n"},
          {"name": "no input", "stdin": "", "expected": ""},
        ],
        "hidden": [
          {"name": "blank lines and Windows line endings", "stdin": "charge,ch_1,acct_a,5\r\n\r\ncharge,ch_2,acct_a,7\r\n", "expected": "acct_a 12\n"},
          {"name": "one account", "stdin": "charge,ch_1,acct_z,1", "expected": "acct_z 1\n"},
        ],
        "discuss": "How much memory does your program need for a file with a billion lines but a thousand accounts?",
        "reference": {"javascript": P1_JS, "python": P1_PY},
      },
      {
        "title": "Refunds and bad lines",
        "statement": "Records now include refunds, refund,<id>,<charge id>,<amount>, which take the amount off the account of that charge. The feed is messy: skip any line that does not have exactly four fields, whose amount is not a positive whole number, whose type is neither charge nor refund, or that refunds a charge not seen earlier. After the account lines, print 'skipped <n>' when at least one line was skipped.",
        "tests": [
          {"name": "a refund", "stdin": "charge,ch_1,acct_a,1000\nrefund,re_1,ch_1,300\ncharge,ch_2,acct_b,200\n", "expected": "acct_a 700\nacct_b 200\n"},
          {"name": "bad lines are counted", "stdin": "charge,ch_1,acct_a,1000\ncharge,ch_2,acct_a,-5\nrefund,re_1,ch_9,10\npayout,po_1,acct_a,10\ncharge,ch_3,acct_a\n", "expected": "acct_a 1000\nskipped 4\n"},
        ],
        "hidden": [
          {"name": "not whole numbers", "stdin": "charge,ch_1,acct_a,12.5\ncharge,ch_2,acct_a,0\ncharge,ch_3,acct_a,40\n", "expected": "acct_a 40\nskipped 2\n"},
          {"name": "fully refunded account", "stdin": "charge,ch_1,acct_a,300\nrefund,re_1,ch_1,300\n", "expected": "acct_a 0\n"},
          {"name": "refund before its charge", "stdin": "refund,re_1,ch_1,100\ncharge,ch_1,acct_a,300\n", "expected": "acct_a 300\nskipped 1\n"},
        ],
        "discuss": "Which bad lines would you rather stop the whole job for, if any?",
        "reference": {"javascript": P2_JS, "python": P2_PY},
      },
      {
        "title": "Fees",
        "statement": "Each charge pays a processing fee of 2.9% plus 30, the percentage part rounded half up to a whole minor unit (with integers: amount x 290 / 10000). A refund gives back none of the fee. Print each account as '<account> gross=<charges minus refunds> fees=<sum of fees> net=<gross minus fees>', still sorted, still followed by 'skipped <n>' when lines were skipped.",
        "regression": False,
        "tests": [
          {"name": "two charges and a refund", "stdin": "charge,ch_1,acct_a,1000\ncharge,ch_2,acct_a,2000\nrefund,re_1,ch_1,500\n", "expected": "acct_a gross=2500 fees=147 net=2353\n"},
          {"name": "a small charge", "stdin": "charge,ch_1,acct_b,10\nbad line\n", "expected": "acct_b gross=10 fees=30 net=-20\nskipped 1\n"},
        ],
        "hidden": [
          {"name": "rounding", "stdin": "charge,ch_1,acct_c,50\ncharge,ch_2,acct_c,1724\ncharge,ch_3,acct_a,150\n", "expected": "acct_a gross=150 fees=34 net=116\nacct_c gross=1774 fees=111 net=1663\n"},
          {"name": "no input", "stdin": "\n", "expected": ""},
        ],
        "discuss": "A merchant's net is negative. What should the report and the payout system do about it?",
        "reference": {"javascript": P3_JS, "python": P3_PY},
      },
    ],
    "complexity": ["O(n + a log a) for n lines and a accounts", "O(a + c) for a accounts and c charge ids"],
  },
}
