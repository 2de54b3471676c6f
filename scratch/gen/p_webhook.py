import hmac, hashlib
def sig(secret, t, payload): return hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
PAY = '{"id":"evt_1","type":"charge.succeeded"}'
T = 1700000000

P1_JS = '''
const crypto = require('node:crypto');

function parseHeader(header) {
  const fields = { t: [], v1: [] };
  for (const part of String(header).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name in fields) fields[name].push(part.slice(eq + 1).trim());
  }
  if (fields.t.length !== 1 || !/^\\d+$/.test(fields.t[0]) || fields.v1.length === 0) return null;
  return { t: Number(fields.t[0]), signatures: fields.v1 };
}

/** Compares in constant time, so the response time does not leak how much of a guess was right. */
function sameHex(a, b) {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function expected(secret, t, payload) {
  return crypto.createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
}

function verifyWebhook(header, payload, secret) {
  const parsed = parseHeader(header);
  if (!parsed) return 'malformed_header';
  const want = expected(secret, parsed.t, payload);
  return parsed.signatures.some((s) => sameHex(s, want)) ? 'valid' : 'invalid_signature';
}
'''
P1_PY = '''
import hashlib
import hmac
import re


def parse_header(header):
    fields = {"t": [], "v1": []}
    for part in str(header).split(","):
        name, eq, value = part.partition("=")
        if eq and name.strip() in fields:
            fields[name.strip()].append(value.strip())
    if len(fields["t"]) != 1 or not re.fullmatch(r"\\d+", fields["t"][0]) or not fields["v1"]:
        return None
    return int(fields["t"][0]), fields["v1"]


def expected(secret, t, payload):
    return hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()


def verifyWebhook(header, payload, secret):
    parsed = parse_header(header)
    if parsed is None:
        return "malformed_header"
    t, signatures = parsed
    want = expected(secret, t, payload)
    # compare_digest takes the same time however much of a guess is right.
    return "valid" if any(hmac.compare_digest(s, want) for s in signatures) else "invalid_signature"
'''
P2_JS = P1_JS.replace('''function verifyWebhook(header, payload, secret) {
  const parsed = parseHeader(header);
  if (!parsed) return 'malformed_header';
  const want = expected(secret, parsed.t, payload);
  return parsed.signatures.some((s) => sameHex(s, want)) ? 'valid' : 'invalid_signature';
}''', '''function verifyWebhook(header, payload, secret, now, toleranceSeconds = 300) {
  const parsed = parseHeader(header);
  if (!parsed) return 'malformed_header';
  const want = expected(secret, parsed.t, payload);
  if (!parsed.signatures.some((s) => sameHex(s, want))) return 'invalid_signature';
  // Older callers pass no time: nothing to compare with.
  if (now !== undefined && Math.abs(now - parsed.t) > toleranceSeconds) return 'timestamp_out_of_tolerance';
  return 'valid';
}''')
P2_PY = P1_PY.replace('''def verifyWebhook(header, payload, secret):
    parsed = parse_header(header)
    if parsed is None:
        return "malformed_header"
    t, signatures = parsed
    want = expected(secret, t, payload)
    # compare_digest takes the same time however much of a guess is right.
    return "valid" if any(hmac.compare_digest(s, want) for s in signatures) else "invalid_signature"''', '''def verifyWebhook(header, payload, secret, now=None, toleranceSeconds=300):
    parsed = parse_header(header)
    if parsed is None:
        return "malformed_header"
    t, signatures = parsed
    want = expected(secret, t, payload)
    # compare_digest takes the same time however much of a guess is right.
    if not any(hmac.compare_digest(s, want) for s in signatures):
        return "invalid_signature"
    # Older callers pass no time: nothing to compare with.
    if now is not None and abs(now - t) > toleranceSeconds:
        return "timestamp_out_of_tolerance"
    return "valid"''')
P3_JS = P2_JS.replace('''  const want = expected(secret, parsed.t, payload);
  if (!parsed.signatures.some((s) => sameHex(s, want))) return 'invalid_signature';''', '''  const secrets = Array.isArray(secret) ? secret : [secret];
  const wanted = secrets.map((s) => expected(s, parsed.t, payload));
  if (!parsed.signatures.some((s) => wanted.some((w) => sameHex(s, w)))) return 'invalid_signature';''')
P3_PY = P2_PY.replace('''    want = expected(secret, t, payload)
    # compare_digest takes the same time however much of a guess is right.
    if not any(hmac.compare_digest(s, want) for s in signatures):''', '''    secrets = secret if isinstance(secret, list) else [secret]
    wanted = [expected(s, t, payload) for s in secrets]
    # compare_digest takes the same time however much of a guess is right.
    if not any(hmac.compare_digest(s, w) for s in signatures for w in wanted):''')
