"""Media types of ``GET /api/events``; the formats themselves are ``whimbrel.store.export``
(shared with the CLI, so both give the same columns)."""

from __future__ import annotations

from typing import Any

from whimbrel.records import Event
from whimbrel.store.export import to_csv, to_geojson, to_jsonl

__all__ = ["FORMATS", "MEDIA_TYPES", "geojson_page", "to_csv", "to_jsonl"]

FORMATS = ("json", "jsonl", "csv", "geojson")
MEDIA_TYPES = {
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
}


def geojson_page(events: list[Event], next_cursor: str | None) -> dict[str, Any]:
    """One page of results as GeoJSON, with the cursor of the next page."""
    return {**to_geojson(events), "next_cursor": next_cursor}
