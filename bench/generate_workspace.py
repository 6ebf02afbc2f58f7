#!/usr/bin/env python3
"""Writes a large, deterministic align workspace for benchmarks.

    bench/generate_workspace.py OUT_DIR [--documents 10000] [--seed 7]
        [--many-findings] [--inline-ids N]

The default is the size issue #2 measures: 10,000 collateral documents of
2-8 KB (about 50 MB), a map of 1,000 messages, 300 proof points, 300 banned
phrases and 200 terms. The same arguments always write the same bytes.
About 1% of documents carry a banned phrase, so lint has findings to report.

For `align render` (issue #4) it also writes templates/proposal.md and
accounts/accounts.toml (ACCOUNTS key accounts); they take nothing from the
random stream, so every other file is what it was before they existed.

For issue #11, two modes change the documents (and only when asked, so the
default bytes stay the same):

- `--many-findings`: a team's first run. Nine documents in ten name
  competitors they do not declare (AL206) and make number claims no cited
  proof backs (AL213), about a dozen warnings each: 10,000 documents yield
  about 120,000 findings.
- `--inline-ids N`: front matter cites N proof ids in one inline list
  (`proof: [proof-0, proof-1, ...]`), the YAML position cost of issue #11.
"""

import argparse
import json
import os
import random

WORDS = (
    "audit ledger close finance controller team export change record report "
    "quarter revenue reconcile approval workflow evidence review policy risk "
    "control journal entry account balance variance month year operations "
    "customer partner compliance process data system platform integration "
    "visibility accuracy speed trust history version owner access role "
    "schedule deadline task checklist statement invoice payment vendor cash"
).split()


def sentence(rng, words=None):
    words = words or rng.randint(8, 18)
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def nonsense(rng, words):
    """Made-up words, so phrases and terms only match where planted."""
    syllables = ["zor", "bly", "qua", "vex", "nim", "tul", "rak", "sep", "dov", "mip"]
    return " ".join(
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))
        for _ in range(words)
    )


def generate_map(rng, out):
    """Writes map/map.toml; returns the messages, phrases and competitor names."""
    segments = [f"segment-{i}" for i in range(20)]
    requirements = [f"requirement-{i}" for i in range(50)]
    competitors = [f"competitor-{i}" for i in range(10)]
    features = [f"feature-{i}" for i in range(100)]
    parts = []
    for s in segments:
        parts.append(f'[[segment]]\nid = "{s}"\nname = "Segment {s[8:]}"\n')
    for r in requirements:
        parts.append(f'[[requirement]]\nid = "{r}"\nstatement = "{sentence(rng, 8)}"\n')
    for i, c in enumerate(competitors):
        parts.append(
            f'[[competitor]]\nid = "{c}"\nname = "Rival{nonsense(rng, 1).title().replace(" ", "")}{i}"\n'
            f'aliases = ["Rival Alias {i}"]\nlandmines = ["{sentence(rng, 8)}"]\n'
        )
    for f in features:
        parts.append(f'[[feature]]\nid = "{f}"\nname = "Feature {f[8:]}"\nstatus = "ga"\n')
    for i in range(300):
        parts.append(
            f'[[proof]]\nid = "proof-{i}"\ncustomer = "Customer {i}"\n'
            f'claim = "{sentence(rng, 10)}"\npublic = true\nexpires = 2030-12-31\n'
        )
    messages = []
    for i in range(1000):
        requirement = requirements[i % len(requirements)]
        against = competitors[i % len(competitors)]
        messages.append((f"message-{i}", requirement))
        parts.append(
            f'[[message]]\nid = "message-{i}"\nheadline = "{sentence(rng, 6)}"\n'
            f'body = "{sentence(rng)}"\nrequirements = ["{requirement}"]\n'
            f'against = ["{against}"]\nproof = ["proof-{i % 300}"]\n'
            f'features = ["{features[i % len(features)]}"]\nstatus = "approved"\n'
        )
    phrases = [nonsense(rng, rng.randint(1, 3)) for _ in range(300)]
    for p in phrases:
        parts.append(f'[[phrase]]\ntext = "{p}"\nreason = "banned in benchmarks"\n')
    for i in range(200):
        parts.append(
            f'[[term]]\nuse = "Brand{i}"\navoid = ["{nonsense(rng, 2)}", "{nonsense(rng, 1)}"]\n'
        )
    write(os.path.join(out, "map", "map.toml"), "\n".join(parts))
    names = [part.split('name = "', 1)[1].split('"', 1)[0] for part in parts if part.startswith("[[competitor]]")]
    return messages, phrases, names


