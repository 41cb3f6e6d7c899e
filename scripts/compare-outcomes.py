#!/usr/bin/env python3
"""Compares the per-image outcomes of two `kwta reproduce` runs (their results.json), cell by cell:
how many images flipped, the flip rate, and the largest per-cell rate. Used to measure what another
instruction set changes (docs/testing.md, "Numbers across CPUs").
Usage: scripts/compare-outcomes.py REPORT_A/results.json REPORT_B/results.json"""
import json, sys

def cells(path):
    with open(path) as f:
        return {(c["model"], c["column"]): c["outcomes"] for c in json.load(f)["cells"]}

a, b = cells(sys.argv[1]), cells(sys.argv[2])
total = flipped = 0
worst = (0.0, None)
print("model | column | n | flipped | count A → B")
for key in sorted(a.keys() & b.keys()):
    x, y = a[key], b[key]
    if len(x) != len(y):
        sys.exit(f"{key}: {len(x)} vs {len(y)} outcomes")
    f = sum(p != q for p, q in zip(x, y))
    total += len(x); flipped += f
    if f:
        print(f"{key[0]} | {key[1]} | {len(x)} | {f} | {x.count('1')} → {y.count('1')}")
    if len(x) >= 100 and f / len(x) > worst[0]:
        worst = (f / len(x), key)
print(f"cells {len(a.keys() & b.keys())}, outcomes {total}, flipped {flipped} ({flipped / total:.4%}); "
      f"largest per-cell rate among cells of ≥ 100 outcomes: {worst[0]:.4%} {worst[1]}")
