#!/usr/bin/env python3
"""Deterministic feedback rows for the feedback benchmark: N rows over the
year before 2026-11-23, naming the ids of a workspace (read from its map,
collateral front matter, accounts and leads) so every row is valid.

    python3 bench/generate_feedback.py WORKSPACE OUT.csv [--rows 100000] [--seed 13]
"""

import argparse
import csv
import datetime
import glob
import os
import random
import re
import tomllib

KINDS = ["objection", "question", "win", "loss", "content-request", "missing-proof", "praise"]
PEOPLE = ["dana@northwind.example", "priya@northwind.example", "sam@northwind.example", "Noor Haddad", "luis@northwind.example"]
PHRASES = [
    "Said the incumbent is cheaper per seat",
    'Asked "does the evidence pack cover sign-offs?"',
    "Lost on price, again",
    "Loved the case study, forwarded it to audit",
    "Needs a one-pager for their board, by Friday",
    "Wants proof from a customer in their segment",
]


def ids(workspace):
    found = {}
    for path in sorted(glob.glob(os.path.join(workspace, "map", "*.toml"))):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        for kind in ("objection", "competitor", "requirement", "segment", "message", "proof"):
            found.setdefault(kind, []).extend(entry["id"] for entry in data.get(kind, []))
    collateral = []
    for path in sorted(glob.glob(os.path.join(workspace, "collateral", "**", "*.md"), recursive=True)):
        with open(path, encoding="utf-8") as handle:
            match = re.search(r"^id\s*[:=]\s*\"?([a-z0-9-]+)", handle.read(2000), re.M)
        collateral.append(match.group(1) if match else os.path.splitext(os.path.basename(path))[0])
    found["collateral"] = collateral
    accounts = []
    for path in sorted(glob.glob(os.path.join(workspace, "accounts", "*.toml"))):
        with open(path, "rb") as handle:
            accounts.extend(entry["id"] for entry in tomllib.load(handle).get("account", []))
    found["account"] = accounts
    leads = []
    for path in sorted(glob.glob(os.path.join(workspace, "leads", "*.csv"))):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            leads.extend(row["id"] for row in csv.DictReader(handle))
    found["lead"] = leads
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace")
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    known = ids(args.workspace)
    columns = ["date", "from", "kind", "text", "objection", "competitor", "requirement", "segment",
               "message", "proof", "collateral", "account", "lead"]
    end = datetime.date(2026, 11, 23)
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for n in range(args.rows):
            day = end - datetime.timedelta(days=rng.randrange(365))
            # A fifth of the rows carry a local time, as a CRM export would.
            date = day.isoformat() if n % 5 else f"{day.isoformat()} {rng.randrange(8, 18):02d}:{rng.randrange(60):02d}"
            row = [date, rng.choice(PEOPLE), rng.choice(KINDS), rng.choice(PHRASES)]
            for column in columns[4:]:
                values = known.get(column) or [""]
                row.append(rng.choice(values) if rng.random() < 0.35 else "")
            writer.writerow(row)


if __name__ == "__main__":
    main()
