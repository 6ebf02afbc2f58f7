#!/usr/bin/env python3
"""Benchmark for feedback in `align lint` (issue #13): what 100,000 feedback
rows add to a lint of the example workspace. The same workspace is linted
without and with `feedback/bench.csv` (bench/generate_feedback.py),
interleaved so both see the same machine load; the medians and their
difference are printed. Target: the difference is at most 0.2 s.

    python3 bench/feedback.py [--rows 100000] [--runs 11] [--out bench/out]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from measure import build_release, run_once  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "northwind")


def workspaces(out, rows):
    without = os.path.join(out, "feedback-without")
    with_rows = os.path.join(out, f"feedback-with-{rows}")
    for path in (without, with_rows):
        if os.path.exists(path):
            shutil.rmtree(path)
        shutil.copytree(EXAMPLE, path)
        shutil.rmtree(os.path.join(path, "feedback"))
    os.makedirs(os.path.join(with_rows, "feedback"))
    subprocess.run(
        [sys.executable, os.path.join(ROOT, "bench", "generate_feedback.py"), EXAMPLE,
         os.path.join(with_rows, "feedback", "bench.csv"), "--rows", str(rows)],
        check=True,
    )
    return without, with_rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    args = parser.parse_args()
    align = build_release(ROOT)
    without, with_rows = workspaces(args.out, args.rows)
    size = os.path.getsize(os.path.join(with_rows, "feedback", "bench.csv")) / 1e6

    def lint(path):
        return [align, "lint", path, "--format", "concise", "--as-of", "2026-11-23", "-q"]

    for path in (without, with_rows):
        run_once(lint(path))
    times = {without: [], with_rows: []}
    peaks = {without: 0.0, with_rows: 0.0}
    for _ in range(args.runs):
        for path in (without, with_rows):
            elapsed, peak, _ = run_once(lint(path))
            times[path].append(elapsed)
            peaks[path] = max(peaks[path], peak)
    base, loaded = statistics.median(times[without]), statistics.median(times[with_rows])
    print(f"align lint, example workspace, median of {args.runs} interleaved runs")
    print(f"  without feedback:            {base:.3f}s  peak {peaks[without]:.1f} MB")
    print(f"  with {args.rows:,} rows ({size:.1f} MB): {loaded:.3f}s  peak {peaks[with_rows]:.1f} MB")
    print(f"  added by feedback:           {loaded - base:+.3f}s  (target <= 0.200s)")


if __name__ == "__main__":
    main()