def many_findings(rng, competitors):
    """A paragraph naming six competitors and six unbacked percentages."""
    named = rng.sample(competitors, 6)
    claims = [f"{rng.randint(11, 89)}%" for _ in range(6)]
    parts = [f"Unlike {name}, we cut close time by {claim}." for name, claim in zip(named, claims)]
    return " ".join(parts) + "\n"


def document(rng, index, messages, phrases, options):
    message, requirement = messages[index % len(messages)]
    target = rng.randint(2000, 8000)
    lines = [
        "---",
        f"id: doc-{index}",
        f"title: Document {index}",
        "kind: note",
        f"requirements: [{requirement}]",
        f"messages: [{message}]",
        *proof_line(index, options.inline_ids),
        "status: draft",
        "---",
        f"# Document {index}",
        "",
    ]
    size = sum(len(line) + 1 for line in lines)
    section = 0
    while size < target:
        if section % 4 == 0:
            block = f"## Section {section}\n"
        elif section % 4 == 1:
            block = "\n".join(f"- {sentence(rng, 6)}" for _ in range(3)) + "\n"
        elif section % 4 == 2:
            block = "```\n" + sentence(rng) + "\n```\n"
        else:
            block = " ".join(sentence(rng) for _ in range(4)) + "\n"
        lines.append(block)
        size += len(block) + 1
        section += 1
    if index % 100 == 7:
        lines.append(f"Plainly {rng.choice(phrases)} here.\n")
    if options.many_findings and index % 10 != 0:
        lines.append(many_findings(rng, options.competitor_names))
    return "\n".join(lines)


def proof_line(index, inline_ids):
    if not inline_ids:
        return []
    ids = ", ".join(f"proof-{(index + k) % 300}" for k in range(inline_ids))
    return [f"proof: [{ids}]"]


ACCOUNTS = 20

TEMPLATE = """\
{#- Benchmark proposal: every context name and a lookup function. -#}
# Proposal{% if account %} for {{ account.name }}{% endif %}

*Prepared by {{ workspace.name }} on {{ today }}.*

## What you told us matters

{% for requirement in requirements -%}
- {{ requirement.statement }}
{% endfor %}
{%- if account %}
| Who | Role | Priorities |
|---|---|---|
{% for contact in account.contacts -%}
| {{ contact.name }} | {{ contact.role }} | {% for id in contact.cares_about %}{{ requirement(id).statement }}{{ "; " if not loop.last }}{% endfor %} |
{% endfor %}
{%- endif %}

## How we meet them

{% for message in messages -%}
### {{ message.headline }}

{{ message.body }}
{% for item in message.proof %}
- **{{ item.customer }}:** {{ item.claim }}
{%- endfor %}

*Capabilities:* {% for feature in message.features %}{{ feature.name }}{{ ", " if not loop.last }}{% endfor %}

{% endfor -%}
## Questions worth asking

{% for competitor in competitors -%}
{% for landmine in competitor.landmines -%}
- {{ landmine }}
{% endfor -%}
{% endfor %}
## Customers behind these results

| Customer | Result |
|---|---|
{% for item in proof -%}
| {{ item.customer }} | {{ item.claim }} |
{% endfor %}
"""


def write_render_files(out, accounts=ACCOUNTS):
    """templates/ and accounts/ for `align render`: fixed text, no randomness."""
    write(os.path.join(out, "templates", "proposal.md"), TEMPLATE)
    parts = []
    for i in range(accounts):
        # Requirements whose messages are `against` this competitor
        # (message j addresses requirement j % 50 against competitor j % 10),
        # so every requirement has fitting messages: 20 each.
        competitor = i % 10
        requirements = [f"requirement-{competitor + 10 * ((i + k) % 5)}" for k in range(3)]
        parts.append(
            f'[[account]]\nid = "account-{i}"\nname = "Account {i}"\n'
            f'segments = ["segment-{i % 20}"]\n'
            f"requirements = {json.dumps(requirements)}\n"
            f'competitors = ["competitor-{competitor}"]\n\n'
            f'[[account.contact]]\nname = "Contact {i}"\nrole = "Chief Financial Officer"\n'
            f'cares_about = ["{requirements[0]}"]\n'
        )
    write(os.path.join(out, "accounts", "accounts.toml"), "\n".join(parts))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--many-findings", action="store_true")
    parser.add_argument("--inline-ids", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    write(
        os.path.join(args.out, "align.toml"),
        '[workspace]\nname = "Benchmark"\ntimezone = "America/Chicago"\n\n'
        "[collateral.kinds.note]\nexternal = false\n",
    )
    messages, phrases, args.competitor_names = generate_map(rng, args.out)
    for index in range(args.documents):
        folder = f"group-{index % 100:02d}"
        path = os.path.join(args.out, "collateral", folder, f"doc-{index}.md")
        write(path, document(rng, index, messages, phrases, args))
    write_render_files(args.out)


if __name__ == "__main__":
    main()
