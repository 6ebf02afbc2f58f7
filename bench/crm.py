#!/usr/bin/env python3
"""Benchmark for issue #8: `align leads overdue` on 1,000,000 leads
exported as Salesforce writes them, against the same leads in RFC 3339, in
the same run, runs interleaved so that noise on a shared machine falls on
all files alike.

- `rfc3339`: the leads benchmark file of bench/leads.py.
- `salesforce`: the same leads with Salesforce's headers (the `salesforce`
  preset), US local times (`11/20/2026 9:30 AM`) and the report footer.
  The issue's target: at most 1.3x the time of `rfc3339`, same peak memory.
- `salesforce-quoted`: the same again with every cell quoted, as a real
  Salesforce report is; reported for information (quoting costs the CSV
  parser, whatever the timestamps).

All three must list the same overdue leads with the same deadlines (the
assignment instant of a lead assigned in the repeated hour of a DST fold
may print with the other offset: the generator's US times are wall-clock).

    python3 bench/crm.py [--runs 7] [--out bench/out] [--rows 1000000]

The workspaces are written once by bench/generate_leads.py (deterministic:
the same seed gives the same leads in all three) and reused.
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
TARGET = 1.3
FILES = {"rfc3339": [], "salesforce": ["--crm", "salesforce"], "salesforce-quoted": ["--crm", "salesforce", "--quote-all"]}


def workspace(out, rows, name, extra):
    path = os.path.join(out, f"leads-{rows}" + ("" if name == "rfc3339" else f"-{name}"))
    if not os.path.exists(os.path.join(path, "leads", "leads.csv")):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "generate_leads.py"), path, "--rows", str(rows)] + extra,
            check=True,
        )
    return path


def deadlines(output):
    """(id, due_at) of each overdue lead, from the CSV output."""
    lines = output.decode().splitlines()[1:]
    return [(line.split(",")[0], line.split(",")[4]) for line in lines]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    align = build_release(ROOT)
    paths = {name: workspace(args.out, args.rows, name, extra) for name, extra in FILES.items()}
    commands = {
        name: [align, "leads", "overdue", "--workspace", path, "--format", "csv", "--as-of", AS_OF, "-q"]
        for name, path in paths.items()
    }
    listed = {name: deadlines(subprocess.run(command, capture_output=True, check=False).stdout) for name, command in commands.items()}
    same = all(found == listed["rfc3339"] for found in listed.values())
    times = {name: [] for name in commands}
    peaks = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            seconds, peak, _ = run_once(command)
            times[name].append(seconds)
            peaks[name].append(peak)
    base = statistics.median(times["rfc3339"])
    print(f"{'file':<18} {'size MB':>8} {'median':>9} {'min':>8} {'ratio':>6} {'peak MB':>8}")
    for name, path in paths.items():
        size = os.path.getsize(os.path.join(path, "leads", "leads.csv")) / 1e6
        median = statistics.median(times[name])
        print(
            f"{name:<18} {size:>8.0f} {median:>8.3f}s {min(times[name]):>7.3f}s "
            f"{median / base:>5.2f}x {max(peaks[name]):>8.1f}"
        )
    ratio = statistics.median(times["salesforce"]) / base
    verdict = "within" if ratio <= TARGET else "OVER"
    print(
        f"\n{args.rows:,} leads, {args.runs} interleaved runs: US dates with the salesforce preset take "
        f"{ratio:.2f}x the RFC 3339 file ({verdict} the {TARGET}x target); "
        f"same overdue leads and deadlines in all files: {'yes' if same else 'NO'}"
    )


if __name__ == "__main__":
    main()
