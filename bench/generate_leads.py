#!/usr/bin/env python3
"""Writes deterministic lead exports: a benchmark workspace, or the leads of
the Northwind example.

    bench/generate_leads.py OUT_DIR [--rows 1000000] [--seed 11] [--owners 40] [--crm salesforce [--quote-all]]
    bench/generate_leads.py --example [--rows 520]

Benchmark mode writes a workspace (align.toml with business hours, a
criteria file with a business-hours SLA, and leads/leads.csv with the SPEC's
canonical columns). The default is the size issue #3 measures: 1,000,000
leads, about 170 MB. About 2% of the leads are open, assigned and never
touched (most of them overdue at the benchmark's --as-of), 10% have no tier
value (their tier comes from the score), and a few timestamps are local
times without an offset.

With `--crm salesforce` the same leads (same seed, same instants) are
written as a Salesforce lead report writes them: its headers (read with the
`salesforce` preset), US local times such as `11/20/2026 9:30 AM` in the
leads time zone, a date-only `Converted Date`, and the report's footer
lines; with `--quote-all` every cell is quoted too, as Salesforce does.
bench/crm.py compares these files.

Example mode rewrites examples/northwind/leads/leads.csv: the hand-written
leads (the first 28 rows, whose stories the example's README tells) are
kept as they are, and generated leads of September to November 2026 follow,
in the CRM's column names. The team's first-touch record improves month by
month (the trend `align report` shows). The same arguments always write the
same bytes.
"""

import argparse
import datetime as dt
import os
import random
import re
from zoneinfo import ZoneInfo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "northwind", "leads", "leads.csv")
HAND_WRITTEN = 28

CANONICAL = (
    "id,created_at,source,company,contact_email,title,industry,employees,country,"
    "tier,stage,owner,assigned_at,first_touch_at,status,closed_at,outcome,amount"
)

ALIGN_TOML = """[workspace]
name = "Leads benchmark"
timezone = "America/Chicago"

[business_hours]
monday    = ["08:00-12:00", "13:00-17:00"]
tuesday   = ["08:00-12:00", "13:00-17:00"]
wednesday = ["08:00-12:00", "13:00-17:00"]
thursday  = ["08:00-12:00", "13:00-17:00"]
friday    = ["08:00-12:00", "13:00-15:00"]
holidays  = ["2026-01-01", "2026-05-25", "2026-07-03", "2026-09-07", "2026-11-26", "2026-11-27"]
half_days = [{ date = "2026-12-24", hours = ["09:00-12:00"] }]

[leads]
timezone = "America/New_York"
"""

CRITERIA_TOML = """[[fit]]
field = "industry"
in = ["fintech", "insurance", "healthcare", "manufacturing"]
points = 20

[[fit]]
field = "employees"
at_least = 200
points = 15

[[fit]]
field = "title"
matches = "\\\\b(cfo|controller|vp finance|head of finance)\\\\b"
points = 20

[[engagement]]
field = "source"
in = ["demo-request", "pricing-page"]
points = 30

[[engagement]]
field = "source"
in = ["webinar", "content-download", "event"]
points = 10

[[disqualify]]
field = "contact_email"
matches = "@(gmail|yahoo|hotmail)\\\\.com$"
reason = "personal email address"

[stages]
mql = 40
sql = 70

[handoff]
min_score = 40
required = ["company", "contact_email"]

[tiers]
A = 80
B = 50
C = 0

[sla]
clock = "business"
first_touch = { A = "1h", B = "4h", C = "16h" }
"""

SOURCES = ["demo-request", "pricing-page", "webinar", "content-download", "event", "partner-referral"]
INDUSTRIES = ["fintech", "insurance", "healthcare", "manufacturing", "retail", "software", "logistics"]
TITLES = ["CFO", "Controller", "VP Finance", "Head of Finance", "Accountant", "Analyst", "Director"]
COUNTRIES = ["US", "US", "US", "CA", "GB", "DE"]
OWNERS = [f"rep{i:02d}@nw.example" for i in range(40)]
CLOSED = ["won", "lost", "disqualified"]
# Benchmark instants are naive datetimes in UTC; they are printed in Chicago
# time (or New York time for naive cells) with the offset of that instant.
DST_START = dt.datetime(2026, 3, 8, 8)  # 02:00 CST
DST_END = dt.datetime(2026, 11, 1, 7)  # 02:00 CDT


