"""Event serialisations for ``GET /api/events``: json, jsonl, csv and geojson."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from whimbrel.records import Event

FORMATS = ("json", "jsonl", "csv", "geojson")
MEDIA_TYPES = {
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
}

# Same columns as the CLI's `--format csv` (whimbrel.cli.output.CSV_COLUMNS).
CSV_COLUMNS = (
    "id",
    "article_id",
    "event_type",
    "mode",
    "cameo",
    "quad_class",
    "score",
    "source_codes",
    "source_sectors",
    "source_text",
    "target_codes",
    "target_sectors",
    "target_text",
    "negated",
    "hypothetical",
    "historical",
    "date",
    "date_granularity",
    "location",
    "location_country",
    "trigger",
    "sentence",
    "start",
    "end",
    "confidence",
)


def _join(values: Iterable[str | None]) -> str:
    return "|".join(v or "" for v in values)


def csv_row(e: Event) -> list[object]:
    return [
        e.id,
        e.article_id,
        e.event_type,
        e.mode,
        e.cameo,
        e.quad_class,
        e.score,
        _join(a.code for a in e.source),
        _join(a.sector for a in e.source),
        _join(a.text for a in e.source),
        _join(a.code for a in e.target),
        _join(a.sector for a in e.target),
        _join(a.text for a in e.target),
        e.negated,
        e.hypothetical,
        e.historical,
        e.date.isoformat() if e.date else "",
        e.date_granularity or "",
        e.location.name if e.location else "",
        e.location.country if e.location else "",
        e.evidence.trigger,
        e.evidence.sentence,
        e.evidence.start,
        e.evidence.end,
        e.confidence,
    ]


def to_csv(events: list[Event]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(e) for e in events)
    return buf.getvalue()


def to_jsonl(events: list[Event]) -> str:
    return "".join(json.dumps(e.to_json_dict(), ensure_ascii=False) + "\n" for e in events)


def to_geojson(events: list[Event], next_cursor: str | None = None) -> dict[str, Any]:
    """A FeatureCollection of the events that have coordinates (others are counted)."""
    features = []
    for e in events:
        loc = e.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": e.id,
                "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                "properties": {
                    "article_id": e.article_id,
                    "event_type": e.event_type,
                    "mode": e.mode,
                    "quad_class": e.quad_class,
                    "score": e.score,
                    "source": [a.code for a in e.source],
                    "target": [a.code for a in e.target],
                    "date": e.date.isoformat() if e.date else None,
                    "place": loc.name,
                    "country": loc.country,
                    "sentence": e.evidence.sentence,
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "without_location": len(events) - len(features),
        "next_cursor": next_cursor,
    }
