"""Event output formats for the CLI: table, jsonl, json, csv, geojson."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.table import Table

from whimbrel.errors import UnknownFormat
from whimbrel.records import Actor, Event
from whimbrel.store.export import to_csv, to_geojson, to_jsonl

FORMATS = ("table", "jsonl", "json", "csv", "geojson")


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


def write_events(events: list[Event], fmt: str, out: TextIO, console: Console) -> None:
    check_format(fmt)
    if fmt == "jsonl":
        out.write(to_jsonl(events))
    elif fmt == "json":
        json.dump([e.to_json_dict() for e in events], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "geojson":
        json.dump(to_geojson(events), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        out.write(to_csv(events))
    else:
        console.print(events_table(events))


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
