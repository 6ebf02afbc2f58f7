#!/usr/bin/env python3
"""Benchmark for feedback in `align lint` (issue #13): what 100,000 feedback
rows add to a lint of the example workspace. The same workspace is linted
without and with `feedback/bench.csv` (bench/generate_feedback.py),
interleaved so both see the same machine load; the medians of wall time
and of CPU time (user + system, which a loaded machine does not inflate)
and their differences are printed. Target: the wall difference is at most
0.2 s.

    python3 bench/feedback.py [--rows 100000] [--runs 11] [--out bench/out]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from measure import build_release  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "northwind")


def run_once(argv):
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


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
    walls = {without: [], with_rows: []}
    cpus = {without: [], with_rows: []}
    peaks = {without: 0.0, with_rows: 0.0}
    for _ in range(args.runs):
        for path in (without, with_rows):
            wall, cpu, peak = run_once(lint(path))
            walls[path].append(wall)
            cpus[path].append(cpu)
            peaks[path] = max(peaks[path], peak)
    median = statistics.median
    print(f"align lint, example workspace, median of {args.runs} interleaved runs (wall / CPU)")
    for name, path in (("without feedback", without), (f"with {args.rows:,} rows ({size:.1f} MB)", with_rows)):
        print(f"  {name:<32} {median(walls[path]):.3f}s / {median(cpus[path]):.3f}s  peak {peaks[path]:.1f} MB")
    added_wall = median(walls[with_rows]) - median(walls[without])
    added_cpu = median(cpus[with_rows]) - median(cpus[without])
    print(f"  {'added by feedback':<32} {added_wall:+.3f}s / {added_cpu:+.3f}s  (target: wall <= 0.200s)")


if __name__ == "__main__":
    main()
