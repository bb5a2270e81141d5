#!/usr/bin/env python3
"""Writes src/client/doc/reference.md: every public function of include/ember.h with its
declaration, the contract comment above it, and the documentation examples that call it.
Usage (from the repo root): python3 tests/client/tools/doc_reference.py
client_docs fails when a function of ember.h is missing from the pages, so rerun this after
adding one (and call it from an example)."""
import os
import re

ROOT = os.path.join(os.path.dirname(__file__), '..', '..', '..')
HEADER = os.path.join(ROOT, 'include', 'ember.h')
EXAMPLES = os.path.join(ROOT, 'tests', 'client', 'doc_examples')
OUT = os.path.join(ROOT, 'src', 'client', 'doc', 'reference.md')

text = open(HEADER).read()
calls = {}
for name in sorted(os.listdir(EXAMPLES)):
    if name.endswith('.c'):
        for fn in set(re.findall(r'\b(ember_[a-z0-9_]+)\s*\(', open(os.path.join(EXAMPLES, name)).read())):
            calls.setdefault(fn, []).append(name)

sections = []  # (title, [(name, decl, comment)])
comment = ''
section = 'Top'
decl_re = re.compile(r'^([A-Za-z_][\w \*]*?\b)(ember_[a-z0-9_]+)\s*\(', re.M)
lines = text.split('\n')
idx = 0
entries = []
while idx < len(lines):
    line = lines[idx]
    m = re.match(r'^ \* (\S.*\S)\s*$', line)
    if line.startswith(' * ====') and idx + 1 < len(lines):
        pass
    if line.startswith('/* ====') or line.startswith(' * ===='):
        # "/* ===...\n * Title\n * ===...*/"
        if idx + 1 < len(lines) and lines[idx + 1].startswith(' * ') and '====' not in lines[idx + 1]:
            section = lines[idx + 1][3:].strip()
        comment = ''
        idx += 1
        continue
    if line.startswith('/* ---'):
        section_sub = line.strip('/* -').strip()
        if section_sub:
            section = section.split(' / ')[0] + ' / ' + section_sub
        comment = ''
        idx += 1
        continue
    if line.startswith('/*'):
        buf = [line]
        while '*/' not in lines[idx]:
            idx += 1
            buf.append(lines[idx])
        comment = '\n'.join(buf)
        idx += 1
        continue
    dm = decl_re.match(line)
    if dm and not line.startswith('#'):
        decl = [line]
        while ';' not in decl[-1] and idx + 1 < len(lines):
            idx += 1
            decl.append(lines[idx].strip())
        # a trailing "/* ... */" comment on the declaration line counts too
        tail = re.search(r'/\*(.*)\*/\s*$', decl[-1])
        entries.append((section, dm.group(2), ' '.join(d.split('/*')[0].strip() for d in decl), comment, tail.group(1).strip() if tail else ''))
        idx += 1
        continue
    if line.strip() == '':
        comment = ''
    idx += 1

def clean(c):
    c = re.sub(r'^/\*+\s?', '', c.strip())
    c = re.sub(r'\*/$', '', c)
    c = '\n'.join(re.sub(r'^\s*\*\s?', '', l) for l in c.split('\n'))
    return ' '.join(c.split())

out = ['# Reference', '',
       'Every public function of `include/ember.h`, in header order: its declaration, its',
       'contract (the comment above it in the header, which is authoritative), and the example',
       'programs of these pages that call it. Written by `tests/client/tools/doc_reference.py`.', '']
cur = None
for section, name, decl, comment, tail in entries:
    if section != cur:
        out += ['## ' + section, '']
        cur = section
    ex = ', '.join(f'[{e}](../../../tests/client/doc_examples/{e})' for e in calls.get(name, [])) or '—'
    out.append(f'### `{name}`')
    out.append('')
    out.append('```c')
    out.append(re.sub(r'\s+', ' ', decl))
    out.append('```')
    text_c = clean(comment) if comment else ''
    if tail:
        text_c = (text_c + ' ' if text_c else '') + tail
    if text_c:
        out.append(text_c)
    out.append('')
    out.append('Examples: ' + ex)
    out.append('')
open(OUT, 'w').write('\n'.join(out))
print(len(entries), 'functions')
