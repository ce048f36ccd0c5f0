#!/usr/bin/env python3
"""Prints each failed test of a trx file with the start of its message and stack, so the last
lines of a test run (all that CI keeps) name what failed.
Usage: failures.py results.trx"""
import sys
import xml.etree.ElementTree as ET

ns = {'t': 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010'}
for r in ET.parse(sys.argv[1]).getroot().iterfind('.//t:UnitTestResult', ns):
    if r.get('outcome', '').lower() != 'failed':
        continue
    print(f"FAILED {r.get('testName')} [{r.get('duration')}]")
    for tag in ('Message', 'StackTrace'):
        node = r.find(f'.//t:ErrorInfo/t:{tag}', ns)
        if node is not None and node.text:
            for line in node.text.strip().splitlines()[:12]:
                print(f"  {line.rstrip()[:300]}")