def chicago_hours(moment):
    """Chicago's offset from UTC at a UTC instant of 2026, in hours."""
    return -5 if DST_START <= moment < DST_END else -6


def utc(moment):
    """The instant in UTC (`Z`), as many CRMs export it."""
    return moment.strftime("%Y-%m-%dT%H:%MZ")


def stamp(moment, naive=False):
    hours = chicago_hours(moment)
    if naive:
        # The CRM writes local times in New York, an hour ahead of Chicago.
        return (moment + dt.timedelta(hours=hours + 1)).strftime("%Y-%m-%d %H:%M")
    local = moment + dt.timedelta(hours=hours)
    return local.strftime("%Y-%m-%dT%H:%M") + f"-{-hours:02d}:00"


SALESFORCE_HEADER = ",".join(
    f'"{name}"' for name in [
        "Lead ID", "Created Date", "Lead Source", "Company / Account", "Email", "Title", "Industry",
        "No. of Employees", "Country", "Rating", "Stage", "Lead Owner", "Lead Owner Assigned Date",
        "First Call Date", "Lead Status", "Converted Date", "Outcome", "Amount",
    ]
)

# Salesforce has no assignment date or first call on a lead report by
# default; the benchmark's org has these two custom fields.
SALESFORCE_TOML = """preset = "salesforce"

[leads.columns]
assigned_at = "Lead Owner Assigned Date"
first_touch_at = "First Call Date"
"""

SALESFORCE_FOOTER = (
    '""\n"Grand Totals ({rows} records)"\n""\n"Acme Corp"\n'
    '"Confidential Information - Do Not Distribute"\n'
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'
)


def us_local(moment, date_only=False):
    """A UTC instant as Salesforce writes it: New York wall-clock time."""
    local = moment + dt.timedelta(hours=chicago_hours(moment) + 1)
    date = f"{local.month}/{local.day}/{local.year}"
    if date_only:
        return date
    hour = local.hour % 12 or 12
    return f"{date} {hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def salesforce_line(cells, quote_all):
    if quote_all:
        return ",".join(f'"{cell}"' for cell in cells) + "\n"
    return ",".join(str(cell) for cell in cells) + "\n"


