P1_JS = '''
/** amount x bps / 10000, rounded half up, with integers only (amount >= 0). */
function fee(amount, bps) {
  const product = amount * bps;
  const remainder = product % 10000;
  const whole = (product - remainder) / 10000;
  return remainder * 2 >= 10000 ? whole + 1 : whole;
}
'''
P1_PY = '''
def fee(amount, bps):
    """amount x bps / 10000, rounded half up, with integers only (amount >= 0)."""
    whole, remainder = divmod(amount * bps, 10000)
    return whole + 1 if remainder * 2 >= 10000 else whole
'''
P2_JS = '''
function percentage(amount, bps) {
  const product = amount * bps;
  const remainder = product % 10000;
  const whole = (product - remainder) / 10000;
  return remainder * 2 >= 10000 ? whole + 1 : whole;
}

function fee(amount, schedule) {
  const plan = typeof schedule === 'number' ? { bps: schedule } : schedule;
  let total = percentage(amount, plan.bps) + (plan.fixed ?? 0);
  if (plan.min !== undefined) total = Math.max(total, plan.min);
  if (plan.max !== undefined) total = Math.min(total, plan.max);
  // A fee never takes more than the charge itself.
  return Math.min(total, amount);
}
'''
P2_PY = '''
def percentage(amount, bps):
    whole, remainder = divmod(amount * bps, 10000)
    return whole + 1 if remainder * 2 >= 10000 else whole


def fee(amount, schedule):
    plan = {"bps": schedule} if isinstance(schedule, (int, float)) else schedule
    total = percentage(amount, plan["bps"]) + plan.get("fixed", 0)
    if "min" in plan:
        total = max(total, plan["min"])
    if "max" in plan:
        total = min(total, plan["max"])
    # A fee never takes more than the charge itself.
    return min(total, amount)
'''
P3_JS = P2_JS + '''
/**
 * The percentage part is rounded once for the whole payout; each charge gets its exact share
 * rounded down, and the units left over go to the largest remainders (earlier charge on a tie).
 */
function payoutFees(amounts, schedule) {
  const fixed = schedule.fixed ?? 0;
  const exact = amounts.map((amount, index) => {
    const product = amount * schedule.bps;
    const remainder = product % 10000;
    return { index, floor: (product - remainder) / 10000, remainder };
  });
  const sum = amounts.reduce((s, a) => s + a, 0);
  const total = percentage(sum, schedule.bps);
  let left = total - exact.reduce((s, e) => s + e.floor, 0);
  const perCharge = exact.map((e) => e.floor);
  const order = [...exact].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const e of order) {
    if (left <= 0) break;
    perCharge[e.index] += 1;
    left -= 1;
  }
  return { total: total + fixed * amounts.length, perCharge: perCharge.map((p) => p + fixed) };
}
'''
P3_PY = P2_PY + '''

def payoutFees(amounts, schedule):
    """The percentage part is rounded once for the whole payout; each charge gets its exact
    share rounded down, and the units left over go to the largest remainders (earlier first)."""
    fixed = schedule.get("fixed", 0)
    floors = []
    remainders = []
    for index, amount in enumerate(amounts):
        whole, remainder = divmod(amount * schedule["bps"], 10000)
        floors.append(whole)
        remainders.append((-remainder, index))
    total = percentage(sum(amounts), schedule["bps"])
    left = total - sum(floors)
    for _, index in sorted(remainders)[:left]:
        floors[index] += 1
    return {"total": total + fixed * len(amounts), "perCharge": [f + fixed for f in floors]}
'''
FEES = {
  "id": "stripe-be-ex-fees",
  "prompt": "We charge our users a processing fee on every payment, priced in basis points: one basis point is a hundredth of a percent. Write fee, which works out the fee on one charge. We'll make the pricing more realistic part by part.",
  "difficulty": "medium",
  "topics": ["Money in minor units", "Rounding", "API design", "Edge cases"],
  "answerMinutes": 40,
  "rubric": [
    ["integer-math", "Computes amount x bps / 10000 with integer arithmetic (quotient and remainder), never floating point.", "0.1 + 0.2 style drift turns into real cents on large volumes, and it is hard to find later.", ["integer", "remainder", "modulo", "divmod", "floating point", "basis points", "minor units"]],
    ["rounding-rule", "States and applies the rounding rule (half up here) and tests the exact half case.", "Rounding is a pricing decision; getting the tie wrong is a visible billing bug.", ["round half up", "tie", "exactly half", "rounding", ".5"]],
    ["bounds", "Applies fixed part, minimum and maximum in a stated order and caps the fee at the charge amount.", "The order of fixed, min and max changes the answer; a fee larger than the charge makes no sense.", ["minimum", "maximum", "cap", "clamp", "fixed fee", "order", "never more than the amount"]],
    ["allocation", "Rounds once per payout and allocates the total back to charges by largest remainder so the parts sum to the whole.", "Per-charge rounding makes the statement disagree with the sum of its lines; allocation keeps them equal.", ["largest remainder", "allocate", "sum to the total", "rounded once", "leftover", "distribute"]],
  ],
  "followUps": [
    ["Show me a case where rounding each charge separately gives a different total than rounding the sum once.", "allocation"],
    ["Does your minimum apply before or after the fixed part, and what should happen when the minimum is larger than the charge?", "bounds"],
    ["Where could floating point have crept into your code, and how did you keep it out?", "integer-math"],
  ],
  "outline": [
    "Clarify: integer minor units, non-negative amounts, rounding rule, what the schedule can contain.",
    "Part 1: quotient and remainder of amount x bps by 10000; add one when twice the remainder reaches 10000.",
    "Part 2: accept a number or an object; percentage + fixed, then min, then max, then never above the amount.",
    "Part 3: exact shares per charge, round the sum once, hand the leftover units to the largest remainders.",
    "Tests: exact halves, zero amount, tiny amounts where the fixed fee dominates, very large amounts.",
  ],
  "pitfalls": [
    "Math.round(amount * bps / 10000) on floats.",
    "Rounding each charge and summing, so the payout total is off by a few cents.",
    "Letting the fee exceed the charge for small amounts.",
  ],
  "exercise": {
    "functionName": "fee",
    "starter": {
      "javascript": "function fee(amount, bps) {\n  // amount: integer minor units (>= 0); bps: basis points (290 = 2.9%)\n  // return the fee in minor units\n}\n",
      "typescript": "function fee(amount: number, bps: number): number {\n  return 0;\n}\n",
      "python": "def fee(amount, bps):\n    # amount: integer minor units (>= 0); bps: basis points (290 = 2.9%)\n    # return the fee in minor units\n    pass\n",
    },
    "docs": """
      A basis point (bps) is 1/100 of a percent: 290 bps = 2.90%.
      Fee on 1234 cents at 290 bps = 1234 x 290 / 10000 = 35.786 cents -> 36.

      Rounding half up with integers: q, r = divmod(n, 10000); the result is q + 1 when
      2r >= 10000, else q.

      Largest remainder allocation: give every share its rounded-down value, then hand the
      units still missing to the shares with the largest remainders, one each (ties: earlier first).
    """,
    "parts": [
      {
        "title": "A percentage fee",
        "statement": "fee(amount, bps) returns the fee on a charge of amount minor units (an integer, zero or more) at bps basis points: amount x bps / 10000, rounded half up to a whole minor unit. Use exact integer arithmetic.",
        "tests": [
          {"call": [1000, 290], "expected": 29},
          {"call": [1234, 290], "expected": 36},
        ],
        "hidden": [
          {"name": "rounds down below the half", "call": [50, 290], "expected": 1},
          {"name": "exactly half rounds up", "call": [150, 100], "expected": 2},
          {"name": "zero", "call": [0, 290], "expected": 0},
          {"name": "large amount", "call": [99999999, 290], "expected": 2900000},
        ],
        "discuss": "Walk me through the exact-half case. Why is integer arithmetic safe here for amounts up to a billion?",
        "reference": {"javascript": P1_JS, "python": P1_PY},
      },
      {
        "title": "Fixed part, minimum and maximum",
        "statement": "Pricing plans have more to them now. The second argument can still be a number of basis points, or an object { bps, fixed, min, max } where fixed, min and max are optional and in minor units. The fee is the rounded percentage plus fixed; then raise it to min if it is below, then lower it to max if it is above. A fee is never more than the charge itself.",
        "tests": [
          {"name": "percentage plus fixed", "call": [1000, {"bps": 290, "fixed": 30}], "expected": 59},
          {"name": "minimum", "call": [100, {"bps": 290, "fixed": 30, "min": 50}], "expected": 50},
        ],
        "hidden": [
          {"name": "maximum", "call": [1000000, {"bps": 290, "fixed": 30, "max": 5000}], "expected": 5000},
          {"name": "never more than the charge", "call": [20, {"bps": 290, "fixed": 30}], "expected": 20},
          {"name": "zero charge, no fee", "call": [0, {"bps": 290, "fixed": 30}], "expected": 0},
        ],
        "discuss": "You accept a number or an object for the same parameter. Would you keep that in a public API?",
        "reference": {"javascript": P2_JS, "python": P2_PY},
      },
      {
        "title": "One rounding per payout",
        "statement": "Our statement rounds the percentage part once for the whole payout, not per charge. Write payoutFees(amounts, schedule) with schedule { bps, fixed } (fixed optional). total is the percentage of the sum of the amounts, rounded half up, plus fixed once per charge. perCharge lists each charge's fee: its exact percentage share rounded down, plus one unit for the charges with the largest remainders until the shares add up to the rounded total (on a tie, the earlier charge first), plus fixed. perCharge must always add up to total.",
        "functionName": "payoutFees",
        "regression": False,
        "tests": [
          {"name": "no rounding needed", "call": [[1000, 1000, 1000], {"bps": 290, "fixed": 30}], "expected": {"total": 177, "perCharge": [59, 59, 59]}},
          {"name": "rounded once, tie to the earliest", "call": [[50, 50, 50], {"bps": 290}], "expected": {"total": 4, "perCharge": [2, 1, 1]}},
        ],
        "hidden": [
          {"name": "empty payout", "call": [[], {"bps": 290, "fixed": 30}], "expected": {"total": 0, "perCharge": []}},
          {"name": "largest remainders", "call": [[1724, 1, 333], {"bps": 290, "fixed": 30}], "expected": {"total": 150, "perCharge": [80, 30, 40]}},
          {"name": "one charge", "call": [[150], {"bps": 100}], "expected": {"total": 2, "perCharge": [2]}},
        ],
        "discuss": "Prove that the number of leftover units is never more than the number of charges.",
        "reference": {"javascript": P3_JS, "python": P3_PY},
      },
    ],
    "complexity": ["O(1) per fee; O(n log n) for the payout allocation (the sort of remainders)", "O(n) for the payout"],
  },
}