assert P3_JS != P2_JS and P3_PY != P2_PY and P2_JS != P1_JS and P2_PY != P1_PY

good = f"t={T},v1={sig('whsec_test', T, PAY)}"
WEBHOOK = {
  "id": "stripe-be-ex-webhook-signatures",
  "prompt": "We send webhooks to our users' servers, and anyone on the internet can post to those endpoints too. Each webhook carries a signature header made with a secret only we and the user know. Write verifyWebhook, the check a user's server runs before trusting a webhook.",
  "difficulty": "medium",
  "topics": ["Security", "Webhooks", "Parsing", "Edge cases"],
  "answerMinutes": 35,
  "rubric": [
    ["hmac", "Computes HMAC-SHA256 over exactly the signed string (timestamp, a dot, the raw payload) and compares hex digests.", "Signing the parsed or re-serialised JSON instead of the raw bytes breaks on harmless formatting changes.", ["hmac", "sha256", "raw payload", "signed string", "hex digest", "secret"]],
    ["parsing", "Parses the header defensively: missing or repeated fields, non-numeric timestamps, extra fields and spaces.", "Malformed input is attacker input here; a crash or a lenient parse is a security bug.", ["parse", "malformed", "split", "missing", "extra fields", "validate", "spaces"]],
    ["constant-time", "Compares signatures in constant time and explains the timing attack.", "An early-exit string compare leaks how many leading characters of a forged signature are right.", ["constant time", "timing attack", "timingSafeEqual", "compare_digest", "leak"]],
    ["replay", "Rejects old or far-future timestamps after checking the signature, and explains replay attacks.", "A valid signed webhook captured once could otherwise be replayed forever.", ["replay", "tolerance", "timestamp", "five minutes", "300", "clock skew", "future"]],
    ["rotation", "Accepts several signatures and several secrets during a secret rotation, and explains how the rotation is rolled out.", "Rotating a secret without downtime needs an overlap where both secrets are valid.", ["rotation", "roll", "two secrets", "overlap", "old secret", "new secret", "any of"]],
  ],
  "followUps": [
    ["Why check the timestamp at all if the signature already proves we sent it?", "replay"],
    ["What is wrong with comparing the two signatures with == ?", "constant-time"],
    ["A user wants to rotate their webhook secret without dropping events. Walk me through it.", "rotation"],
  ],
  "outline": [
    "Clarify the header format, what is signed, and the result strings.",
    "Part 1: parse t and v1 fields defensively; HMAC-SHA256 of `t.payload`; constant-time compare.",
    "Part 2: after the signature, compare now with t against the tolerance in both directions.",
    "Part 3: accept any v1 against any of the secrets.",
    "Tests: tampered payload, wrong secret, missing fields, boundary of the tolerance, rotation overlap.",
  ],
  "pitfalls": [
    "Re-serialising the JSON payload before signing.",
    "Comparing signatures with == or early-exit loops.",
    "Checking only old timestamps, not ones from the future.",
    "Throwing on a malformed header instead of rejecting it.",
  ],
  "exercise": {
    "functionName": "verifyWebhook",
    "starter": {
      "javascript": "const crypto = require('node:crypto');\n\nfunction verifyWebhook(header, payload, secret) {\n  // header: 't=<unix seconds>,v1=<hex signature>'\n  // return 'valid' | 'invalid_signature' | 'malformed_header'\n}\n",
      "typescript": "import crypto from 'node:crypto';\n\nexport function verifyWebhook(header: string, payload: string, secret: string): string {\n  return 'invalid_signature';\n}\n",
      "python": "import hashlib\nimport hmac\n\n\ndef verifyWebhook(header, payload, secret):\n    # header: 't=<unix seconds>,v1=<hex signature>'\n    # return 'valid' | 'invalid_signature' | 'malformed_header'\n    pass\n",
    },
    "docs": """
      The signature header looks like:  t=1700000000,v1=5257a869e7ec...
      Fields are separated by commas, each is name=value; ignore fields you do not know.

      The signed string is the timestamp, a dot, and the payload exactly as received:
        signed = `${t}.${payload}`
      The signature is HMAC-SHA256(key = secret, message = signed), as lowercase hex.

      JavaScript: crypto.createHmac('sha256', secret).update(signed).digest('hex');
                  crypto.timingSafeEqual(a, b) compares two Buffers of equal length.
      Python:     hmac.new(secret.encode(), signed.encode(), hashlib.sha256).hexdigest();
                  hmac.compare_digest(a, b).
    """,
    "parts": [
      {
        "title": "Check the signature",
        "statement": "verifyWebhook(header, payload, secret) returns 'valid' when one of the header's v1 signatures is the HMAC-SHA256 of `t.payload` with the secret, 'invalid_signature' when none is, and 'malformed_header' when the header has no v1 field, no t field, more than one t field, or a t that is not a whole number. Compare signatures in constant time.",
        "tests": [
          {"name": "valid", "call": [good, PAY, "whsec_test"], "expected": "valid"},
          {"name": "tampered payload", "call": [good, '{"id":"evt_1","type":"charge.refunded"}', "whsec_test"], "expected": "invalid_signature"},
          {"name": "no timestamp", "call": [f"v1={sig('whsec_test', T, PAY)}", PAY, "whsec_test"], "expected": "malformed_header"},
        ],
        "hidden": [
          {"name": "wrong secret", "call": [good, PAY, "whsec_other"], "expected": "invalid_signature"},
          {"name": "spaces and unknown fields", "call": [f"t={T}, v0=abc, v1={sig('whsec_test', T, PAY)}", PAY, "whsec_test"], "expected": "valid"},
          {"name": "timestamp not a number", "call": [f"t=abc,v1={sig('whsec_test', T, PAY)}", PAY, "whsec_test"], "expected": "malformed_header"},
          {"name": "two timestamps", "call": [f"t={T},t={T + 1},v1={sig('whsec_test', T, PAY)}", PAY, "whsec_test"], "expected": "malformed_header"},
          {"name": "empty header", "call": ["", PAY, "whsec_test"], "expected": "malformed_header"},
          {"name": "signature of another timestamp", "call": [f"t={T + 400},v1={sig('whsec_test', T, PAY)}", PAY, "whsec_test"], "expected": "invalid_signature"},
        ],
        "discuss": "Why sign the raw payload rather than the parsed JSON?",
        "reference": {"javascript": P1_JS, "python": P1_PY},
      },
      {
        "title": "Replayed webhooks",
        "statement": "A webhook captured in transit could be sent again later. verifyWebhook takes two more arguments, now (unix seconds) and toleranceSeconds (300 when left out). After the signature checks out, return 'timestamp_out_of_tolerance' when the header's t is more than toleranceSeconds away from now, in the past or the future. When now is not given at all, skip this check, so existing callers keep working.",
        "tests": [
          {"name": "fresh", "call": [good, PAY, "whsec_test", T + 30], "expected": "valid"},
          {"name": "ten minutes old", "call": [good, PAY, "whsec_test", T + 600], "expected": "timestamp_out_of_tolerance"},
        ],
        "hidden": [
          {"name": "exactly at the tolerance", "call": [good, PAY, "whsec_test", T + 300], "expected": "valid"},
          {"name": "one second past it", "call": [good, PAY, "whsec_test", T + 301], "expected": "timestamp_out_of_tolerance"},
          {"name": "from the future", "call": [good, PAY, "whsec_test", T - 400], "expected": "timestamp_out_of_tolerance"},
          {"name": "custom tolerance", "call": [good, PAY, "whsec_test", T + 600, 900], "expected": "valid"},
          {"name": "bad signature is reported first", "call": [good, PAY, "whsec_other", T + 600], "expected": "invalid_signature"},
        ],
        "discuss": "Which do you check first, the signature or the time, and does the order matter?",
        "reference": {"javascript": P2_JS, "python": P2_PY},
      },
      {
        "title": "Rotating secrets",
        "statement": "Users rotate their webhook secret now and then. While a rotation is under way we sign each webhook with both the old and the new secret, so the header carries several v1 fields, and the user's server knows both secrets. secret may now be a list of secrets (a single string must still work): the webhook is valid when any v1 signature matches any of the secrets.",
        "tests": [
          {"name": "new secret, two signatures", "call": [f"t={T},v1={sig('whsec_old', T, PAY)},v1={sig('whsec_new', T, PAY)}", PAY, ["whsec_new"], T + 10], "expected": "valid"},
          {"name": "server knows both", "call": [f"t={T},v1={sig('whsec_old', T, PAY)}", PAY, ["whsec_new", "whsec_old"], T + 10], "expected": "valid"},
        ],
        "hidden": [
          {"name": "neither secret", "call": [f"t={T},v1={sig('whsec_old', T, PAY)},v1={sig('whsec_new', T, PAY)}", PAY, ["whsec_test"], T], "expected": "invalid_signature"},
          {"name": "empty list of secrets", "call": [good, PAY, [], T], "expected": "invalid_signature"},
          {"name": "rotation does not skip the time check", "call": [f"t={T},v1={sig('whsec_new', T, PAY)}", PAY, ["whsec_old", "whsec_new"], T + 1000], "expected": "timestamp_out_of_tolerance"},
        ],
        "discuss": "How long should the overlap last, and how does the user know when to drop the old secret?",
        "reference": {"javascript": P3_JS, "python": P3_PY},
      },
    ],
    "complexity": ["O(header length + payload length x number of secrets)", "O(header length)"],
  },
}