def benchmark(out, rows, seed, crm=None, quote_all=False, owners=40):
    rng = random.Random(seed)
    reps = OWNERS if owners == len(OWNERS) else [f"rep{i:02d}@nw.example" for i in range(owners)]
    os.makedirs(os.path.join(out, "criteria"), exist_ok=True)
    os.makedirs(os.path.join(out, "leads"), exist_ok=True)
    with open(os.path.join(out, "align.toml"), "w", encoding="utf-8") as f:
        f.write(ALIGN_TOML + (SALESFORCE_TOML if crm else ""))
    with open(os.path.join(out, "criteria", "criteria.toml"), "w", encoding="utf-8") as f:
        f.write(CRITERIA_TOML)
    start = dt.datetime(2026, 1, 5, 6, 0)
    span_minutes = int((dt.datetime(2026, 11, 23, 15, 0) - start).total_seconds() // 60)
    companies = [f"Firm {i}" for i in range(5000)]
    path = os.path.join(out, "leads", "leads.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        header = SALESFORCE_HEADER if quote_all else SALESFORCE_HEADER.replace('"', "")
        f.write((header if crm else CANONICAL) + "\n")
        lines = []
        for i in range(rows):
            created = start + dt.timedelta(minutes=rng.randrange(span_minutes))
            company = rng.choice(companies)
            domain = f"firm{company[5:]}.example"
            email = f"c{i % 997}@{domain}" if rng.random() > 0.01 else f"c{i}@gmail.com"
            tier = rng.choice("AABBBCCC") if rng.random() > 0.1 else ""
            assigned = created + dt.timedelta(minutes=rng.randrange(5, 240))
            roll = rng.random()
            touch = status = closed = outcome = amount = ""
            touch_at = closed_at = None
            if roll < 0.02:
                status = "open"
            elif roll < 0.90:
                touch_at = assigned + dt.timedelta(minutes=rng.randrange(1, 1200))
                touch = utc(touch_at)
                status = "working"
            else:
                touch_at = assigned + dt.timedelta(minutes=rng.randrange(1, 600))
                touch = utc(touch_at)
                status = rng.choice(CLOSED)
                closed_at = touch_at + dt.timedelta(days=rng.randrange(1, 30))
                closed = stamp(closed_at)
                outcome = status if status != "disqualified" else ""
                amount = str(rng.randrange(10, 200) * 1000) if status == "won" else ""
            naive = i % 50 == 0
            if crm:
                lines.append(salesforce_line([
                    f"L{i:07d}", us_local(created), rng.choice(SOURCES), company, email,
                    rng.choice(TITLES), rng.choice(INDUSTRIES), rng.randrange(5, 5000),
                    rng.choice(COUNTRIES), tier, "sql", rng.choice(reps), us_local(assigned),
                    us_local(touch_at) if touch_at else "", status,
                    us_local(closed_at, date_only=True) if closed_at else "", outcome, amount,
                ], quote_all))
                if len(lines) == 10000:
                    f.write("".join(lines))
                    lines.clear()
                continue
            lines.append(
                f"L{i:07d},{stamp(created, True) if naive else utc(created)},{rng.choice(SOURCES)},{company},{email},"
                f"{rng.choice(TITLES)},{rng.choice(INDUSTRIES)},{rng.randrange(5, 5000)},"
                f"{rng.choice(COUNTRIES)},{tier},sql,{rng.choice(reps)},{stamp(assigned)},"
                f"{touch},{status},{closed},{outcome},{amount}\n"
            )
            if len(lines) == 10000:
                f.write("".join(lines))
                lines.clear()
        f.write("".join(lines))
        if crm:
            f.write(SALESFORCE_FOOTER.format(rows=rows))
    print(f"wrote {rows} leads to {path} ({os.path.getsize(path) / 1e6:.0f} MB)")


# --- The Northwind example ----------------------------------------------------

FIRST = ["Ana", "Ben", "Chloe", "Dev", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jon", "Kira",
         "Leo", "Maya", "Nils", "Omar", "Pia", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Vik",
         "Wren", "Xavi", "Yara", "Zane"]
LAST = ["Abbott", "Banks", "Cruz", "Dahl", "Ellis", "Frost", "Gupta", "Hale", "Iqbal", "Jensen",
        "Kaur", "Lund", "Moss", "Nash", "Ortiz", "Price", "Quade", "Reyes", "Stone", "Tran",
        "Usman", "Voss", "Wolfe", "Young", "Zhou"]
PREFIX = ["Amber", "Beacon", "Cedar", "Delta", "Ember", "Falcon", "Glacier", "Harbor", "Iron",
          "Juniper", "Keystone", "Lakeside", "Meadow", "North Star", "Oakridge", "Pioneer",
          "Quartz", "Redwood", "Summit", "Timber", "Union", "Valley", "Willow", "Yellowstone"]
KINDS = {
    "fintech": ["Payments", "Lending", "Pay", "Capital", "Wallet"],
    "insurance": ["Mutual", "Insurance", "Assurance", "Underwriters", "Re"],
    "healthcare": ["Health", "Medical Group", "Clinics", "Health System", "Care Partners"],
    "manufacturing": ["Industries", "Tooling", "Manufacturing", "Fabrication", "Components"],
    "financial services": ["Credit Union", "Bank", "Trust", "Savings", "Financial"],
    "retail": ["Outfitters", "Market", "Stores", "Goods"],
    "software": ["Labs", "Software", "Analytics", "Cloud"],
    "education": ["College", "Academy", "Institute"],
}
BUYERS = ["Controller", "CFO", "Chief Financial Officer", "VP Finance", "Director of Finance",
          "Head of Finance", "Finance Director", "Accounting Manager", "Close Manager",
          "Corporate Controller", "Chief Accounting Officer", "VP, Finance"]
OTHERS = ["Senior Accountant", "AP Specialist", "Operations Manager", "Data Engineer",
          "Practice Manager", "Office Manager", "Financial Analyst", "IT Director"]
EX_SOURCES = ["demo-request", "pricing-page", "webinar", "content-download", "event",
              "partner-referral"]
REPS = ["dana@northwind.example", "luis@northwind.example", "priya@northwind.example",
        "sam@northwind.example", "noor@northwind.example", "theo@northwind.example"]
CENTRAL = ZoneInfo("America/Chicago")
EASTERN = ZoneInfo("America/New_York")
AS_OF = dt.datetime(2026, 11, 23, 10, 0, tzinfo=CENTRAL)
# Northwind's business hours (align.toml), Chicago time; Thanksgiving is after the as-of.
HOURS = {0: [(8, 12), (13, 17)], 1: [(8, 12), (13, 17)], 2: [(8, 12), (13, 17)],
         3: [(8, 12), (13, 17)], 4: [(8, 12), (13, 15)]}


def business_instant(rng, day):
    """A random minute inside Northwind's business hours on `day`."""
    ranges = HOURS.get(day.weekday())
    if not ranges:
        return None
    start, end = rng.choice(ranges)
    minute = rng.randrange(start * 60, end * 60)
    return dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=CENTRAL)


def add_business_minutes(moment, minutes):
    """Northwind's business clock, minute by minute (small numbers only)."""
    moment = moment.astimezone(dt.timezone.utc)
    while minutes > 0:
        moment += dt.timedelta(minutes=1)
        local = moment.astimezone(CENTRAL)
        ranges = HOURS.get(local.weekday(), [])
        minute_of_day = local.hour * 60 + local.minute
        if any(s * 60 < minute_of_day <= e * 60 for s, e in ranges):
            minutes -= 1
    return moment


BUYER_TITLE = re.compile(
    r"\b(cfo|chief financial|chief accounting|controller|vp,? finance|vice president,? finance|"
    r"head of finance|director of finance|finance director|close manager|accounting manager)\b", re.I)


def northwind_score(industry, employees, title, country, source, pages):
    """The score examples/northwind/criteria/lead-criteria.toml gives."""
    score = 20 if industry in ("fintech", "insurance", "healthcare", "manufacturing", "financial services") else 0
    score += (15 if employees >= 200 else 0) + (10 if employees >= 1000 else 0)
    score += 20 if BUYER_TITLE.search(title) else 0
    score += 5 if country in ("US", "CA") else 0
    score += {"demo-request": 30, "pricing-page": 30, "partner-referral": 25}.get(source, 0)
    score += 10 if source in ("webinar", "content-download", "event") else 0
    score += 10 if pages >= 5 else 0
    return score


def example_stamp(rng, moment, allow_naive=True):
    """Mostly Chicago offsets; some UTC; a few CRM-style naive New York times."""
    roll = rng.random()
    if allow_naive and roll < 0.04:
        return moment.astimezone(EASTERN).strftime("%Y-%m-%d %H:%M")
    if roll < 0.12:
        return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.astimezone(CENTRAL).isoformat(timespec="seconds")


def example(rows, seed):
    with open(EXAMPLE, encoding="utf-8", newline="") as f:
        kept = f.read().splitlines(keepends=True)[: HAND_WRITTEN + 1]
    rng = random.Random(seed)
    used = {line.split(",")[3] for line in kept[1:]}
    lines = list(kept)
    number = 1028
    days = [dt.date(2026, 9, 1) + dt.timedelta(days=d) for d in range(83)]
    # The share of leads touched within the SLA, by month: the revenue
    # meeting's push on response times shows.
    on_time = {9: 0.70, 10: 0.80, 11: 0.88}
    while len(lines) - 1 < rows:
        number += 1
        industry = rng.choice(list(KINDS))
        company = f"{rng.choice(PREFIX)} {rng.choice(KINDS[industry])}"
        while company in used:
            company = f"{rng.choice(PREFIX)} {rng.choice(PREFIX)} {rng.choice(KINDS[industry])}"
        used.add(company)
        domain = re.sub(r"[^a-z]", "", company.lower()) + ".example"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first[0].lower()}.{last.lower()}@{domain}"
        if rng.random() < 0.03:
            email = f"{first.lower()}.{last.lower()}{rng.randrange(10, 99)}@gmail.com"
        buyer = rng.random() < 0.7
        title = rng.choice(BUYERS if buyer else OTHERS)
        employees = rng.choice([40, 80, 120, 150, 220, 260, 340, 450, 600, 800, 950, 1200, 1500,
                                2100, 3400, 5200])
        employees_cell = f'"{employees:,}"' if employees >= 1000 and rng.random() < 0.4 else str(employees)
        country = rng.choice(["US"] * 8 + ["CA", "CA", "GB", "IE"])
        source = rng.choice(EX_SOURCES)
        pages = rng.randrange(0, 12)
        # B2B leads arrive on weekdays; a few come in over the weekend.
        weekend = rng.random() < 0.07
        created_day = rng.choice([d for d in days if (d.weekday() >= 5) == weekend])
        created = business_instant(rng, created_day) or dt.datetime(
            created_day.year, created_day.month, created_day.day, rng.randrange(7, 20),
            rng.randrange(60), tzinfo=CENTRAL)
        if created > AS_OF - dt.timedelta(hours=1):
            # Too late for the export: make it Friday's instead.
            created = business_instant(rng, dt.date(2026, 11, 20))
        qualified = (northwind_score(industry, employees, title, country, source, pages) >= 70
                     and "gmail" not in email)
        fate = rng.random()
        tier = stage = owner = assigned = touch = status = closed = outcome = amount = ""
        if not qualified and fate < 0.93:
            # Marketing keeps nurturing it, or disqualifies it.
            stage = "mql" if rng.random() < 0.5 else ""
            status = "open" if rng.random() < 0.7 else "disqualified"
            if status == "disqualified":
                closed = example_stamp(rng, created + dt.timedelta(hours=rng.randrange(1, 30)), False)
        else:
            # Handed off to sales (a few of them should not have been).
            stage = "sql"
            owner = rng.choice(REPS)
            assigned_at = min(created + dt.timedelta(minutes=rng.randrange(5, 90)),
                              AS_OF - dt.timedelta(minutes=rng.randrange(1, 5)))
            assigned = example_stamp(rng, assigned_at)
            tier = rng.choice(["A", "B", "C", "", "", ""])
            sla_minutes = {"A": 60, "B": 240, "C": 960, "": 240}[tier]
            roll = rng.random()
            if roll < on_time[assigned_at.month]:
                touched_at = add_business_minutes(assigned_at, rng.randrange(3, sla_minutes))
            elif roll < 0.955:
                touched_at = add_business_minutes(assigned_at, sla_minutes + rng.randrange(10, 600))
            else:
                touched_at = None
            if touched_at is not None and touched_at < AS_OF:
                touch = example_stamp(rng, touched_at)
                status = "working"
                if rng.random() < 0.3 and touched_at < AS_OF - dt.timedelta(days=5):
                    won = rng.random() < 0.4
                    status = outcome = "won" if won else "lost"
                    closed = example_stamp(rng, touched_at + dt.timedelta(days=rng.randrange(2, 5)), False)
                    if won:
                        amount = str(rng.randrange(24, 180) * 1000)
            elif touched_at is None and assigned_at < AS_OF - dt.timedelta(days=4) and rng.random() < 0.6:
                # Never called back; the rep closed it out in the CRM.
                status = "lost"
                closed = example_stamp(rng, assigned_at + dt.timedelta(days=rng.randrange(2, 4)), False)
            else:
                status = "open"
        lines.append(
            ",".join([
                f"NW-{number}", example_stamp(rng, created), source, company, email,
                f'"{title}"' if "," in title else title, industry, employees_cell, country,
                tier, stage, owner, assigned, touch, status, closed, outcome, amount, str(pages),
            ]) + "\n"
        )
    with open(EXAMPLE, "w", encoding="utf-8", newline="") as f:
        f.write("".join(lines))
    print(f"wrote {len(lines) - 1} leads to {EXAMPLE}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", help="the benchmark workspace to write")
    parser.add_argument("--rows", type=int)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--owners", type=int, default=40, help="sales reps in the benchmark leads")
    parser.add_argument("--example", action="store_true", help="rewrite the Northwind example's leads")
    parser.add_argument("--crm", choices=["salesforce"], help="write the leads as that CRM's report export")
    parser.add_argument("--quote-all", action="store_true", help="with --crm: quote every cell")
    args = parser.parse_args()
    if args.example:
        example(args.rows or 1200, args.seed)
    elif args.out:
        benchmark(args.out, args.rows or 1_000_000, args.seed, args.crm, args.quote_all, args.owners)
    else:
        parser.error("give OUT_DIR, or --example")


if __name__ == "__main__":
    main()
