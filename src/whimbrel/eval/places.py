"""Score place resolution against a gold file (``whimbrel eval places FILE``).

Gold format, one JSON object a line (``tests/data/places-gold.jsonl``)::

    {"id": "p001", "text": "...", "trigger": "marched", "place": "Paris",
     "country": "FRA", "lat": 48.857, "lon": 2.352, "admin1": "Texas"}

The event is built on the sentence holding ``trigger`` and run through the real places stage.
Scores: right country (ISO3) over all lines; within 25 km over the lines with coordinates
(regions such as "Texas" carry none: a region has no point to be near); admin1 right over the
lines that give one. A country is placed at its capital (docs/dates-places.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from whimbrel.eval.dates import gold_documents, read_gold
from whimbrel.nlp import load_pipeline
from whimbrel.places import haversine_km, resolve_places
from whimbrel.places.gazetteer import fold
from whimbrel.settings import Settings

WITHIN_KM = 25.0


@dataclass
class PlaceReport:
    """Scores of one run over a places gold file."""

    total: int = 0
    country_right: int = 0
    with_point: int = 0
    within: int = 0
    admin1_total: int = 0
    admin1_right: int = 0
    unplaced: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def country_accuracy(self) -> float:
        return self.country_right / self.total if self.total else 0.0

    @property
    def within_rate(self) -> float:
        return self.within / self.with_point if self.with_point else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "country_right": self.country_right,
            "country_accuracy": round(self.country_accuracy, 4),
            "with_point": self.with_point,
            "within_25km": self.within,
            "within_25km_rate": round(self.within_rate, 4),
            "admin1": f"{self.admin1_right}/{self.admin1_total}",
            "unplaced": self.unplaced,
            "misses": self.misses,
        }


def score_places(path: Path, nlp: Language | None = None) -> PlaceReport:
    """Run the places stage over every gold line and count what it gets right."""
    rows = read_gold(path, ("text", "trigger", "country"))
    if nlp is None:  # read (and check) the gold file before the slow model load
        nlp = load_pipeline(Settings.from_env().model)
    report = PlaceReport()
    for row, document, event in gold_documents(rows, nlp, published=False):
        (got,) = resolve_places(document, [event])
        loc = got.location
        report.total += 1
        report.unplaced += loc is None
        country_ok = loc is not None and loc.country == row["country"]
        report.country_right += country_ok
        distance: float | None = None
        if row.get("lat") is not None and row.get("lon") is not None:
            report.with_point += 1
            if loc is not None and loc.lat is not None and loc.lon is not None:
                distance = haversine_km(loc.lat, loc.lon, float(row["lat"]), float(row["lon"]))
                report.within += distance <= WITHIN_KM
        admin1_ok = True
        if row.get("admin1"):
            report.admin1_total += 1
            admin1_ok = loc is not None and fold(loc.admin1 or "") == fold(row["admin1"])
            report.admin1_right += admin1_ok
        near = distance is None or distance <= WITHIN_KM
        if not country_ok or not near or not admin1_ok:
            report.misses.append(
                {
                    "id": row.get("id"),
                    "text": row["text"],
                    "place": row.get("place"),
                    "want": row["country"],
                    "got": loc.country if loc else None,
                    "got_name": loc.name if loc else None,
                    "got_admin1": loc.admin1 if loc else None,
                    "km": round(distance, 1) if distance is not None else None,
                }
            )
    return report
