JS_DATE = '''
function parse(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
const format = (day) => day.toISOString().slice(0, 10);
const nextDay = (day) => new Date(day.getTime() + 86400000);
'''
P1_JS = JS_DATE + '''
function payoutDate(date, delayDays) {
  // UTC dates: no time zone or daylight-saving change can move a day.
  return format(new Date(parse(date).getTime() + delayDays * 86400000));
}
'''
P1_PY = '''
from datetime import date, timedelta


def payoutDate(day, delayDays):
    return (date.fromisoformat(day) + timedelta(days=delayDays)).isoformat()
'''
P2_JS = JS_DATE + '''
const isBusinessDay = (day) => day.getUTCDay() !== 0 && day.getUTCDay() !== 6;

function payoutDate(date, delayDays) {
  let day = parse(date);
  while (!isBusinessDay(day)) day = nextDay(day);
  for (let counted = 0; counted < delayDays; ) {
    day = nextDay(day);
    if (isBusinessDay(day)) counted++;
  }
  return format(day);
}
'''
P2_PY = '''
from datetime import date, timedelta


def is_business_day(day):
    return day.weekday() < 5  # Monday is 0, Saturday 5, Sunday 6


def payoutDate(day, delayDays):
    current = date.fromisoformat(day)
    while not is_business_day(current):
        current += timedelta(days=1)
    counted = 0
    while counted < delayDays:
        current += timedelta(days=1)
        if is_business_day(current):
            counted += 1
    return current.isoformat()
'''
P3_JS = JS_DATE + '''
function payoutDate(date, delayDays, holidays = []) {
  const closed = new Set(holidays);
  const isBusinessDay = (day) => day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !closed.has(format(day));
  let day = parse(date);
  while (!isBusinessDay(day)) day = nextDay(day);
  for (let counted = 0; counted < delayDays; ) {
    day = nextDay(day);
    if (isBusinessDay(day)) counted++;
  }
  return format(day);
}
'''
P3_PY = '''
from datetime import date, timedelta


def payoutDate(day, delayDays, holidays=None):
    closed = set(holidays or [])

    def is_business_day(d):
        return d.weekday() < 5 and d.isoformat() not in closed

    current = date.fromisoformat(day)
    while not is_business_day(current):
        current += timedelta(days=1)
    counted = 0
    while counted < delayDays:
        current += timedelta(days=1)
        if is_business_day(current):
            counted += 1
    return current.isoformat()
'''
P4_JS = P3_JS + '''
function payoutSchedule(charges, delayDays, holidays = []) {
  const byDate = new Map();
  for (const charge of charges) {
    const when = payoutDate(charge.date, delayDays, holidays);
    if (!byDate.has(when)) byDate.set(when, { date: when, amount: 0, charges: [] });
    const payout = byDate.get(when);
    payout.amount += charge.amount;
    payout.charges.push(charge.id);
  }
  // ISO dates sort as strings.
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
'''
P4_PY = P3_PY + '''

def payoutSchedule(charges, delayDays, holidays=None):
    by_date = {}
    for charge in charges:
        when = payoutDate(charge["date"], delayDays, holidays)
        payout = by_date.setdefault(when, {"date": when, "amount": 0, "charges": []})
        payout["amount"] += charge["amount"]
        payout["charges"].append(charge["id"])
    # ISO dates sort as strings.
    return [by_date[d] for d in sorted(by_date)]
'''
def c(i, d, a): return {"id": f"ch_{i}", "date": d, "amount": a}
PAYOUT = {
  "id": "stripe-be-ex-payout-dates",
  "prompt": "Money from a card payment reaches the merchant's bank account a few days after the charge, on a payout. Write payoutDate, which says when the money from a charge is paid out. The rules get closer to the real ones in each part.",
  "difficulty": "medium",
  "topics": ["Dates and calendars", "Edge cases", "Testing"],
  "answerMinutes": 35,
  "rubric": [
    ["date-arithmetic", "Does date arithmetic with a date type or UTC, so month ends, year ends and leap days come out right and time zones cannot shift a day.", "Hand-rolled day counting and local time zones are the classic sources of off-by-one-day payouts.", ["utc", "leap year", "month end", "time zone", "timedelta", "date library", "daylight saving"]],
    ["business-days", "Counts only business days and rolls a weekend or holiday start forward before counting, with the rule stated.", "Whether the start day counts is a product decision; stating it avoids a whole class of disputes.", ["weekend", "business day", "roll forward", "monday", "count", "skip"]],
    ["holidays", "Keeps holidays in a set for constant-time checks and treats holidays on weekends correctly.", "Holiday calendars differ per country and are data, not code.", ["holiday", "set", "calendar", "lookup", "per country", "data"]],
    ["grouping", "Groups charges by payout date with a map and returns a deterministic order.", "A payout is a sum over many charges; order and grouping must be reproducible for reconciliation.", ["group", "map", "sum", "sort by date", "iso dates sort", "deterministic"]],
  ],
  "followUps": [
    ["What happens with a charge made on Saturday with a delay of zero days, and why is that the right rule?", "business-days"],
    ["Where do holiday calendars come from in production, and how would you support several countries?", "holidays"],
    ["How did you make sure a time zone or daylight-saving change can never move a payout by a day?", "date-arithmetic"],
  ],
  "outline": [
    "Clarify the date format, whether the charge day counts, and what a zero delay means on a weekend.",
    "Part 1: parse as a date (UTC in JavaScript), add days, format back.",
    "Part 2: roll to a business day, then step one day at a time counting only weekdays.",
    "Part 3: the same loop with a holiday set.",
    "Part 4: compute each charge's payout date and group into a map; sort the dates.",
    "Tests: month and year ends, leap day, Friday and weekend starts, holidays next to weekends.",
  ],
  "pitfalls": [
    "Using local time, so a daylight-saving change moves the result by a day.",
    "Counting the start day as one of the delay days.",
    "Checking holidays with a linear search through a list on every step.",
  ],
  "exercise": {
    "functionName": "payoutDate",
    "starter": {
      "javascript": "function payoutDate(date, delayDays) {\n  // date: 'YYYY-MM-DD'; delayDays: integer >= 0\n  // return the payout date as 'YYYY-MM-DD'\n}\n",
      "typescript": "function payoutDate(date: string, delayDays: number): string {\n  return date;\n}\n",
      "python": "def payoutDate(date, delayDays):\n    # date: 'YYYY-MM-DD'; delayDays: integer >= 0\n    # return the payout date as 'YYYY-MM-DD'\n    pass\n",
    },
    "docs": """
      Dates are ISO strings, 'YYYY-MM-DD'. They compare and sort correctly as plain strings.
      2024 is a leap year (29 February). 1 March 2024 is a Friday; 25 December 2024 a Wednesday.

      JavaScript: new Date(Date.UTC(y, m - 1, d)) makes a UTC date; getUTCDay() is 0 for Sunday
      and 6 for Saturday; toISOString().slice(0, 10) formats it. Add days as 86400000 ms in UTC.
      Python: datetime.date.fromisoformat, timedelta(days=1), weekday() is 5 for Saturday and 6
      for Sunday, isoformat().
    """,
    "parts": [
      {
        "title": "Calendar days",
        "statement": "payoutDate(date, delayDays) returns the date delayDays calendar days after date. Dates are 'YYYY-MM-DD' strings; the delay is a whole number, zero or more.",
        "tests": [
          {"call": ["2024-03-01", 2], "expected": "2024-03-03"},
          {"name": "leap year", "call": ["2024-02-28", 2], "expected": "2024-03-01"},
        ],
        "hidden": [
          {"name": "not a leap year", "call": ["2023-02-28", 1], "expected": "2023-03-01"},
          {"name": "year end", "call": ["2024-12-30", 3], "expected": "2025-01-02"},
          {"name": "no delay", "call": ["2024-05-10", 0], "expected": "2024-05-10"},
        ],
        "discuss": "Which days of the year would you put in tests for date code, and why those?",
        "reference": {"javascript": P1_JS, "python": P1_PY},
      },
      {
        "title": "Business days",
        "statement": "Banks do not pay out at weekends. The delay now counts business days (Monday to Friday): if the charge date is a Saturday or Sunday, first move to the next Monday; then step forward one day at a time, counting only business days, until delayDays have been counted. With a delay of zero, a weekday charge pays out the same day.",
        "regression": False,
        "tests": [
          {"name": "Friday plus two", "call": ["2024-03-01", 2], "expected": "2024-03-05"},
          {"name": "Wednesday plus two", "call": ["2024-03-06", 2], "expected": "2024-03-08"},
        ],
        "hidden": [
          {"name": "Saturday counts from Monday", "call": ["2024-03-02", 1], "expected": "2024-03-05"},
          {"name": "Sunday, no delay", "call": ["2024-03-03", 0], "expected": "2024-03-04"},
          {"name": "across the year end", "call": ["2024-12-27", 3], "expected": "2025-01-01"},
          {"name": "Friday, no delay", "call": ["2024-03-01", 0], "expected": "2024-03-01"},
        ],
        "discuss": "What is the cost of stepping day by day for a delay of a thousand days, and could you do better?",
        "reference": {"javascript": P2_JS, "python": P2_PY},
      },
      {
        "title": "Holidays",
        "statement": "Bank holidays are not business days either. payoutDate takes a third argument, a list of holiday dates ('YYYY-MM-DD'); when it is missing, there are no holidays. A holiday is skipped exactly like a weekend, both when rolling the start forward and when counting.",
        "tests": [
          {"name": "two holidays in a row", "call": ["2024-12-24", 2, ["2024-12-25", "2024-12-26"]], "expected": "2024-12-30"},
          {"name": "holiday on Monday", "call": ["2024-03-01", 1, ["2024-03-04"]], "expected": "2024-03-05"},
        ],
        "hidden": [
          {"name": "holiday start rolls past a long weekend", "call": ["2024-03-29", 0, ["2024-03-29", "2024-04-01"]], "expected": "2024-04-02"},
          {"name": "holiday on a Saturday changes nothing", "call": ["2024-03-01", 1, ["2024-03-02"]], "expected": "2024-03-04"},
          {"name": "empty holiday list", "call": ["2024-03-06", 2, []], "expected": "2024-03-08"},
        ],
        "discuss": "How would you store holiday calendars for thirty countries, and who should own that data?",
        "reference": {"javascript": P3_JS, "python": P3_PY},
      },
      {
        "title": "A payout schedule",
        "statement": "Merchants see upcoming payouts, not single charges. Write payoutSchedule(charges, delayDays, holidays): charges look like { id, date, amount }. Give every charge its payout date as in part 3, and return one entry per payout date, { date, amount, charges }, where amount is the sum of its charges' amounts and charges lists their ids in input order. Sort the entries by date.",
        "functionName": "payoutSchedule",
        "tests": [
          {"name": "a Saturday charge joins Monday's charges", "call": [[c(1, "2024-03-01", 1000), c(2, "2024-03-02", 500), c(3, "2024-03-04", 250)], 1, []], "expected": [{"date": "2024-03-04", "amount": 1000, "charges": ["ch_1"]}, {"date": "2024-03-05", "amount": 750, "charges": ["ch_2", "ch_3"]}]},
          {"name": "no charges", "call": [[], 2, []], "expected": []},
        ],
        "hidden": [
          {"name": "sorted by payout date", "call": [[c(1, "2024-03-06", 100), c(2, "2024-03-01", 200)], 2, []], "expected": [{"date": "2024-03-05", "amount": 200, "charges": ["ch_2"]}, {"date": "2024-03-08", "amount": 100, "charges": ["ch_1"]}]},
          {"name": "holidays", "call": [[c(1, "2024-12-24", 100), c(2, "2024-12-27", 50)], 1, ["2024-12-25", "2024-12-26"]], "expected": [{"date": "2024-12-27", "amount": 100, "charges": ["ch_1"]}, {"date": "2024-12-30", "amount": 50, "charges": ["ch_2"]}]},
        ],
        "discuss": "A merchant asks why two charges from the same day are in different payouts. What in your design could cause that, and how would you explain it?",
        "reference": {"javascript": P4_JS, "python": P4_PY},
      },
    ],
    "complexity": ["O(d) per charge for a delay of d days (weekends and holidays included), O(n log n) to sort the payouts", "O(h) for the holiday set, O(n) for the schedule"],
  },
}
