"""Score actor coding against a gold file (``whimbrel eval actors FILE``).

Gold format, one JSON object a line (``tests/data/actors-gold.jsonl``)::

    {"id": "ag-001", "text": "...", "date": "2021-06-08",
     "mentions": [{"text": "Vice President Kamala Harris", "start": 0, "end": 28,
                   "code": "USA", "sector": "GOV"}, ...]}

Each text runs through the real pipeline with ``date`` as its publication date. A
predicted mention matches a gold one when their character spans overlap (one-to-one,
largest overlap first). Predictions with the same span (one per conjunct of a compound
actor, "their governments") count as one prediction that is right if any of them is.
Reported: detection P/R (spans alone), code P/R and code+sector P/R.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from whimbrel.actors import find_actors
from whimbrel.actors.knowledge import KnowledgeBase
from whimbrel.errors import GoldFileError
from whimbrel.nlp import parse
from whimbrel.records import Actor, Article


@dataclass
class ActorReport:
    items: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    code_right: int = 0
    code_sector_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    def as_dict(self) -> dict[str, Any]:
        r = self._ratio
        return {
            "items": self.items,
            "gold_mentions": self.gold,
            "predicted_mentions": self.predicted,
            "detection_precision": r(self.matched, self.predicted),
            "detection_recall": r(self.matched, self.gold),
            "code_precision": r(self.code_right, self.predicted),
            "code_recall": r(self.code_right, self.gold),
            "code_sector_precision": r(self.code_sector_right, self.predicted),
            "code_sector_recall": r(self.code_sector_right, self.gold),
            "misses": self.misses,
        }


def read_actor_gold(path: Path) -> list[dict[str, Any]]:
    """Gold lines as dicts; a malformed line is a GoldFileError naming the line."""
    if not path.is_file():
        raise GoldFileError(f"No gold file at {path}.", "check the path.")
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldFileError(
                f"{where} is not JSON ({e.msg}).", "write one JSON object per line."
            ) from e
        if not isinstance(row, dict) or "text" not in row or "mentions" not in row:
            raise GoldFileError(
                f"{where} lacks text or mentions.",
                'give every line "id", "text", "date", "mentions".',
            )
        for m in row["mentions"]:
            if not {"start", "end", "code"} <= set(m):
                raise GoldFileError(
                    f"{where}: a mention lacks start, end or code.",
                    'give each mention "text", "start", "end", "code", "sector".',
                )
        if row.get("date"):
            try:
                dt.date.fromisoformat(row["date"])
            except ValueError as e:
                raise GoldFileError(
                    f"{where}: date {row['date']!r} is not YYYY-MM-DD.",
                    "write dates as YYYY-MM-DD.",
                ) from e
        rows.append(row)
    return rows


def _groups(actors: list[Actor]) -> list[list[Actor]]:
    by_span: dict[tuple[int, int], list[Actor]] = {}
    for a in actors:
        by_span.setdefault((a.start or 0, a.end or 0), []).append(a)
    return list(by_span.values())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_item(row: dict[str, Any], actors: list[Actor], report: ActorReport) -> None:
    groups = _groups(actors)
    gold = row["mentions"]
    report.items += 1
    report.gold += len(gold)
    report.predicted += len(groups)
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(groups):
            ov = _overlap((g["start"], g["end"]), (p[0].start or 0, p[0].end or 0))
            if ov:
                pairs.append((ov, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold[gi], groups[pi]
        report.matched += 1
        code_ok = any(a.code == g["code"] for a in p)
        both_ok = any(a.code == g["code"] and a.sector == g.get("sector") for a in p)
        report.code_right += code_ok
        report.code_sector_right += both_ok
        if not both_ok:
            report.misses.append(
                {
                    "id": row.get("id"),
                    "gold": f"{g.get('text')} {g['code']} {g.get('sector')}",
                    "got": "; ".join(f"{a.text} {a.code} {a.sector}" for a in p),
                }
            )
    for gi, g in enumerate(gold):
        if gi not in used_g:
            report.misses.append(
                {
                    "id": row.get("id"),
                    "gold": f"{g.get('text')} {g['code']} {g.get('sector')}",
                    "got": None,
                }
            )
    for pi, p in enumerate(groups):
        if pi not in used_p:
            report.misses.append(
                {
                    "id": row.get("id"),
                    "gold": None,
                    "got": "; ".join(f"{a.text} {a.code} {a.sector}" for a in p),
                }
            )


def score_actors(path: Path, nlp: Language, kb: KnowledgeBase | None = None) -> ActorReport:
    """Parse every gold text with the pipeline's spaCy model and score the actors stage
    (the same ``nlp -> find_actors`` path as ``Pipeline.code``; later stages do not change
    actors, so a failing event model cannot skew this score)."""
    rows = read_actor_gold(path)
    articles = [
        Article.from_text(
            r["text"],
            id=str(r.get("id") or n),
            published=dt.date.fromisoformat(r["date"]) if r.get("date") else None,
        )
        for n, r in enumerate(rows)
    ]
    report = ActorReport()
    for row, document in zip(rows, parse(articles, nlp), strict=True):
        score_item(row, find_actors(document, kb), report)
    return report
