import json, textwrap

def folded(text, indent):
    pad = ' ' * indent
    return '>-\n' + '\n'.join(pad + l for l in textwrap.wrap(' '.join(text.split()), 96 - indent))

def block(text, indent):
    pad = ' ' * indent
    return '|\n' + '\n'.join((pad + l) if l.strip() else '' for l in textwrap.dedent(text).strip('\n').split('\n'))

def flow(v):
    return json.dumps(v, ensure_ascii=False)

def test_yaml(t, indent):
    pad = ' ' * indent
    out = []
    first = True
    for k in ('name', 'call', 'methods', 'stdin', 'expected'):
        if k not in t: continue
        prefix = pad[:-2] + '- ' if first else pad
        first = False
        v = t[k]
        if k == 'name': out.append(f'{prefix}name: {flow(v)}')
        else: out.append(f'{prefix}{k}: {flow(v)}')
    return '\n'.join(out)

def question_yaml(q):
    I = 6
    p = ' ' * (I + 2)
    L = [f"{' ' * I}- id: {q['id']}"]
    L.append(f"{p}prompt: {folded(q['prompt'], I + 4)}")
    L.append(f"{p}difficulty: {q['difficulty']}")
    L.append(f"{p}topics: {flow(q['topics'])}")
    L.append(f"{p}answerMinutes: {q['answerMinutes']}")
    L.append(f"{p}rubric:")
    for r in q['rubric']:
        L.append(f"{p}  - id: {r[0]}")
        L.append(f"{p}    point: {flow(r[1])}")
        L.append(f"{p}    why: {flow(r[2])}")
        L.append(f"{p}    signals: {flow(r[3])}")
    L.append(f"{p}followUps:")
    for f in q['followUps']:
        L.append(f"{p}  - prompt: {flow(f[0])}")
        if len(f) > 1: L.append(f"{p}    probes: {f[1]}")
    L.append(f"{p}outline:")
    for o in q['outline']: L.append(f"{p}  - {flow(o)}")
    L.append(f"{p}pitfalls:")
    for o in q['pitfalls']: L.append(f"{p}  - {flow(o)}")
    e = q['exercise']
    L.append(f"{p}exercise:")
    ep = p + '  '
    for k in ('functionName', 'className'):
        if k in e: L.append(f"{ep}{k}: {e[k]}")
    L.append(f"{ep}starter:")
    for lang in ('javascript', 'typescript', 'python'):
        if lang in e['starter']: L.append(f"{ep}  {lang}: {block(e['starter'][lang], len(ep) + 4)}")
    if 'docs' in e: L.append(f"{ep}docs: {block(e['docs'], len(ep) + 2)}")
    L.append(f"{ep}parts:")
    for part in e['parts']:
        pp = ep + '    '
        L.append(f"{ep}  - title: {flow(part['title'])}")
        L.append(f"{pp}statement: {folded(part['statement'], len(pp) + 2)}")
        for k in ('functionName', 'className'):
            if k in part: L.append(f"{pp}{k}: {part[k]}")
        if part.get('regression') is False: L.append(f"{pp}regression: false")
        for k in ('tests', 'hidden'):
            L.append(f"{pp}{k}:")
            for t in part[k]: L.append(test_yaml(t, len(pp) + 4))
        if 'discuss' in part: L.append(f"{pp}discuss: {folded(part['discuss'], len(pp) + 2)}")
        L.append(f"{pp}reference:")
        for lang in ('javascript', 'typescript', 'python'):
            if lang in part['reference']: L.append(f"{pp}  {lang}: {block(part['reference'][lang], len(pp) + 4)}")
    if 'complexity' in e:
        L.append(f"{ep}complexity:")
        L.append(f"{ep}  time: {flow(e['complexity'][0])}")
        L.append(f"{ep}  space: {flow(e['complexity'][1])}")
    return '\n'.join(L) + '\n'
