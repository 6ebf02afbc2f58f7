#!/usr/bin/env python3
"""Benchmark for `align diff` (issue #10) and `align lint --changed-since`
(issue #12) on the generated 10,000-document workspace committed to git.

    python3 bench/diff.py [--runs 7] [--out bench/out]

The workspace is committed, then a second commit changes 5 map messages.
Measured, interleaved (one run of each command per round, medians):

- `align diff HEAD~1` next to `align lint` (target: diff <= 2x lint);
- `align lint --changed-since HEAD` with one collateral file edited in the
  working tree (target: <= 50 ms);
- `align lint --changed-since HEAD` with one map message edited (target:
  no slower than a full lint).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from measure import build_release  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-23"


def git(repo, *args):
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def change_headlines(map_path, count, tag):
    """Rewrites the first `count` message headlines; deterministic."""
    with open(map_path, encoding="utf-8") as handle:
        text = handle.read()
    seen = 0

    def replace(match):
        nonlocal seen
        seen += 1
        if seen > count:
            return match.group(0)
        return f'headline = "{tag} {seen}"'

    text = re.sub(r'^headline = ".*"$', replace, text, flags=re.MULTILINE)
    with open(map_path, "w", encoding="utf-8") as handle:
        handle.write(text)


def repository(out):
    source = os.path.join(out, "workspace-10000")
    if not os.path.exists(os.path.join(source, "align.toml")):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "generate_workspace.py"), source, "--documents", "10000"],
            check=True,
        )
    repo = os.path.join(out, "diff-repo")
    if os.path.exists(os.path.join(repo, ".git")):
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(source, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    change_headlines(os.path.join(repo, "map", "map.toml"), 5, "Changed headline")
    git(repo, "commit", "-q", "-am", "five messages reworded")
    return repo


def run_once(argv):
    """Wall seconds and CPU seconds (user + system) of one run. On a shared
    machine the CPU time is the steadier figure."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def interleaved(commands, runs):
    """Median wall seconds of each command, one run of each per round;
    the median CPU seconds are printed alongside."""
    times = {name: [] for name in commands}
    cpu = {name: [] for name in commands}
    for name, argv in commands.items():  # warm-up
        run_once(argv)
    for _ in range(runs):
        for name, argv in commands.items():
            elapsed, used = run_once(argv)
            times[name].append(elapsed)
            cpu[name].append(used)
    for name in commands:
        print(f"  {name:>8}: median wall {statistics.median(times[name]):.3f}s, CPU {statistics.median(cpu[name]):.3f}s")
    return {name: statistics.median(values) for name, values in times.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    args = parser.parse_args()
    align = build_release(ROOT)
    repo = repository(args.out)
    lint = [align, "lint", repo, "--format", "concise", "--as-of", AS_OF]
    changed = [align, "--workspace", repo, "lint", "--changed-since", "HEAD", "--format", "concise", "--as-of", AS_OF]

    medians = interleaved(
        {
            "lint": lint,
            "diff": [align, "--workspace", repo, "diff", "HEAD~1", "--as-of", AS_OF],
        },
        args.runs,
    )
    print(f"align lint              {medians['lint']:.3f}s")
    print(f"align diff HEAD~1       {medians['diff']:.3f}s  ({medians['diff'] / medians['lint']:.2f}x lint, target <= 2x)")

    collateral = sorted(
        os.path.join(dirpath, name)
        for dirpath, _, names in os.walk(os.path.join(repo, "collateral"))
        for name in names
        if name.endswith(".md")
    )[0]
    with open(collateral, encoding="utf-8") as handle:
        original = handle.read()
    try:
        with open(collateral, "a", encoding="utf-8") as handle:
            handle.write("\nOne more line.\n")
        medians = interleaved({"lint": lint, "changed": changed}, args.runs)
        print(f"--changed-since HEAD, one collateral file edited: {medians['changed'] * 1000:.0f} ms (target <= 50 ms; full lint {medians['lint']:.3f}s)")
    finally:
        with open(collateral, "w", encoding="utf-8") as handle:
            handle.write(original)

    map_path = os.path.join(repo, "map", "map.toml")
    with open(map_path, encoding="utf-8") as handle:
        original = handle.read()
    try:
        change_headlines(map_path, 1, "Edited in the working tree")
        medians = interleaved({"lint": lint, "changed": changed}, args.runs)
        print(
            f"--changed-since HEAD, one map message edited: {medians['changed']:.3f}s"
            f" ({medians['changed'] / medians['lint']:.2f}x full lint {medians['lint']:.3f}s, target <= 1x)"
        )
    finally:
        with open(map_path, "w", encoding="utf-8") as handle:
            handle.write(original)


if __name__ == "__main__":
    main()
