import re, sys
sys.path.insert(0, '.')
from emit import question_yaml, folded, flow
from p_ledger import LEDGER
from p_fees import FEES
from p_payout import PAYOUT
from p_idem import IDEM
from p_rate import RATE
from p_webhook import WEBHOOK
from p_settle import SETTLE
from recruiter import RECRUITER

def plain_question(q):
    I = 6; p = ' ' * 8
    L = [f"{' ' * I}- id: {q['id']}", f"{p}prompt: {folded(q['prompt'], 10)}", f"{p}difficulty: easy",
         f"{p}topics: {flow([q['competency']])}", f"{p}answerMinutes: {q['answerMinutes']}", f"{p}competency: {q['competency']}", f"{p}rubric:"]
    for r in q['rubric']:
        L += [f"{p}  - id: {r[0]}", f"{p}    point: {flow(r[1])}", f"{p}    why: {flow(r[2])}", f"{p}    signals: {flow(r[3])}"]
    L.append(f"{p}followUps:")
    for f in q['followUps']:
        L.append(f"{p}  - prompt: {flow(f[0])}")
        if len(f) > 1: L.append(f"{p}    probes: {f[1]}")
    L.append(f"{p}outline:"); L += [f"{p}  - {flow(o)}" for o in q['outline']]
    L.append(f"{p}pitfalls:"); L += [f"{p}  - {flow(o)}" for o in q['pitfalls']]
    return '\n'.join(L) + '\n'

path = '../../content/roles/stripe-backend-engineer.yaml'
text = open(path).read()
start = text.index('  - id: practical-coding\n')
end = text.index('  - id: system-design\n')
old = text[start:end]
qstart = old.index('    questions:\n') + len('    questions:\n')
warmups = old[qstart:].rstrip('\n') + '\n'

practical = f"""  - id: practical-coding
    kind: coding
    title: Practical coding
    minutes: 60
    questionsPerSession: 1
    maxFollowUps: 2
    intro: {folded("Thanks for making the time. This is a practical coding round: one problem that looks like something we actually build, in a few parts. I'll show you the next part when the current one works. Pick the language you are most comfortable in, run the tests as often as you like, write your own, and talk me through your choices. Edge cases matter a lot here.", 6)}
    questions:
""" + '\n'.join(question_yaml(q) for q in (LEDGER, FEES, IDEM, RATE, WEBHOOK)) + '\n'

phone = f"""  - id: phone-screen
    kind: coding
    title: Technical phone screen
    minutes: 60
    questionsPerSession: 1
    maxFollowUps: 2
    intro: {folded("Hi, thanks for joining. For the next hour we'll work through one practical problem together in a shared editor. It comes in parts; when one part works, I'll give you the next. Use whichever language you like, run your code often, and think out loud so I can follow.", 6)}
    questions:
""" + '\n'.join(question_yaml(q) for q in (SETTLE, PAYOUT)) + '\n'

recruiter = f"""  - id: recruiter-screen
    kind: recruiter_screen
    title: Recruiter screen
    minutes: 30
    questionsPerSession: 4
    maxFollowUps: 1
    intro: {folded("Hi, great to meet you. This is an informal first conversation: I'd like to hear about your background and what you're looking for, tell you a little about the process, and answer your questions at the end.", 6)}
    questions:
""" + '\n'.join(plain_question(q) for q in RECRUITER) + '\n'

warm = f"""  - id: coding-warm-ups
    kind: coding
    title: Coding warm-ups
    minutes: 45
    questionsPerSession: 2
    maxFollowUps: 2
    intro: {folded("Let's warm up with shorter problems, one function each. Run the tests, then talk me through edge cases and complexity.", 6)}
    questions:
""" + warmups

text = text[:start] + practical + text[end:]
text = text.rstrip('\n') + '\n' + phone + recruiter + warm
open(path, 'w').write(text)
print('ok')
