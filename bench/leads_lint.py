#!/usr/bin/env python3
"""Benchmark for issue #11 on the 1,000,000-lead benchmark workspace
(bench/generate_leads.py), each comparison interleaved in one run:

- `align lint` next to `align leads sla` on the same file (lint <= 3x sla,
  peak RSS <= 150 MB);
- `align leads score --format csv` on every core next to one thread
  (RAYON_NUM_THREADS=1; target <= 0.65x);
- `align leads overdue --format csv`: peak RSS (<= 64 MB) and time next to
  the DuckDB query of bench/leads.py (<= 0.6x).

    python3 bench/leads_lint.py [--runs 5] [--out bench/out] [--rows 1000000]
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from leads import AS_OF, duckdb_times, workspace  # noqa: E402
from measure import build_release, interleaved  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def show(label, result, base=None, target=""):
    seconds, peak, codes = result
    ratio = f"{seconds / base:5.2f}x" if base else "      "
    print(f"{label:<46} {seconds:>7.3f}s  {ratio}  {peak:>7.1f} MB  exit {','.join(map(str, sorted(codes)))}  {target}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    align = build_release(ROOT)
    path = workspace(args.out, args.rows)
    leads = [align, "--workspace", path, "leads"]

    results = interleaved(
        {
            "sla": leads + ["sla", "--format", "csv", "--as-of", AS_OF, "-q"],
            "lint": [align, "lint", path, "--format", "concise", "--as-of", AS_OF],
        },
        runs=args.runs,
    )
    print(f"{args.rows:,} leads")
    show("align leads sla --format csv", results["sla"])
    show("align lint --format concise", results["lint"], results["sla"][0], "<= 3x sla, <= 150 MB")

    score = leads + ["score", "--format", "csv", "--as-of", AS_OF, "-q"]
    one = ["env", "RAYON_NUM_THREADS=1"] + score
    results = interleaved({"one": one, "all": score}, runs=args.runs)
    show("align leads score --format csv, 1 thread", results["one"])
    show("align leads score --format csv, all cores", results["all"], results["one"][0], "<= 0.65x")

    overdue = leads + ["overdue", "--format", "csv", "--as-of", AS_OF, "-q"]
    results = interleaved({"overdue": overdue}, runs=args.runs)
    try:
        query, wall, peak = duckdb_times(os.path.join(path, "leads", "leads.csv"), args.runs)
    except ImportError:
        print("DuckDB is not installed (`pip install duckdb`)")
        show("align leads overdue --format csv", results["overdue"], None, "<= 64 MB")
        return
    show("duckdb query (in process)", (query, 0.0, {0}))
    show("align leads overdue --format csv", results["overdue"], query, "<= 0.6x duckdb, <= 64 MB")


if __name__ == "__main__":
    main()
