#!/usr/bin/env python3
"""Benchmark for `align report` (issue #9): `align report --format json`
next to `align leads sla` on the same 1,000,000 generated leads (50
owners, business-hours SLA clock), interleaved in one run so both see the
same machine load; the target is report ≤ 1.5× sla. Also the peak memory
of each (target: report ≤ 64 MB) and the size of the HTML page (target:
under 1 MB).

    python3 bench/report.py [--runs 5] [--out bench/out] [--rows 1000000]

The workspace is written once by bench/generate_leads.py (deterministic)
with --owners 50, and objectives are added to its criteria.
"""

import argparse
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from measure import build_release, run_once  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-23T10:00:00-06:00"
OBJECTIVES = """
[[objective]]
metric = "first_touch_within_sla_rate"
target = ">= 0.90"

[[objective]]
metric = "median_first_touch_hours"
target = "<= 2"

[[objective]]
metric = "mql_to_sql_rate"
target = ">= 0.35"

[[objective]]
metric = "won_amount"
target = ">= 1000000"
"""


def workspace(out, rows):
    path = os.path.join(out, f"report-{rows}")
    if not os.path.exists(os.path.join(path, "leads", "leads.csv")):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "generate_leads.py"), path,
             "--rows", str(rows), "--owners", "50"],
            check=True,
        )
        with open(os.path.join(path, "criteria", "criteria.toml"), "a", encoding="utf-8") as f:
            f.write(OBJECTIVES)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    align = build_release(ROOT)
    path = workspace(args.out, args.rows)
    commands = {
        "leads sla": [align, "--workspace", path, "leads", "sla", "--format", "json", "--as-of", AS_OF],
        # Every month of the file (January to November), not only the
        # default six: all leads are tallied.
        "report --format json": [align, "--workspace", path, "report", "--format", "json",
                                 "--from", "2026-01-01", "--as-of", AS_OF],
    }
    for argv in commands.values():  # warm the page cache
        run_once(argv)
    times = {name: [] for name in commands}
    peaks = {name: 0.0 for name in commands}
    for _ in range(args.runs):
        for name, argv in commands.items():
            elapsed, peak, code = run_once(argv)
            if code != 0:
                sys.exit(f"{name} exited {code}")
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    print(f"{args.rows} leads, 50 owners, {args.runs} interleaved runs (median wall, max peak RSS)")
    for name in commands:
        print(f"  {name:<22} {statistics.median(times[name]):7.3f}s  {peaks[name]:7.1f} MB")
    ratio = statistics.median(times["report --format json"]) / statistics.median(times["leads sla"])
    print(f"  report / sla: {ratio:.2f}x (target <= 1.5x)")
    html = os.path.join(args.out, f"report-{args.rows}.html")
    subprocess.run(
        [align, "--workspace", path, "report", "--format", "html", "--from", "2026-01-01",
         "--as-of", AS_OF, "-o", html, "--force", "-q"],
        check=True,
    )
    print(f"  HTML page (11 months): {os.path.getsize(html) / 1024:.0f} KiB (target < 1 MB)")


if __name__ == "__main__":
    main()
