#!/usr/bin/env python3
"""Renders the Northwind example's `align report` page with headless
Chromium (Debian's `chromium`) to a PNG, to look at how the page reads.

    python3 scripts/report_screenshot.py [--out bench/out] [--height 3200] [--only sla]

Writes OUT/report.html and OUT/report.png (OUT is gitignored). --only
shows one section (kpis, objectives, sla, funnel, breakdown), for a
close look at the lower part of the page.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-23T10:00:00-06:00"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=3200)
    parser.add_argument("--only", default="", help="the id of the one section to show")
    parser.add_argument("--from", dest="start", default="2026-09-01", help="first month shown")
    args = parser.parse_args()
    browser = os.environ.get("ALIGN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        sys.exit("no chromium on PATH: apt-get install chromium (or set ALIGN_CHROMIUM)")
    os.makedirs(args.out, exist_ok=True)
    page = os.path.abspath(os.path.join(args.out, "report.html"))
    png = os.path.abspath(os.path.join(args.out, "report.png"))
    subprocess.run(
        ["cargo", "run", "--quiet", "--", "--workspace", os.path.join(ROOT, "examples", "northwind"),
         "report", "--format", "html", "--from", args.start, "--as-of", AS_OF, "-o", page, "--force", "-q"],
        cwd=ROOT, check=True,
    )
    if args.only:
        with open(page, encoding="utf-8") as f:
            html = f.read()
        hide = f"<style>body > section:not(#{args.only}) {{ display: none; }}</style></head>"
        page = page.replace("report.html", f"report-{args.only}.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(html.replace("</head>", hide, 1))
    url = "file://" + page
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             f"--user-data-dir={profile}", "--hide-scrollbars",
             f"--window-size={args.width},{args.height}", f"--screenshot={png}", url],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    print(f"wrote {png}")


if __name__ == "__main__":
    main()
