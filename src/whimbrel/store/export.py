"""Event exports shared by the CLI and the API: jsonl, json, csv and GeoJSON.

One definition of each format, so that ``whimbrel events --format csv`` and
``GET /api/events?format=csv`` give the same columns. JSONL is the stable contract of
``docs/jsonl-contract.md``: one ``Event.to_json_dict()`` a line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from whimbrel.records import Event

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
    # Several actors share one cell: "CUB|VEN|NIC" (a bar never occurs in a code).
    return "|".join(v or "" for v in values)


def csv_row(e: Event) -> list[object]:
    """One event as a row of ``CSV_COLUMNS``."""
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


def to_csv(events: Iterable[Event]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(e) for e in events)
    return buf.getvalue()


def to_jsonl(events: Iterable[Event]) -> str:
    return "".join(json.dumps(e.to_json_dict(), ensure_ascii=False) + "\n" for e in events)


def to_geojson(events: list[Event]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (RFC 7946: [lon, lat]) of the events that have a place;
    ``without_location`` counts the others."""
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
                    "date_granularity": e.date_granularity,
                    "historical": e.historical,
                    "place": loc.name,
                    "country": loc.country,
                    "admin1": loc.admin1,
                    "feature": loc.feature,
                    "geonames_id": loc.geonames_id,
                    "sentence": e.evidence.sentence,
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "without_location": len(events) - len(features),
    }
