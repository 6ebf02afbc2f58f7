#!/usr/bin/env python3
"""Benchmark for issue #7's quadratic costs: `align lint` on one long
inline YAML list, one leads header with many extra columns, and one prose
line with many `N%` claims, each at three sizes doubling in turn. Linear
work doubles its time with the size; quadratic work quadruples it.

    python3 bench/quadratic.py [--runs 5] [--out bench/out] [--align PATH]

`--align` times another build (say, the one before a fix) on the same data.
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from measure import build_release, interleaved  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = {
    "yaml": ("items in one inline YAML list", (6250, 12500, 25000)),
    "header": ("extra columns in a leads header", (5000, 10000, 20000)),
    "claims": ("N% claims on one prose line", (50000, 100000, 200000)),
}


def workspace(out, case, size):
    path = os.path.join(out, f"quadratic-{case}-{size}")
    if not os.path.exists(os.path.join(path, "collateral", "doc.md")):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "generate_quadratic.py"), path,
             "--case", case, "--size", str(size)],
            check=True,
        )
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    parser.add_argument("--align")
    args = parser.parse_args()
    align = args.align or build_release(ROOT)
    for case, (what, sizes) in CASES.items():
        commands = {
            size: [align, "lint", workspace(args.out, case, size), "--format", "concise",
                   "--as-of", "2026-11-23T10:00:00-06:00"]
            for size in sizes
        }
        results = interleaved(commands, runs=args.runs)
        print(what)
        previous = None
        for size in sizes:
            seconds, peak, codes = results[size]
            growth = f"{seconds / previous:4.1f}x" if previous else "     "
            print(f"  {size:>7}  {seconds:>7.3f}s  {growth}  {peak:>6.1f} MB  exit {','.join(map(str, sorted(codes)))}")
            previous = seconds
    print("(each size doubles the last: about 2x per step is linear, 4x quadratic)")


if __name__ == "__main__":
    main()
