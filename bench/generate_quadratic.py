#!/usr/bin/env python3
"""Writes the small workspaces of issue #7's "quadratic costs": one thing
made very long, everything else minimal. The same arguments always write
the same bytes.

    bench/generate_quadratic.py OUT_DIR --case yaml|header|claims --size N

- `yaml`: one document whose front matter cites proof in one inline list
  of N items (`proof: [proof-0, proof-0, ...]`).
- `header`: a leads file whose header has the canonical columns and N
  extra ones, and 100 rows.
- `claims`: one document with one prose line of N `N%` number claims,
  none backed by proof (N AL213 findings on one line).
"""

import argparse
import os

ALIGN_TOML = """[workspace]
name = "Quadratic"
timezone = "America/Chicago"

[collateral.kinds.note]
external = false
"""

MAP = """[[proof]]
id = "proof-0"
customer = "Customer 0"
claim = "Closed the books faster."
public = true
"""

HEADER = "id,created_at,source,company,tier,owner,assigned_at,first_touch_at,status"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def document(front, body):
    return f"---\nid: doc\ntitle: Long\nkind: note\n{front}status: draft\n---\n# Long\n\n{body}\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--case", choices=["yaml", "header", "claims"], required=True)
    parser.add_argument("--size", type=int, required=True)
    args = parser.parse_args()
    write(os.path.join(args.out, "align.toml"), ALIGN_TOML)
    write(os.path.join(args.out, "map", "map.toml"), MAP)
    if args.case == "yaml":
        items = ", ".join(["proof-0"] * args.size)
        text = document(f"proof: [{items}]\n", "Nothing else.")
    elif args.case == "claims":
        claims = " ".join(f"{index % 97 + 2}%" for index in range(args.size))
        text = document("", f"We cut costs by {claims}.")
    else:
        text = document("", "Nothing else.")
        extra = ",".join(f"extra_{index}" for index in range(args.size))
        rows = [f"L{index},2026-11-02T09:00:00-06:00,web,Co {index},A,dana,,,open" + "," * args.size for index in range(100)]
        write(os.path.join(args.out, "leads", "leads.csv"), "\n".join([f"{HEADER},{extra}", *rows]) + "\n")
    write(os.path.join(args.out, "collateral", "doc.md"), text)


if __name__ == "__main__":
    main()
