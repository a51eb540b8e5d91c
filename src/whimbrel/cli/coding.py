"""`whimbrel code`: code text files, stdin or JSONL articles; print and optionally store."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import typer
from rich.console import Console

from whimbrel.cli.output import FORMATS, check_format, stdout_console, write_events
from whimbrel.errors import EmptyInput, InputNotFound, UnknownFormat
from whimbrel.ingest.readers import (
    decode_bytes,
    parse_date,
    read_jsonl,
    read_text_file,
    text_article,
)
from whimbrel.records import Article, Event, Rejected
from whimbrel.settings import Settings
from whimbrel.store import Store

INPUT_FORMATS = ("text", "jsonl")


def _inputs(
    paths: list[str], input_format: str, published: date | None
) -> Iterator[Article | Rejected]:
    for name in paths or ["-"]:
        if input_format == "jsonl":
            if name == "-":
                yield from read_jsonl(sys.stdin, "stdin", published)
            else:
                path = Path(name)
                if not path.is_file():
                    raise InputNotFound(f"No such file: {path}.", "check the path.")
                text = decode_bytes(path.read_bytes(), str(path))
                yield from read_jsonl(iter(text.splitlines()), str(path), published)
        elif name == "-":
            data = sys.stdin.buffer.read()
            yield text_article(decode_bytes(data, "stdin"), source="stdin", published=published)
        else:
            yield read_text_file(Path(name), published)


def code_command(
    paths: list[str] = typer.Argument(None, help="Text files to code, or - for stdin."),
    date_text: str = typer.Option(None, "--date", help="Publication date, YYYY-MM-DD."),
    input_format: str = typer.Option(
        "text", "--input-format", help="text (one article per file) or jsonl."
    ),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl, json or csv."),
    db: Path = typer.Option(None, "--db", help="Also store articles and events here."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline (default from settings)."),
    actor_files: list[str] = typer.Option(
        None,
        "--actors",
        help="Your own actor file (YAML/CSV) on top of the packaged knowledge base; repeatable.",
    ),
) -> None:
    """Code articles into events and print them."""
    check_format(fmt, FORMATS)
    if input_format not in INPUT_FORMATS:
        raise UnknownFormat(
            f"Unknown --input-format {input_format!r}.", f"use one of: {', '.join(INPUT_FORMATS)}."
        )
    published = parse_date(date_text)
    settings = Settings.from_env()
    if model:
        settings = replace(settings, model=model)
    if actor_files:
        settings = replace(settings, actor_files=(*settings.actor_files, *actor_files))
    console = stdout_console() if fmt == "table" else Console(stderr=True)
    err = Console(stderr=True)
    articles: list[Article] = []
    rejected: list[Rejected] = []
    for item in _inputs(paths, input_format, published):
        if isinstance(item, Rejected):
            rejected.append(item)
        else:
            articles.append(item)
    for r in rejected:
        err.print(f"[yellow]skipped[/] {r.item}: {r.message}", highlight=False)
    if not articles:
        raise EmptyInput("No article to code.", "check the input files or lines.")
    from whimbrel.pipeline import Pipeline  # lazy: spaCy loads only when coding

    pipeline = Pipeline(settings)
    store = Store(db) if db else None
    events: list[Event] = []
    try:
        for r in rejected:
            if store:
                store.save_reject(r)
        for coded in pipeline.code(articles):
            if coded.error:
                err.print(f"[red]failed[/] {coded.article.id}: {coded.error.message}")
                if store:
                    store.save_reject(coded.error)
                    store.save_article(coded.article, status="failed", error=coded.error.message)
                continue
            events.extend(coded.events)
            if store:
                store.save_article(coded.article, coded.events)
    finally:
        if store:
            store.close()
    write_events(events, fmt, sys.stdout, console)
    if db:
        err.print(f"stored {len(articles)} article(s), {len(events)} event(s) in {db}")


def register(app: typer.Typer) -> None:
    app.command("code")(code_command)
