"""`whimbrel events` and `whimbrel stats`: read a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from whimbrel.cli.output import FORMATS, check_format, stdout_console, write_events
from whimbrel.errors import InputError, InputNotFound
from whimbrel.ingest.readers import parse_date
from whimbrel.store import EventFilter, Store


def open_existing(db: Path) -> Store:
    if not db.exists():
        raise InputNotFound(
            f"No database at {db}.", "code something first: `whimbrel code FILE --db PATH`."
        )
    return Store(db, read_only=True)


def parse_point(text: str, radius_km: float) -> tuple[float, float, float]:
    """ "14.63,-90.51" -> (lat, lon, km)."""
    try:
        lat, lon = (float(part) for part in text.split(","))
    except ValueError as e:
        raise InputError(
            f"--near {text!r} is not LAT,LON.", "give decimal degrees: --near 14.63,-90.51"
        ) from e
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or radius_km <= 0:
        raise InputError(
            f"--near {text!r} --radius-km {radius_km} is out of range.",
            "latitude is -90..90, longitude -180..180, --radius-km above 0.",
        )
    return lat, lon, radius_km


def events_command(
    db: Path = typer.Option(Path("whimbrel.duckdb"), "--db", help="Database to read."),
    actor: str = typer.Option(None, "--actor", help="Actor code on either side (e.g. USA)."),
    source: str = typer.Option(None, "--source", help="Source actor code."),
    target: str = typer.Option(None, "--target", help="Target actor code."),
    sector: str = typer.Option(None, "--sector", help="Actor sector (e.g. GOV)."),
    event_type: str = typer.Option(None, "--type", help="PLOVER event type (e.g. PROTEST)."),
    since: str = typer.Option(None, "--since", help="Events on or after YYYY-MM-DD."),
    until: str = typer.Option(None, "--until", help="Events on or before YYYY-MM-DD."),
    text: str = typer.Option(None, "--text", help="Words in the evidence sentence."),
    article: str = typer.Option(None, "--article", help="Events of one article id."),
    min_confidence: float = typer.Option(None, "--min-confidence"),
    country: str = typer.Option(None, "--country", help="Event place's country (ISO3)."),
    admin1: str = typer.Option(None, "--admin1", help="Event place's region (e.g. Texas)."),
    near: str = typer.Option(None, "--near", help="LAT,LON: events near this point."),
    radius_km: float = typer.Option(25.0, "--radius-km", help="Radius for --near, in km."),
    limit: int = typer.Option(1000, "--limit", help="At most this many events."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl, json, csv or geojson."),
) -> None:
    """List stored events, filtered."""
    check_format(fmt, FORMATS)
    point = parse_point(near, radius_km) if near else None
    flt = EventFilter(
        actor=actor,
        source=source,
        target=target,
        sector=sector,
        event_type=event_type,
        date_from=parse_date(since, "--since"),
        date_to=parse_date(until, "--until"),
        text=text,
        article_id=article,
        min_confidence=min_confidence,
        country=country,
        admin1=admin1,
        near=point,
        limit=limit,
    )
    with open_existing(db) as store:
        events = store.events(flt)
    write_events(events, fmt, sys.stdout, stdout_console())


def stats_command(
    db: Path = typer.Option(Path("whimbrel.duckdb"), "--db", help="Database to read."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
) -> None:
    """Summarise a database: counts by type and quad class, top dyads."""
    with open_existing(db) as store:
        s = store.stats()
    if as_json:
        typer.echo(json.dumps(s, indent=2))
        return
    console = stdout_console()
    console.print(f"{s['articles']} articles, {s['events']} events, {s['rejects']} rejects")
    types = Table(title="events by type")
    types.add_column("type")
    types.add_column("count", justify="right")
    for row in s["by_type"]:
        types.add_row(row["event_type"], str(row["count"]))
    console.print(types)
    dyads = Table(title="top dyads")
    for col in ("source", "target", "count", "mean score"):
        dyads.add_column(col)
    for d in s["top_dyads"]:
        dyads.add_row(d["source"], d["target"], str(d["count"]), f"{d['mean_score']:+.2f}")
    console.print(dyads)


def register(app: typer.Typer) -> None:
    app.command("events")(events_command)
    app.command("stats")(stats_command)
