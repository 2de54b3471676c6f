def ch(i, acct, amount, cur=None, created=None):
    t = {"id": f"ch_{i}", "type": "charge", "account": acct, "amount": amount}
    if cur: t["currency"] = cur
    if created is not None: t["created"] = created
    return t
def re_(i, charge, amount, created=None):
    t = {"id": f"re_{i}", "type": "refund", "charge": charge, "amount": amount}
    if created is not None: t["created"] = created
    return t
RATES = {"usd": 1000000, "eur": 1085000}

P1_JS = '''
function balances(transactions) {
  const seen = new Set();
  const totals = {};
  for (const tx of transactions) {
    // The feed delivers at least once: the same id twice is one transaction.
    if (seen.has(tx.id)) continue;
    seen.add(tx.id);
    totals[tx.account] = (totals[tx.account] ?? 0) + tx.amount;
  }
  return totals;
}
'''
P1_PY = '''
def balances(transactions):
    seen = set()
    totals = {}
    for tx in transactions:
        # The feed delivers at least once: the same id twice is one transaction.
        if tx["id"] in seen:
            continue
        seen.add(tx["id"])
        totals[tx["account"]] = totals.get(tx["account"], 0) + tx["amount"]
    return totals
'''
P2_JS = '''
function balances(transactions) {
  const seen = new Set();
  const charges = new Map(); // charge id -> { account, amount, refunded }
  const totals = {};
  const rejected = [];
  for (const tx of transactions) {
    if (seen.has(tx.id)) continue;
    seen.add(tx.id);
    if (tx.type === 'charge') {
      charges.set(tx.id, { account: tx.account, amount: tx.amount, refunded: 0 });
      totals[tx.account] = (totals[tx.account] ?? 0) + tx.amount;
      continue;
    }
    const charge = charges.get(tx.charge);
    if (!charge || charge.refunded + tx.amount > charge.amount) {
      rejected.push(tx.id);
      continue;
    }
    charge.refunded += tx.amount;
    totals[charge.account] -= tx.amount;
  }
  return { balances: totals, rejected };
}
'''
P2_PY = '''
def balances(transactions):
    seen = set()
    charges = {}  # charge id -> {"account", "amount", "refunded"}
    totals = {}
    rejected = []
    for tx in transactions:
        if tx["id"] in seen:
            continue
        seen.add(tx["id"])
        if tx["type"] == "charge":
            charges[tx["id"]] = {"account": tx["account"], "amount": tx["amount"], "refunded": 0}
            totals[tx["account"]] = totals.get(tx["account"], 0) + tx["amount"]
            continue
        charge = charges.get(tx["charge"])
        if charge is None or charge["refunded"] + tx["amount"] > charge["amount"]:
            rejected.append(tx["id"])
            continue
        charge["refunded"] += tx["amount"]
        totals[charge["account"]] -= tx["amount"]
    return {"balances": totals, "rejected": rejected}
'''
P3_JS = '''
const MILLION = 1000000;

/** amount x rate / 1e6, rounded half to even, in exact integer steps. */
function convert(amount, rate) {
  const product = amount * rate;
  const remainder = product % MILLION;
  let whole = (product - remainder) / MILLION;
  if (remainder * 2 > MILLION || (remainder * 2 === MILLION && whole % 2 === 1)) whole += 1;
  return whole;
}

function balances(transactions, rates) {
  const seen = new Set();
  const charges = new Map(); // charge id -> { account, amount, refunded, rate }
  const totals = {};
  const rejected = [];
  for (const tx of SORT(transactions)) {
    if (seen.has(tx.id)) continue;
    seen.add(tx.id);
    if (tx.type === 'charge') {
      const rate = rates[tx.currency];
      if (rate === undefined) {
        rejected.push(tx.id);
        continue;
      }
      charges.set(tx.id, { account: tx.account, amount: tx.amount, refunded: 0, rate });
      totals[tx.account] = (totals[tx.account] ?? 0) + convert(tx.amount, rate);
      continue;
    }
    const charge = charges.get(tx.charge);
    if (!charge || charge.refunded + tx.amount > charge.amount) {
      rejected.push(tx.id);
      continue;
    }
    charge.refunded += tx.amount;
    totals[charge.account] -= convert(tx.amount, charge.rate);
  }
  return { balances: totals, rejected };
}
'''
P3_PY = '''
MILLION = 1_000_000


def convert(amount, rate):
    """amount x rate / 1e6, rounded half to even, in exact integer steps."""
    whole, remainder = divmod(amount * rate, MILLION)
    if remainder * 2 > MILLION or (remainder * 2 == MILLION and whole % 2 == 1):
        whole += 1
    return whole


def balances(transactions, rates):
    seen = set()
    charges = {}  # charge id -> {"account", "amount", "refunded", "rate"}
    totals = {}
    rejected = []
    for tx in SORT(transactions):
        if tx["id"] in seen:
            continue
        seen.add(tx["id"])
        if tx["type"] == "charge":
            rate = rates.get(tx["currency"])
            if rate is None:
                rejected.append(tx["id"])
                continue
            charges[tx["id"]] = {"account": tx["account"], "amount": tx["amount"], "refunded": 0, "rate": rate}
            totals[tx["account"]] = totals.get(tx["account"], 0) + convert(tx["amount"], rate)
            continue
        charge = charges.get(tx["charge"])
        if charge is None or charge["refunded"] + tx["amount"] > charge["amount"]:
            rejected.append(tx["id"])
            continue
        charge["refunded"] += tx["amount"]
        totals[charge["account"]] -= convert(tx["amount"], charge["rate"])
    return {"balances": totals, "rejected": rejected}
'''
P4_JS = P3_JS.replace('for (const tx of SORT(transactions))', 'for (const tx of inOrder(transactions))').replace(
    'function balances(transactions, rates) {', '''/** By creation time, ties by id; a stable sort keeps duplicates in arrival order. */
function inOrder(transactions) {
  return [...transactions].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function balances(transactions, rates) {''')
