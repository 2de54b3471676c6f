import os, re, sys
path = 'content/roles/stripe-backend-engineer.yaml'
lines = open(path).read().split('\n')
refs = {f[:-3]: open('scratch/refs/' + f).read().rstrip('\n') for f in os.listdir('scratch/refs')}
out = []
i = 0
current = None
while i < len(lines):
    line = lines[i]
    m = re.match(r'^      - id: (\S+)$', line)
    if m: current = m.group(1)
    out.append(line)
    if current in refs and re.match(r'^            javascript: \|$', line) and out[-2].strip() == 'reference:':
        i += 1
        while i < len(lines) and (lines[i].startswith('              ') or lines[i].strip() == ''):
            # stop at blank line followed by less-indented content
            if lines[i].strip() == '' and i + 1 < len(lines) and not lines[i + 1].startswith('              '):
                break
            out.append(lines[i]); i += 1
        out.append('            python: |')
        out.extend(('              ' + l) if l else '' for l in refs[current].split('\n'))
        del refs[current]
        continue
    i += 1
open(path, 'w').write('\n'.join(out))
print('left', list(refs))
