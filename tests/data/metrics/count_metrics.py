#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count metric families and samples of an exposition by the rule in README.md ("Counting").

    count_metrics.py openmetrics|text FILE...   prints "families=N samples=M" for each FILE
                                                 (with "FILE: " before it when given several)

This is the reference the C++ parser's data-driven tests are checked against (capture.sh writes
its answer as NAME.txt.expect). It counts, it does not validate: give it valid input.
"""

import sys

# Sample-name suffixes each type allows, after the family name.
OM_SUFFIXES = {
    'counter': ('_total', '_created'),
    'summary': ('', '_count', '_sum', '_created'),
    'histogram': ('_bucket', '_count', '_sum', '_created'),
    'gaugehistogram': ('_bucket', '_gcount', '_gsum'),
    'info': ('_info',),
    'gauge': ('',),
    'stateset': ('',),
    'unknown': ('',),
}
TEXT_SUFFIXES = {
    'counter': ('',),
    'gauge': ('',),
    'untyped': ('',),
    'summary': ('', '_sum', '_count'),
    'histogram': ('_bucket', '_sum', '_count'),
}


def sample_name(line):
    line = line.lstrip(' \t')
    end = len(line)
    for i, c in enumerate(line):
        if c in '{ \t':
            end = i
            break
    return line[:end]


def count_openmetrics(text):
    families = samples = 0
    name = None  # the current family
    ftype = None
    for line in text.split('\n'):
        if line == '# EOF':
            break
        if line.startswith('# '):
            parts = line.split(' ', 3)
            if len(parts) >= 3 and parts[1] in ('TYPE', 'HELP', 'UNIT'):
                if parts[2] != name:
                    families += 1
                    name, ftype = parts[2], 'unknown'
                if parts[1] == 'TYPE':
                    ftype = parts[3]
            continue
        if not line:
            continue
        samples += 1
        sname = sample_name(line)
        if name is None or not any(sname == name + s for s in OM_SUFFIXES[ftype]):
            families += 1  # a sample that cannot be part of the current family starts one
            name, ftype = sname, 'unknown'
    return families, samples


def count_text(text):
    types = {}  # family name -> type, in order of appearance
    samples = 0
    for line in text.split('\n'):
        stripped = line.strip(' \t')
        if not stripped:
            continue
        if stripped.startswith('#'):
            tokens = stripped[1:].split()
            if len(tokens) >= 2 and tokens[0] in ('HELP', 'TYPE'):
                current = types.get(tokens[1], 'untyped')
                types[tokens[1]] = tokens[2] if tokens[0] == 'TYPE' and len(tokens) > 2 else current
            continue
        samples += 1
        sname = sample_name(stripped)
        owner = None
        for fname, ftype in types.items():
            if any(sname == fname + s for s in TEXT_SUFFIXES.get(ftype, ('',))):
                owner = fname
                break
        if owner is None:
            types[sname] = 'untyped'
    return len(types), samples


def main(argv):
    if len(argv) < 3 or argv[1] not in ('openmetrics', 'text'):
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    count = count_openmetrics if argv[1] == 'openmetrics' else count_text
    for path in argv[2:]:
        with open(path, encoding='utf-8', newline='') as f:
            families, samples = count(f.read())
        prefix = f'{path}: ' if len(argv) > 3 else ''
        print(f'{prefix}families={families} samples={samples}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
