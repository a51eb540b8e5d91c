"""Score date resolution against a gold file (``whimbrel eval dates FILE``).

Gold format, one JSON object a line (``tests/data/dates-gold.jsonl``)::

    {"id": "d001", "published": "2022-06-06", "text": "...", "trigger": "marched",
     "date": "2022-06-01", "granularity": "day", "historical": false, "fallback": false}

``trigger`` is a word of ``text`` (its first occurrence): the event is built on the sentence
that holds it and run through the real dates stage. A date is *right* when both its
granularity and its date (the period's first day) match; ``historical`` and ``fallback`` are
scored only where the gold gives them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from whimbrel.actors import find_actors
from whimbrel.dates import resolve_dates
from whimbrel.errors import GoldFileError
from whimbrel.nlp import Document, load_pipeline, parse
from whimbrel.records import Article, Event, Evidence, stable_id
from whimbrel.settings import Settings


def read_gold(path: Path, required: tuple[str, ...]) -> list[dict[str, Any]]:
    """Gold lines as dicts; a malformed line is a GoldFileError naming the line."""
    if not path.is_file():
        raise GoldFileError(f"No gold file at {path}.", "check the path.")
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldFileError(
                f"{path}:{n} is not JSON ({e.msg}).", "write one JSON object per line."
            ) from e
        missing = [k for k in required if k not in row]
        if not isinstance(row, dict) or missing:
            raise GoldFileError(
                f"{path}:{n} lacks {', '.join(missing) or 'an object'}.",
                f"give every line: {', '.join(required)}.",
            )
        if row["trigger"] not in row["text"]:
            raise GoldFileError(
                f"{path}:{n}: trigger {row['trigger']!r} is not in the text.",
                "copy the trigger word exactly from the text.",
            )
        rows.append(row)
    return rows


def parse_day(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError) as e:
        raise GoldFileError(
            f"{where}: {value!r} is not a YYYY-MM-DD date.", "write dates as YYYY-MM-DD."
        ) from e


def gold_documents(
    rows: list[dict[str, Any]], nlp: Language, published: bool = True
) -> Iterator[tuple[dict[str, Any], Document, Event]]:
    """Parse each gold text and build the event its trigger names (with coded actors)."""
    articles = [
        Article.from_text(
            r["text"],
            id=str(r.get("id") or stable_id(r["text"])),
            published=parse_day(r["published"], str(r.get("id")))
            if published and r.get("published")
            else None,
        )
        for r in rows
    ]
    for row, document in zip(rows, parse(articles, nlp), strict=True):
        document.actors = find_actors(document)
        yield row, document, trigger_event(document, row["trigger"])


def trigger_event(document: Document, trigger: str) -> Event:
    """An event on the sentence holding the first whole-word occurrence of ``trigger``."""
    text = document.article.text
    m = re.search(rf"\b{re.escape(trigger)}\b", text) or re.search(re.escape(trigger), text)
    start = m.start() if m else 0
    end = start + len(trigger)
    sent = next(
        (s for s in document.doc.sents if s.start_char <= start < s.end_char), document.doc[:]
    )
    span = document.doc.char_span(start, end, alignment_mode="expand")
    head = span.root if span is not None and len(span) else None

    # The subject's actor is the event's source, so that it is not taken for its place.
    subjects = [t for t in head.children if t.dep_ in {"nsubj", "nsubjpass"}] if head else []
    source = [
        a
        for a in document.actors
        if a.start is not None
        and a.end is not None
        and any(a.start <= t.idx < a.end for s in subjects for t in s.subtree)
    ]
    return Event(
        id=stable_id(document.article.id, start),
        article_id=document.article.id,
        event_type="GOLD",
        source=source,
        evidence=Evidence(
            sentence=sent.text,
            start=sent.start_char,
            end=sent.end_char,
            trigger=text[start:end],
            trigger_start=start,
            trigger_end=end,
        ),
    )


@dataclass
class DateReport:
    """Scores of one run over a dates gold file."""

    total: int = 0
    right: int = 0  # date and granularity both right
    right_date_any_granularity: int = 0  # the same calendar day at the coarser granularity
    historical_total: int = 0
    historical_right: int = 0
    fallback_total: int = 0
    fallback_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def historical_accuracy(self) -> float:
        return self.historical_right / self.historical_total if self.historical_total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "right": self.right,
            "accuracy": round(self.accuracy, 4),
            "right_within_period": self.right_date_any_granularity,
            "historical": f"{self.historical_right}/{self.historical_total}",
            "fallback": f"{self.fallback_right}/{self.fallback_total}",
            "misses": self.misses,
        }


def _within(got: Event, want: dt.date, granularity: str) -> bool:
    if got.date is None:
        return False
    if granularity == "year" or got.date_granularity == "year":
        return got.date.year == want.year
    if granularity == "month" or got.date_granularity == "month":
        return (got.date.year, got.date.month) == (want.year, want.month)
    return got.date == want


def score_dates(path: Path, nlp: Language | None = None) -> DateReport:
    """Run the dates stage over every gold line and count what it gets right."""
    rows = read_gold(path, ("published", "text", "trigger", "date", "granularity"))
    if nlp is None:  # read (and check) the gold file before the slow model load
        nlp = load_pipeline(Settings.from_env().model)
    report = DateReport()
    for row, document, event in gold_documents(rows, nlp):
        (got,) = resolve_dates(document, [event])
        want = parse_day(row["date"], str(row.get("id")))
        report.total += 1
        ok = got.date == want and got.date_granularity == row["granularity"]
        report.right += ok
        report.right_date_any_granularity += _within(got, want, row["granularity"])
        if "historical" in row:
            report.historical_total += 1
            report.historical_right += got.historical == bool(row["historical"])
        if "fallback" in row:
            report.fallback_total += 1
            report.fallback_right += got.date_fallback == bool(row["fallback"])
        hist_ok = "historical" not in row or got.historical == bool(row["historical"])
        if not ok or not hist_ok:
            report.misses.append(
                {
                    "id": row.get("id"),
                    "text": row["text"],
                    "want": row["date"],
                    "want_granularity": row["granularity"],
                    "got": got.date.isoformat() if got.date else None,
                    "got_granularity": got.date_granularity,
                    "want_historical": row.get("historical"),
                    "got_historical": got.historical,
                }
            )
    return report
