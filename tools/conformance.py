#!/usr/bin/env python3
"""Writes docs/conformance.md: every OCTT charge-point case of OCPP 1.6 with the test that runs it
and that test's result in this run. The cases come from ../shared/ocpp/OCTT-CASES.md, the results
from the run's trx file, the reasons for cases without a test from PowerBrain.Tests/Octt/not-automated.tsv.
A test runs a case when its name starts with the case id (TC_046_1_...).
Usage: conformance.py OCTT-CASES.md results.trx not-automated.tsv docs/conformance.md"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

cases_md, trx, reasons_tsv, out = sys.argv[1:5]

groups, cases = [], []
group = None
for line in open(cases_md, encoding='utf-8'):
    m = re.match(r'^## \d+\. (.+?) \((\d+)\)\s*$', line)
    if m:
        group = m.group(1)
        groups.append((group, int(m.group(2))))
        continue
    m = re.match(r'^\*\*(TC_\d+(?:_\d+)?) (.+?)\*\*', line)
    if m and group:
        cases.append((group, m.group(1), m.group(2)))

results = {}
ns = {'t': 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010'}
for r in ET.parse(trx).getroot().iterfind('.//t:UnitTestResult', ns):
    results[r.get('testName')] = r.get('outcome', '').lower()

reasons = {}
for line in open(reasons_tsv, encoding='utf-8'):
    if line.startswith('#') or not line.strip():
        continue
    case, kind, reason = line.rstrip('\n').split('\t', 2)
    reasons[case] = (kind, reason)

def tests_for(case):
    return sorted(n for n in results if n == case or n.startswith(case + '_'))

rows, tally = {}, {}
for g, case, title in cases:
    tests = tests_for(case)
    t = tally.setdefault(g, {'cases': 0, 'automated': 0, 'passed': 0, 'failed': 0, 'n/a': 0, 'open': 0})
    t['cases'] += 1
    if tests:
        outcomes = [results[n] for n in tests]
        ok = all(o == 'passed' for o in outcomes)
        t['automated'] += 1
        t['passed' if ok else 'failed'] += 1
        rows.setdefault(g, []).append((case, title, ', '.join('`' + n + '`' for n in tests), 'passed' if ok else 'FAILED (' + ', '.join(outcomes) + ')'))
    else:
        kind, reason = reasons.get(case, ('open', 'no test yet'))
        t['n/a' if kind == 'n/a' else 'open'] += 1
        rows.setdefault(g, []).append((case, title, '—', ('does not apply: ' if kind == 'n/a' else 'not automated: ') + reason))

try:
    commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
except OSError:
    commit = '?'
with open(out, 'w', encoding='utf-8') as f:
    f.write('# OCPP 1.6 conformance: the OCTT charge-point cases\n\n')
    f.write('Written by `./test.sh` from the results of its run (%s, commit %s); do not edit by hand.\n' %
            (datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC'), commit or '?'))
    f.write('Each automated case is a test named after the case id that runs the emulator against the strict\n'
            'ocpp-rpc central system with the official OCPP 1.6 schemas (`PowerBrain.Tests/Octt/`). The case list is\n'
            '`../shared/ocpp/OCTT-CASES.md` (a paraphrase of the OCA test tool\'s cases); the reasons for cases without\n'
            'a test are in `PowerBrain.Tests/Octt/not-automated.tsv`.\n\n')
    f.write('| group | cases | automated | passed | failed | does not apply | not automated |\n|---|---:|---:|---:|---:|---:|---:|\n')
    total = {'cases': 0, 'automated': 0, 'passed': 0, 'failed': 0, 'n/a': 0, 'open': 0}
    for g, _ in groups:
        t = tally.get(g, {'cases': 0, 'automated': 0, 'passed': 0, 'failed': 0, 'n/a': 0, 'open': 0})
        for k in total:
            total[k] += t[k]
        f.write('| %s | %d | %d | %d | %d | %d | %d |\n' % (g, t['cases'], t['automated'], t['passed'], t['failed'], t['n/a'], t['open']))
    f.write('| **all** | %d | %d | %d | %d | %d | %d |\n\n' % (total['cases'], total['automated'], total['passed'], total['failed'], total['n/a'], total['open']))
    applicable = total['cases'] - total['n/a']
    f.write('Applicable cases: %d; automated and passing: %d (%.0f %%).\n' % (applicable, total['passed'], 100.0 * total['passed'] / applicable if applicable else 0))
    for g, _ in groups:
        f.write('\n## %s\n\n| case | title | test | result |\n|---|---|---|---|\n' % g)
        for case, title, test, result in rows.get(g, []):
            f.write('| %s | %s | %s | %s |\n' % (case, title.replace('|', '/'), test, result))
print('conformance: %d cases, %d automated (%d passed, %d failed), %d do not apply, %d not automated -> %s' %
      (total['cases'], total['automated'], total['passed'], total['failed'], total['n/a'], total['open'], out))
