#!/usr/bin/env python3
"""Benchmark for `align quiz` (issue #14) on the generated workspace's map
of 1,000 messages, 300 proof points and their competitors and requirements
(`bench/generate_workspace.py`, deterministic):

  - a 50-question quiz as Markdown with its answer key: median wall time
    of one `align quiz` process over several seeds (target: <= 50 ms);
  - the same with --format json, and focused on one competitor.

    python3 bench/quiz.py [--runs 15] [--out bench/out]
"""

import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(__file__))
from measure import build_release, measure  # noqa: E402
from render import workspace  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-23"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    align = build_release(ROOT)
    path = workspace(args.out)
    with open(os.path.join(path, "map", "map.toml"), encoding="utf-8") as f:
        messages = f.read().count("[[message]]")
    base = [align, "quiz", "--workspace", path, "--as-of", AS_OF, "--count", "50"]
    cases = [
        ("50 questions, md + key", base + ["--answers"]),
        ("50 questions, json", base + ["--format", "json"]),
        ("50 questions, --competitor competitor-0",
         base + ["--competitor", "competitor-0"]),
    ]
    print(f"map: {messages} messages; {args.runs} runs per seed, seeds 1-3")
    print(f"{'case':<44} {'median':>9} {'peak RSS':>9}")
    for name, argv in cases:
        medians, peaks = [], []
        for seed in (1, 2, 3):
            median, peak, codes = measure(argv + ["--seed", str(seed)], runs=args.runs)
            if codes != {0}:
                raise SystemExit(f"{name}: exit codes {codes}")
            medians.append(median)
            peaks.append(peak)
        print(f"{name:<44} {statistics.median(medians) * 1000:>7.1f} ms {max(peaks):>6.1f} MB")


if __name__ == "__main__":
    main()
