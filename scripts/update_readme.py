"""Refresh the real-output blocks of README.md (between ``<!-- name:begin -->`` and
``<!-- name:end -->``) by running whimbrel, so the README shows what the code does today.

    .venv/bin/python scripts/update_readme.py [--events 8]

Blocks: ``demo`` (the seed article's table, as ``make demo`` prints it, first events only),
``code-csv`` (a one-line story as CSV) and ``accuracy`` (every ``whimbrel eval`` on the
project's gold files). Takes about two minutes.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
WHIMBREL = [sys.executable, "-m", "whimbrel"]


def run(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [*WHIMBREL, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={"COLUMNS": "140", "PATH": "/usr/bin:/bin", "TERM": "dumb"},
    )
    return done.stdout


def first_events(table: str, n: int) -> str:
    """The table cut after its n-th event row (rows are separated by ├...┤ lines)."""
    lines = table.rstrip("\n").splitlines()
    seps = [i for i, line in enumerate(lines) if line.startswith("├")]
    if len(seps) <= n:
        return "\n".join(lines)
    total = len(seps) - 1  # the first separator follows the header
    kept = lines[: seps[n]]
    return "\n".join([*kept, f"… ({total + 1 - n} more events)"])


# The lines of each `whimbrel eval` report that go into the README, by their start.
SUMMARY_LINES = {
    "actors": ("code_precision", "code_recall", "code_sector_precision", "code_sector_recall"),
    "events": ("type accuracy", "full source-type-target", "actor accuracy", "no-event texts"),
    "dates": ("accuracy", "historical"),
    "places": ("country_accuracy", "within_25km_rate", "admin1"),
    "cleaning": ("precision", "recall", "bio_accuracy"),
}
GOLD = {
    "actors": "tests/data/actors-gold.jsonl",
    "events": "tests/data/events-gold.json",
    "dates": "tests/data/dates-gold.jsonl",
    "places": "tests/data/places-gold.jsonl",
    "cleaning": "tests/data/cleaning",
}


def accuracy() -> str:
    rows = ["| stage | gold set | `whimbrel eval` says |", "|---|---|---|"]
    for stage, starts in SUMMARY_LINES.items():
        out = run("eval", stage, GOLD[stage])
        keep = [line.strip() for line in out.splitlines() if line.startswith(starts)]
        rows.append(f"| {stage} | `{GOLD[stage]}` | {'<br>'.join(keep)} |")
    return "\n".join(rows)


def replace_block(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:begin -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no {name} block")
    return pattern.sub(lambda m: m.group(1) + body.rstrip("\n") + "\n" + m.group(2), text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=8, help="events shown from the demo")
    args = parser.parse_args()
    table = run("code", "examples/seed-article.txt", "--date", "2022-06-06")
    demo = "```\n$ make demo\n" + first_events(table, args.events) + "\n```"
    story = "Cuba, Venezuela and Nicaragua are boycotting the summit in Los Angeles.\n"
    csv_out = run("code", "-", "--date", "2022-06-06", "--format", "csv", stdin=story)
    csv_out = (
        f'```\n$ echo "{story.strip()}" | whimbrel code - --date 2022-06-06 --format csv\n'
        + csv_out.rstrip("\n")
        + "\n```"
    )
    text = README.read_text(encoding="utf-8")
    text = replace_block(text, "demo", demo)
    text = replace_block(text, "code-csv", csv_out)
    text = replace_block(text, "accuracy", accuracy())
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
