#!/usr/bin/env python3
"""Benchmark for issue #8: `align leads overdue` on 1,000,000 leads written
as a Salesforce lead report (US local times such as `11/20/2026 9:30 AM`,
every cell quoted, footer lines, the `salesforce` preset) against the same
leads in RFC 3339, in the same run, runs interleaved so that noise on a
shared machine falls on both alike. The target: the Salesforce file takes
at most 1.3x the time of the RFC 3339 file, with the same peak memory; and
both print the same overdue leads.

    python3 bench/crm.py [--runs 7] [--out bench/out] [--rows 1000000]

Both workspaces are written once by bench/generate_leads.py (deterministic:
the same seed gives the same leads in both) and reused.
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


def workspace(out, rows, crm):
    path = os.path.join(out, f"leads-{rows}" + (f"-{crm}" if crm else ""))
    if not os.path.exists(os.path.join(path, "leads", "leads.csv")):
        extra = ["--crm", crm] if crm else []
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "generate_leads.py"), path, "--rows", str(rows)] + extra,
            check=True,
        )
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    align = build_release(ROOT)
    files = {"rfc3339": workspace(args.out, args.rows, None), "salesforce": workspace(args.out, args.rows, "salesforce")}
    commands = {
        name: [align, "leads", "overdue", "--workspace", path, "--format", "csv", "--as-of", AS_OF, "-q"]
        for name, path in files.items()
    }
    outputs = {name: subprocess.run(command, capture_output=True, check=False).stdout for name, command in commands.items()}
    same = outputs["rfc3339"] == outputs["salesforce"]
    times = {name: [] for name in commands}
    peaks = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            seconds, peak, _ = run_once(command)
            times[name].append(seconds)
            peaks[name].append(peak)
    print(f"{'file':<12} {'size MB':>8} {'median':>9} {'min':>8} {'peak MB':>8}")
    for name, path in files.items():
        size = os.path.getsize(os.path.join(path, "leads", "leads.csv")) / 1e6
        print(
            f"{name:<12} {size:>8.0f} {statistics.median(times[name]):>8.3f}s "
            f"{min(times[name]):>7.3f}s {max(peaks[name]):>8.1f}"
        )
    ratio = statistics.median(times["salesforce"]) / statistics.median(times["rfc3339"])
    verdict = "within" if ratio <= TARGET else "OVER"
    print(
        f"\n{args.rows:,} leads, {args.runs} interleaved runs: the Salesforce export takes "
        f"{ratio:.2f}x the RFC 3339 file ({verdict} the {TARGET}x target); "
        f"same overdue leads: {'yes' if same else 'NO'}"
    )


if __name__ == "__main__":
    main()
