#!/usr/bin/env python3
"""Benchmark for `align render` (issue #4) on the generated workspace:
10,000 collateral documents (which render must not read) and a map of
1,000 messages, 300 proof points, 300 phrases and 200 terms.

  - one draft: median wall time of one `align render` process
    (target: <= 50 ms);
  - 1,000 drafts: one process per draft, written with -o to files, for 20
    accounts in turn and both formats; median total of several runs
    (target: <= 30 s).

    python3 bench/render.py [--runs 15] [--batches 3] [--out bench/out]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from generate_workspace import ACCOUNTS, write_render_files  # noqa: E402
from measure import build_release, measure  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-23"


def workspace(out):
    path = os.path.join(out, "workspace-10000")
    if not os.path.exists(os.path.join(path, "align.toml")):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "generate_workspace.py"), path],
            check=True,
        )
    # A workspace generated before the render files existed gets them now;
    # they are fixed text, so this equals a fresh generation.
    write_render_files(path)
    return path


def thousand_drafts(align, path, drafts):
    """Wall seconds for `drafts` sequential processes, each writing a file."""
    out = tempfile.mkdtemp(prefix="align-render-")
    try:
        start = time.perf_counter()
        for i in range(drafts):
            fmt = "html" if i % 4 == 3 else "md"
            target = os.path.join(out, f"draft-{i}.{fmt}")
            subprocess.run(
                [align, "render", "proposal", "--workspace", path,
                 "--account", f"account-{i % ACCOUNTS}", "--as-of", AS_OF,
                 "--format", fmt, "-o", target, "-q"],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        elapsed = time.perf_counter() - start
        written = len(os.listdir(out))
        assert written == drafts, f"{written} drafts written, {drafts} expected"
        return elapsed
    finally:
        shutil.rmtree(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    args = parser.parse_args()
    align = build_release(ROOT)
    path = workspace(args.out)

    one = [align, "render", "proposal", "--workspace", path, "--account", "account-0", "--as-of", AS_OF]
    draft = subprocess.run(one, check=True, capture_output=True, text=True).stdout
    messages = draft.split("messages: [", 1)[1].split("]", 1)[0].count(",") + 1
    one_time, peak, codes = measure(one, runs=args.runs)
    print(f"one draft ({messages} messages, {len(draft):,} bytes): "
          f"median {one_time * 1000:.1f} ms, peak {peak:.1f} MB (exit {','.join(map(str, sorted(codes)))})")

    lint_free = [align, "render", "proposal", "--workspace", path,
                 "--requirement", "requirement-1", "--as-of", AS_OF]
    situation_time, _, _ = measure(lint_free, runs=args.runs)
    print(f"one draft for a situation (--requirement): median {situation_time * 1000:.1f} ms")

    totals = [thousand_drafts(align, path, args.drafts) for _ in range(args.batches)]
    total = statistics.median(totals)
    print(f"{args.drafts} drafts, one process each: median {total:.2f} s "
          f"({total / args.drafts * 1000:.1f} ms per draft; runs: {', '.join(f'{t:.2f}' for t in totals)})")


if __name__ == "__main__":
    main()
