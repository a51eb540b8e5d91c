"""Event output formats for the CLI: table, jsonl, json, csv, geojson."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.table import Table

from whimbrel.errors import UnknownFormat
from whimbrel.records import Actor, Event

FORMATS = ("table", "jsonl", "json", "csv", "geojson")

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


def stdout_console() -> Console:
    """A console for tables on stdout: at least 140 columns when piped (rich assumes 80)."""
    console = Console()
    if not console.is_terminal:
        console = Console(width=max(console.width, 140))
    return console


def check_format(fmt: str, allowed: Iterable[str] = FORMATS) -> str:
    allowed = tuple(allowed)
    if fmt not in allowed:
        raise UnknownFormat(f"Unknown format {fmt!r}.", f"use one of: {', '.join(allowed)}.")
    return fmt


def actor_label(actors: list[Actor]) -> str:
    parts = []
    for a in actors:
        code = " ".join(x for x in (a.code, a.sector) if x) or "?"
        parts.append(f"{code} ({a.text})")
    return "; ".join(parts) or "—"


def _csv_row(e: Event) -> list[object]:
    def join(values: Iterable[str | None]) -> str:
        return "|".join(v or "" for v in values)

    return [
        e.id,
        e.article_id,
        e.event_type,
        e.mode,
        e.cameo,
        e.quad_class,
        e.score,
        join(a.code for a in e.source),
        join(a.sector for a in e.source),
        join(a.text for a in e.source),
        join(a.code for a in e.target),
        join(a.sector for a in e.target),
        join(a.text for a in e.target),
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


def write_events(events: list[Event], fmt: str, out: TextIO, console: Console) -> None:
    check_format(fmt)
    if fmt == "jsonl":
        for e in events:
            out.write(json.dumps(e.to_json_dict(), ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump([e.to_json_dict() for e in events], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "geojson":
        json.dump(geojson_collection(events), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(_csv_row(e) for e in events)
        out.write(buf.getvalue())
    else:
        console.print(events_table(events))


def geojson_collection(events: list[Event]) -> dict[str, object]:
    """A GeoJSON FeatureCollection (RFC 7946: [lon, lat]) of the events that have a place;
    ``without_location`` counts the others. Same properties as the API's geojson."""
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


def snippet(e: Event, width: int = 110) -> str:
    """The evidence sentence, cut to about ``width`` characters around the trigger."""
    sentence = " ".join(e.evidence.sentence.split())
    if len(sentence) <= width:
        return sentence
    at = sentence.find(e.evidence.trigger)
    at = max(at, 0)
    start = max(0, min(at - width // 2, len(sentence) - width))
    cut = sentence[start : start + width]
    return ("…" if start else "") + cut + ("…" if start + width < len(sentence) else "")


def events_table(events: list[Event]) -> Table:
    table = Table(show_lines=True, title=f"{len(events)} events")
    table.add_column("type", style="bold", overflow="fold", max_width=22)
    table.add_column("source", style="cyan", overflow="fold", max_width=30)
    table.add_column("target", style="magenta", overflow="fold", max_width=30)
    table.add_column("trigger", style="yellow", overflow="fold", max_width=14)
    table.add_column("evidence", overflow="fold", ratio=1)
    for e in events:
        kind = e.event_type + (f"/{e.mode}" if e.mode else "")
        flags = [f for f, on in (("neg", e.negated), ("hyp", e.hypothetical)) if on]
        if flags:
            kind += f" [{','.join(flags)}]"
        table.add_row(
            kind, actor_label(e.source), actor_label(e.target), e.evidence.trigger, snippet(e)
        )
    return table