P3_JS = P3_JS.replace('SORT(transactions)', 'transactions')
P4_PY = P3_PY.replace('for tx in SORT(transactions):', 'for tx in sorted(transactions, key=lambda t: (t["created"], t["id"])):')
P3_PY = P3_PY.replace('SORT(transactions)', 'transactions')

LEDGER = {
  "id": "stripe-be-ex-ledger-balances",
  "prompt": "We keep a feed of money movements for connected accounts. Write balances, which turns the feed into the balance of every account. The problem grows as we go: I'll add requirements once each part works.",
  "difficulty": "medium",
  "topics": ["Hash maps", "Payments correctness (idempotency, ledgers, reconciliation)", "Money in minor units", "Edge cases"],
  "answerMinutes": 45,
  "rubric": [
    ["dedupe", "Treats a repeated transaction id as one transaction, because the feed delivers at least once.", "Real feeds and webhooks redeliver; counting a retry twice moves money that does not exist.", ["duplicate", "same id", "seen", "at least once", "dedupe", "idempotent", "set of ids"]],
    ["refund-rules", "Rejects refunds of unknown charges and refunds that would exceed what is left of the charge, tracking the refunded total per charge.", "Over-refunding is a direct loss; the running refunded total is the state that prevents it.", ["refunded so far", "remaining", "exceed", "unknown charge", "over-refund", "reject", "running total"]],
    ["exact-money", "Keeps money as integers in minor units and converts with exact integer arithmetic and a stated rounding rule (half to even).", "Floating point drifts by fractions of a cent that add up across millions of rows and break reconciliation.", ["integer", "minor units", "cents", "floating point", "half to even", "banker", "divmod", "remainder"]],
    ["ordering", "Processes out-of-order feeds by a deterministic key (creation time, then id) and explains why arrival order is not enough.", "Distributed producers reorder events; a deterministic order makes the result reproducible.", ["out of order", "sort", "created", "tie", "deterministic", "timestamp", "stable"]],
    ["testing", "Writes tests for the edges each part adds: duplicates, full and over refunds, unknown currency, ties in time.", "Edge cases are scored heavily in this loop, and tests are how you show you thought of them.", ["test", "edge case", "assert", "boundary", "empty feed", "unit test"]],
  ],
  "followUps": [
    ["Your feed redelivers a transaction an hour later. What in your code makes that safe, and what would it cost to keep that guarantee for a year of data?", "dedupe"],
    ["Why convert each transaction on its own instead of converting the account's total at the end?", "exact-money"],
    ["Two transactions have the same creation time. Which do you process first, and why does it matter?", "ordering"],
  ],
  "outline": [
    "Clarify the shapes: ids, types, amounts in minor units, what to return for an empty feed.",
    "Part 1: one pass with a set of seen ids and a map of totals.",
    "Part 2: remember each charge's account, amount and refunded total; reject refunds that break the rules and list them.",
    "Part 3: convert each amount with integer math and half-to-even rounding; refunds use their charge's rate; unknown currencies are rejected.",
    "Part 4: sort a copy by (created, id) before the same pass, so late arrivals do not change the answer.",
    "Throughout: tests for duplicates, exact full refunds, one-cent over-refunds and rounding ties.",
  ],
  "pitfalls": [
    "Counting a redelivered transaction twice.",
    "Checking a refund against the charge amount but not against earlier refunds.",
    "Using floating point for money, or Math.round (half up) where half to even was asked.",
    "Sorting the caller's array in place.",
  ],
  "exercise": {
    "functionName": "balances",
    "starter": {
      "javascript": "function balances(transactions) {\n  // transactions: [{ id, type: 'charge', account, amount }]\n  // return { [account]: total in minor units }\n}\n",
      "typescript": "interface Transaction {\n  id: string;\n  type: 'charge';\n  account: string;\n  amount: number;\n}\n\nfunction balances(transactions: Transaction[]): Record<string, number> {\n  return {};\n}\n",
      "python": "def balances(transactions):\n    # transactions: [{\"id\", \"type\": \"charge\", \"account\", \"amount\"}]\n    # return {account: total in minor units}\n    pass\n",
    },
    "docs": """
      Money is an integer number of minor units (cents for usd, whole yen for jpy). Never use
      floating point for amounts.

      Transaction shapes
        charge: { id, type: "charge", account, amount }            (later: currency, created)
        refund: { id, type: "refund", charge: <charge id>, amount } (later: created)

      Rounding half to even ("banker's rounding"): 2.5 -> 2, 3.5 -> 4, 2.51 -> 3.
      With integers: q, r = divmod(n, d); round up when 2r > d, or 2r == d and q is odd.

      Rates (part 3): rates[currency] is how many millionths of a usd minor unit one minor unit
      of that currency is worth, e.g. eur 1085000 (1 euro cent = 1.085 us cents), jpy 670000
      (1 yen = 0.67 us cents). The tests keep amount x rate below 2^53.
    """,
    "parts": [
      {
        "title": "Balances from charges",
        "statement": "Each transaction is a charge shaped like { id, type: \"charge\", account, amount }, amount an integer in minor units. Return an object mapping each account to the sum of its charges. The feed delivers at least once: a transaction id that appears again is the same transaction and counts once.",
        "tests": [
          {"name": "two accounts", "call": [[ch(1, "acct_a", 1000), ch(2, "acct_b", 250), ch(3, "acct_a", 500)]], "expected": {"acct_a": 1500, "acct_b": 250}},
          {"name": "empty feed", "call": [[]], "expected": {}},
        ],
        "hidden": [
          {"call": [[ch(1, "acct_z", 1)]], "expected": {"acct_z": 1}},
          {"name": "redelivered id counts once", "call": [[ch(1, "acct_a", 700), ch(1, "acct_a", 700), ch(2, "acct_a", 300)]], "expected": {"acct_a": 1000}},
        ],
        "discuss": "What is the time and memory cost of remembering every id you have seen, and how would you bound it in production?",
        "reference": {"javascript": P1_JS, "python": P1_PY},
      },
      {
        "title": "Refunds",
        "statement": "The feed now also carries refunds: { id, type: \"refund\", charge, amount }, where charge is the id of the charge being refunded. A refund lowers that charge's account balance. Reject a refund (do not apply it) when its charge has not appeared earlier in the feed, or when it would take the total refunded on that charge above the charge's amount. Return { balances, rejected }, with the ids of rejected refunds in feed order. Duplicates still count once.",
        "regression": False,
        "tests": [
          {"name": "partial and full refunds", "call": [[ch(1, "acct_a", 1000), re_(1, "ch_1", 300), ch(2, "acct_b", 500), re_(2, "ch_2", 500)]], "expected": {"balances": {"acct_a": 700, "acct_b": 0}, "rejected": []}},
          {"name": "unknown charge", "call": [[ch(1, "acct_a", 1000), re_(1, "ch_9", 100)]], "expected": {"balances": {"acct_a": 1000}, "rejected": ["re_1"]}},
        ],
        "hidden": [
          {"name": "second refund would exceed the charge", "call": [[ch(1, "acct_a", 1000), re_(1, "ch_1", 600), re_(2, "ch_1", 500)]], "expected": {"balances": {"acct_a": 400}, "rejected": ["re_2"]}},
          {"name": "refund before its charge", "call": [[re_(1, "ch_1", 100), ch(1, "acct_a", 1000)]], "expected": {"balances": {"acct_a": 1000}, "rejected": ["re_1"]}},
          {"name": "redelivered refund", "call": [[ch(1, "acct_a", 1000), re_(1, "ch_1", 300), re_(1, "ch_1", 300)]], "expected": {"balances": {"acct_a": 700}, "rejected": []}},
          {"name": "one unit past a full refund", "call": [[ch(1, "acct_a", 500), re_(1, "ch_1", 500), re_(2, "ch_1", 1)]], "expected": {"balances": {"acct_a": 0}, "rejected": ["re_2"]}},
        ],
        "discuss": "Which edge cases of refunds did you test, and which ones would you still add?",
        "reference": {"javascript": P2_JS, "python": P2_PY},
      },
      {
        "title": "Several currencies",
        "statement": "Charges now have a currency (lowercase, e.g. \"eur\"), and balances takes a second argument, rates, described in the Docs tab. Report every balance in usd minor units: convert each transaction on its own, amount x rate / 1,000,000 rounded half to even. A refund is converted at its charge's rate, and the refund limit still applies in the charge's own currency. A charge whose currency has no rate is rejected like a bad refund (its id goes in rejected), and so are refunds of it.",
        "regression": False,
        "tests": [
          {"name": "usd and eur", "call": [[ch(1, "acct_a", 1000, "usd"), ch(2, "acct_a", 1000, "eur"), re_(1, "ch_2", 500)], RATES], "expected": {"balances": {"acct_a": 1543}, "rejected": []}},
          {"name": "no rate for gbp", "call": [[ch(1, "acct_a", 100, "gbp")], {"usd": 1000000}], "expected": {"balances": {}, "rejected": ["ch_1"]}},
        ],
        "hidden": [
          {"name": "zero-decimal currency", "call": [[ch(1, "acct_b", 1500, "jpy")], {"jpy": 670000}], "expected": {"balances": {"acct_b": 1005}, "rejected": []}},
          {"name": "ties round to even", "call": [[ch(1, "acct_a", 3, "cad"), ch(2, "acct_c", 5, "cad")], {"cad": 1500000}], "expected": {"balances": {"acct_a": 4, "acct_c": 8}, "rejected": []}},
          {"name": "refund limit in the charge currency", "call": [[ch(1, "acct_a", 1000, "eur"), re_(1, "ch_1", 600), re_(2, "ch_1", 500)], RATES], "expected": {"balances": {"acct_a": 434}, "rejected": ["re_2"]}},
          {"name": "refund of a rejected charge", "call": [[ch(1, "acct_a", 100, "gbp"), re_(1, "ch_1", 50)], {"usd": 1000000}], "expected": {"balances": {}, "rejected": ["ch_1", "re_1"]}},
        ],
        "discuss": "Why half to even rather than half up, and what would go wrong if you converted the account totals once at the end?",
        "reference": {"javascript": P3_JS, "python": P3_PY},
      },
      {
        "title": "Out of order",
        "statement": "The feed comes from several producers and is no longer in order. Every transaction now has created, a time in seconds. Process transactions by created, earliest first, and transactions created in the same second by id (plain string order). A refund is only valid if its charge comes before it in that order. Everything else stays as in part 3; rejected lists ids in processing order. Do not change the caller's array.",
        "regression": False,
        "tests": [
          {"name": "refund listed before its charge", "call": [[re_(1, "ch_1", 300, 20), ch(1, "acct_a", 1000, "usd", 10)], RATES], "expected": {"balances": {"acct_a": 700}, "rejected": []}},
          {"name": "same second: by id", "call": [[re_(1, "ch_1", 100, 5), ch(1, "acct_a", 100, "usd", 5)], RATES], "expected": {"balances": {"acct_a": 0}, "rejected": []}},
        ],
        "hidden": [
          {"name": "refund created before its charge", "call": [[ch(1, "acct_a", 1000, "usd", 50), re_(1, "ch_1", 100, 40)], RATES], "expected": {"balances": {"acct_a": 1000}, "rejected": ["re_1"]}},
          {"name": "redelivered charge", "call": [[ch(1, "acct_a", 1000, "usd", 10), ch(1, "acct_a", 1000, "usd", 10), re_(1, "ch_1", 500, 11)], RATES], "expected": {"balances": {"acct_a": 500}, "rejected": []}},
          {"name": "mixed currencies in time order", "call": [[re_(1, "ch_2", 250, 30), ch(2, "acct_b", 1000, "eur", 20), ch(1, "acct_b", 2000, "usd", 25)], RATES], "expected": {"balances": {"acct_b": 2814}, "rejected": []}},
        ],
        "discuss": "If the feed were too large to sort in memory, how would you process it?",
        "reference": {"javascript": P4_JS, "python": P4_PY},
      },
    ],
    "complexity": ["O(n log n) with the sort in part 4, O(n) before it", "O(n) for seen ids and charges"],
  },
}
