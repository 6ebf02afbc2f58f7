#!/usr/bin/env python3
"""Benchmark for issue #11: `align lint` when findings are many.

On the generator's "many findings" workspace (10,000 documents, about
120,000 findings), in one interleaved run:

- every `--format` next to ripgrep's phrase scan of the same collateral
  (`rg -c -F -i -f phrases.txt`, the map's banned phrases, avoided terms
  and competitor names);
- peak memory of each, and of `concise` at 40,000 documents;
- `--select AL204` next to a clean workspace of the same size;
- 10,000 documents citing 300 proof ids in one inline YAML list next to
  the same documents citing 3.

    python3 bench/lint_findings.py [--runs 5] [--out bench/out] [--skip-40k]

Workspaces are written once by bench/generate_workspace.py and reused.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tomllib

sys.path.insert(0, os.path.dirname(__file__))
from measure import build_release, interleaved  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-23"


def workspace(out, name, documents, *flags):
    path = os.path.join(out, name)
    if not os.path.exists(os.path.join(path, "align.toml")):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "generate_workspace.py"), path,
             "--documents", str(documents), *flags],
            check=True,
        )
    return path


def phrases(path):
    """The map's wording patterns, one a line, for `rg -f`."""
    with open(os.path.join(path, "map", "map.toml"), "rb") as f:
        map_ = tomllib.load(f)
    texts = [p["text"] for p in map_.get("phrase", [])]
    texts += [a for t in map_.get("term", []) for a in t.get("avoid", [])]
    texts += [n for c in map_.get("competitor", []) for n in [c["name"], *c.get("aliases", [])]]
    target = os.path.join(path, "phrases.txt")
    with open(target, "w") as f:
        f.write("\n".join(texts) + "\n")
    return target


def lint(align, path, *args):
    return [align, "lint", path, "--as-of", AS_OF, *args]


def show(label, result, base=None, target=""):
    seconds, peak, codes = result
    ratio = f"{seconds / base:5.2f}x" if base else "      "
    print(f"{label:<44} {seconds:>7.3f}s  {ratio}  {peak:>7.1f} MB  exit {','.join(map(str, sorted(codes)))}  {target}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    parser.add_argument("--skip-40k", action="store_true")
    args = parser.parse_args()
    align = build_release(ROOT)
    rg = shutil.which("rg")
    if rg is None:
        sys.exit("ripgrep is needed for the comparison (apt-get install ripgrep)")

    many = workspace(args.out, "many-10000", 10000, "--many-findings")
    files = sorted(glob.glob(os.path.join(many, "collateral", "**", "*.md"), recursive=True))
    commands = {"rg -c -F -i -f phrases.txt": [rg, "-c", "-F", "-i", "-f", phrases(many), *files]}
    for format in ("concise", "json", "sarif", "junit", "human", "github"):
        commands[f"lint --format {format}"] = lint(align, many, "--format", format)
    results = interleaved(commands, runs=args.runs)
    rg_time = results["rg -c -F -i -f phrases.txt"][0]
    concise = results["lint --format concise"][0]
    print("10,000 documents, many findings (ratio against rg)")
    show("rg -c -F -i -f phrases.txt", results["rg -c -F -i -f phrases.txt"])
    targets = {"concise": "<= 3x rg", "json": "<= 3.5x rg"}
    for format in ("concise", "json"):
        show(f"lint --format {format}", results[f"lint --format {format}"], rg_time, targets[format])
    print("(ratio against concise)")
    for format in ("sarif", "junit", "human", "github"):
        target = "<= 1.5x concise" if format != "github" else ""
        show(f"lint --format {format}", results[f"lint --format {format}"], concise, target)
    print("peak RSS target: <= 64 MB for every format")

    clean = workspace(args.out, "workspace-10000", 10000)
    results = interleaved(
        {
            "clean workspace, lint": lint(align, clean, "--format", "concise"),
            "many findings, lint --select AL204": lint(align, many, "--format", "concise", "--select", "AL204"),
        },
        runs=args.runs,
    )
    print("\n--select on the many-findings workspace (RSS within 10 MB of clean)")
    for label, result in results.items():
        show(label, result)

    ids3 = workspace(args.out, "ids-3", 10000, "--inline-ids", "3")
    ids300 = workspace(args.out, "ids-300", 10000, "--inline-ids", "300")
    results = interleaved(
        {
            "3 inline proof ids": lint(align, ids3, "--format", "concise"),
            "300 inline proof ids": lint(align, ids300, "--format", "concise"),
        },
        runs=args.runs,
    )
    print("\n10,000 documents, inline ids in front matter (300 <= 2x 3)")
    base = results["3 inline proof ids"][0]
    for label, result in results.items():
        show(label, result, base)

    if not args.skip_40k:
        big = workspace(args.out, "many-40000", 40000, "--many-findings")
        results = interleaved({"40,000 documents, lint --format concise": lint(align, big, "--format", "concise")}, runs=max(1, args.runs // 2))
        print("\n40,000 documents, many findings (RSS <= 150 MB)")
        for label, result in results.items():
            show(label, result)


if __name__ == "__main__":
    main()
