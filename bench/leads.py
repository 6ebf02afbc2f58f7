#!/usr/bin/env python3
"""Benchmark for `align leads` (issue #3): `align leads overdue` on
1,000,000 generated leads (about 170 MB, business-hours SLA clock) next to
DuckDB running the equivalent calendar-hours query over the same file in
the same run, `align leads sla` on the same file, and peak memory at
250,000 and 1,000,000 leads to show that it does not grow with the file.

    python3 bench/leads.py [--runs 7] [--out bench/out] [--rows 1000000]

The workspaces are written once by bench/generate_leads.py (deterministic)
and reused. DuckDB comes from PyPI (`pip install duckdb`); without it the
script says so and times align alone.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from measure import build_release, measure  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-23T10:00:00-06:00"

# The overdue query on a calendar clock: the SLA added to assigned_at as
# plain hours (DuckDB has no business calendar), open untouched leads only,
# earliest deadline first, ties by id, written out as CSV like align's.
DUCKDB_QUERY = """
COPY (
  SELECT id, owner, coalesce(tier, 'C') AS tier, assigned_at, due_at,
         date_diff('minute', due_at, TIMESTAMPTZ '{as_of}') AS overdue_minutes
  FROM (
    SELECT id, owner, tier, CAST(assigned_at AS TIMESTAMPTZ) AS assigned_at,
           CAST(assigned_at AS TIMESTAMPTZ) + CASE coalesce(tier, 'C')
             WHEN 'A' THEN INTERVAL 1 HOUR WHEN 'B' THEN INTERVAL 4 HOUR
             ELSE INTERVAL 16 HOUR END AS due_at
    FROM read_csv('{csv}', header = true, all_varchar = true)
    WHERE first_touch_at IS NULL AND assigned_at IS NOT NULL
      AND lower(coalesce(status, '')) NOT IN ('closed', 'disqualified', 'won', 'lost')
  )
  WHERE due_at < TIMESTAMPTZ '{as_of}'
  ORDER BY due_at, id
) TO '/dev/null' (FORMAT csv, HEADER)
"""


def workspace(out, rows):
    path = os.path.join(out, f"leads-{rows}")
    if not os.path.exists(os.path.join(path, "leads", "leads.csv")):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "generate_leads.py"), path, "--rows", str(rows)],
            check=True,
        )
    return path


def row(label, rows, seconds, peak=None, note=""):
    peak_text = f"{peak:8.1f}" if peak is not None else f"{'':>8}"
    print(f"{rows:>9}  {label:<34} {seconds:>8.3f}s  {peak_text}  {note}")


def duckdb_times(csv, runs):
    """Median in-process query time, and (wall, peak MB) of a whole process."""
    import duckdb

    query = DUCKDB_QUERY.format(csv=csv, as_of=AS_OF)
    times = []
    for index in range(runs + 1):
        con = duckdb.connect()
        start = time.perf_counter()
        con.sql(query)
        if index:  # the first run warms the page cache
            times.append(time.perf_counter() - start)
        con.close()
    script = f"import duckdb; duckdb.connect().sql({query!r})"
    wall, peak, _ = measure([sys.executable, "-c", script], runs=runs)
    return statistics.median(times), wall, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    align = build_release(ROOT)
    sizes = sorted({args.rows // 4, args.rows})
    print(f"{'leads':>9}  {'what':<34} {'median':>9}  {'peak MB':>8}")
    overdue = {}
    for rows in sizes:
        path = workspace(args.out, rows)
        size_mb = os.path.getsize(os.path.join(path, "leads", "leads.csv")) / 1e6
        command = [align, "leads", "overdue", "--workspace", path, "--format", "csv", "--as-of", AS_OF, "-q"]
        seconds, peak, codes = measure(command, runs=args.runs)
        overdue[rows] = seconds
        row("align leads overdue --format csv", rows, seconds, peak, f"({size_mb:.0f} MB file, exit {sorted(codes)})")
    largest = sizes[-1]
    path = workspace(args.out, largest)
    csv = os.path.join(path, "leads", "leads.csv")
    seconds, peak, codes = measure(
        [align, "leads", "sla", "--workspace", path, "--format", "csv", "--as-of", AS_OF, "-q"], runs=args.runs
    )
    row("align leads sla --format csv", largest, seconds, peak, f"(exit {sorted(codes)})")
    try:
        import duckdb  # noqa: F401
    except ImportError:
        print("\nDuckDB is not installed (`pip install duckdb`): no comparison this time.")
        return
    query, wall, peak = duckdb_times(csv, args.runs)
    row("duckdb query (in process)", largest, query)
    row("duckdb (python process)", largest, wall, peak)
    print(
        f"\nalign leads overdue (business clock) takes {overdue[largest]:.3f}s; DuckDB's calendar-hours "
        f"query takes {query:.3f}s: align is {query / overdue[largest]:.1f}x faster "
        f"({wall / overdue[largest]:.1f}x against the whole DuckDB process)."
    )


if __name__ == "__main__":
    main()
