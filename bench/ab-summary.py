#!/usr/bin/env python3
"""Summarises an interleaved A/B run for the bench/*ab*.sh scripts.

Usage: ab-summary.py RUNS LABEL_A LABEL_B
RUNS holds one line per run, "VARIANT WALL_MS [NAME=VALUE ...]" (VARIANT is A or B), written in
rounds that run A and B back to back. Prints, per variant, the median and range of wall time and
the median of each NAME, then the median of the per-round differences B - A, which cancels most of
a shared machine's drift.
"""
import statistics
import sys

runs, labels = sys.argv[1], {"A": sys.argv[2], "B": sys.argv[3]}
rows = [line.split() for line in open(runs) if line.strip()]
walls = {}
for variant in ("A", "B"):
    mine = [r for r in rows if r[0] == variant]
    wall = [int(r[1]) for r in mine]
    walls[variant] = wall
    extras = {}
    for r in mine:
        for field in r[2:]:
            name, value = field.split("=", 1)
            extras.setdefault(name, []).append(float(value))
    parts = [f"wall median {statistics.median(wall):.0f} ms ({min(wall)}-{max(wall)})"]
    parts += [f"{name} median {statistics.median(v):.0f}" for name, v in extras.items()]
    print(f"{variant} ({labels[variant].strip()}): " + ", ".join(parts) + f", {len(wall)} runs")
diffs = sorted(b - a for a, b in zip(walls["A"], walls["B"]))
print(f"B - A per round: median {statistics.median(diffs):+.0f} ms "
      f"(middle half {diffs[len(diffs) // 4]:+d} to {diffs[(3 * len(diffs)) // 4]:+d})")
