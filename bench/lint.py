#!/usr/bin/env python3
"""Benchmark for `align lint` (issue #2): median wall time and peak memory
on the generated 10,000-document workspace, next to merely reading the same
files with `cat`, and at 2,500 / 5,000 / 10,000 documents to show scaling.

    python3 bench/lint.py [--runs 7] [--out bench/out]
"""

import argparse
import glob
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from measure import build_release, measure  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def workspace(out, documents):
    path = os.path.join(out, f"workspace-{documents}")
    if not os.path.exists(os.path.join(path, "align.toml")):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "generate_workspace.py"), path, "--documents", str(documents)],
            check=True,
        )
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    args = parser.parse_args()
    align = build_release(ROOT)
    print(f"{'documents':>9}  {'align lint':>10}  {'peak MB':>8}  {'cat':>7}  {'ratio':>6}")
    for documents in (2500, 5000, 10000):
        path = workspace(args.out, documents)
        files = sorted(glob.glob(os.path.join(path, "collateral", "**", "*.md"), recursive=True))
        lint_time, peak, codes = measure(
            [align, "lint", path, "--format", "concise", "--as-of", "2026-11-23"], runs=args.runs
        )
        cat_time, _, _ = measure(["sh", "-c", 'cat "$@" > /dev/null', "cat"] + files, runs=args.runs)
        print(
            f"{documents:>9}  {lint_time:>9.3f}s  {peak:>8.1f}  {cat_time:>6.3f}s  {lint_time / cat_time:>5.1f}x"
            f"  (exit {','.join(map(str, sorted(codes)))})"
        )


if __name__ == "__main__":
    main()
