"""`whimbrel ingest SOURCE ...`: read files, folders, feeds, URLs, WARC, stdin into a DB.

A thin face over ``whimbrel.ingest.run.ingest``: it wires the store and the pipeline in,
shows a progress bar, and prints the run's closing summary.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from whimbrel.errors import UnknownFormat
from whimbrel.ingest.fetch import FetchConfig
from whimbrel.ingest.readers import parse_date
from whimbrel.ingest.run import CodeResult, IngestOptions, IngestSummary, ingest
from whimbrel.ingest.tabular import ColumnMap
from whimbrel.records import Article
from whimbrel.settings import Settings
from whimbrel.store import Store
from whimbrel.store.ingest import IngestStore

STDIN_FORMATS = ("auto", "text", "html", "jsonl", "csv")


class _LazyCoder:
    """Loads the pipeline only when there is something to code."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pipeline: object | None = None

    def __call__(self, articles: list[Article]) -> Iterator[CodeResult]:
        from whimbrel.pipeline import Pipeline

        if self.pipeline is None:
            self.pipeline = Pipeline(self.settings)
        assert isinstance(self.pipeline, Pipeline)
        for coded in self.pipeline.code(articles):
            yield CodeResult(article=coded.article, events=coded.events, error=coded.error)


def summary_table(summary: IngestSummary) -> Table:
    table = Table(title=f"ingest run {summary.run_id}", show_header=True)
    table.add_column("items")
    table.add_column("count", justify="right")
    table.add_column("reasons")
    for kind in ("accepted", "duplicate", "skipped", "rejected"):
        reasons: dict[str, int] = dict(summary.reasons.get(kind, {}))
        text = ", ".join(f"{r} {n}" for r, n in sorted(reasons.items()))
        if kind == "accepted" and summary.coded + summary.coding_failed:
            text = f"coded {summary.coded} ({summary.events} events)" + (
                f", coding failed {summary.coding_failed}" if summary.coding_failed else ""
            )
            earlier = summary.coded + summary.coding_failed - summary.accepted
            if earlier > 0:
                text += f"; {earlier} of them queued by earlier runs"
        table.add_row(kind, str(getattr(summary, kind)), text)
    table.add_row("offered", str(summary.offered), "" if summary.balanced else "UNBALANCED")
    return table


def ingest_command(
    sources: list[str] = typer.Argument(
        ...,
        help="Files, folders, http(s) URLs (pages or RSS/Atom feeds), WARC files, - for "
        "stdin, or @FILE (a list of sources, one a line).",
    ),
    db: Path = typer.Option(
        None, "--db", help="Database (default: WHIMBREL_DB or whimbrel.duckdb)."
    ),
    code: bool = typer.Option(
        True, "--code/--no-code", help="Code new articles now, or store them as queued."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no table."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    date_text: str = typer.Option(
        None, "--date", help="Publication date for articles without one, YYYY-MM-DD."
    ),
    text_col: str = typer.Option(None, "--text-col", help="Column/key holding the text."),
    id_col: str = typer.Option(None, "--id-col", help="Column/key holding the article id."),
    title_col: str = typer.Option(None, "--title-col", help="Column/key holding the title."),
    url_col: str = typer.Option(None, "--url-col", help="Column/key holding the URL."),
    date_col: str = typer.Option(None, "--date-col", help="Column/key holding the date."),
    author_col: str = typer.Option(None, "--author-col", help="Column/key of the author."),
    source_col: str = typer.Option(None, "--source-col", help="Column/key of the outlet."),
    stdin_format: str = typer.Option(
        "auto", "--stdin-format", help="auto, text, html, jsonl or csv."
    ),
    languages: str = typer.Option(
        "en",
        "--languages",
        help="Languages to code, comma-separated; others are stored and skipped.",
    ),
    allow_private: bool = typer.Option(
        False,
        "--allow-private",
        help="Allow fetching from private/loopback addresses (local servers).",
    ),
    timeout: float = typer.Option(20.0, "--timeout", help="Seconds per HTTP request."),
    max_bytes: int = typer.Option(10_000_000, "--max-bytes", help="Largest HTTP response."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline (default from settings)."),
) -> None:
    """Read news into the database: every item is accepted, a duplicate, skipped or rejected."""
    if stdin_format not in STDIN_FORMATS:
        raise UnknownFormat(
            f"Unknown --stdin-format {stdin_format!r}.", f"use one of: {', '.join(STDIN_FORMATS)}."
        )
    settings = Settings.from_env()
    if model:
        settings = Settings(**{**settings.__dict__, "model": model})
    options = IngestOptions(
        columns=ColumnMap.from_options(
            text=text_col,
            id=id_col,
            title=title_col,
            url=url_col,
            date=date_col,
            author=author_col,
            source=source_col,
        ),
        published=parse_date(date_text),
        fetch=FetchConfig(allow_private=allow_private, timeout=timeout, max_bytes=max_bytes),
        languages=frozenset(x.strip().lower() for x in languages.split(",") if x.strip()),
        batch_size=settings.batch_size,
        stdin_format=stdin_format,
        exclude=(str(db or settings.db_path),),
    )
    err = Console(stderr=True)
    coder = _LazyCoder(settings) if code else None
    with (
        Store(db or settings.db_path) as store,
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=quiet or not err.is_terminal,
        ) as bar,
    ):
        task = bar.add_task("reading", total=None)

        def progress(stage: str, s: IngestSummary) -> None:
            bar.update(
                task,
                description=(
                    f"{s.offered} offered: {s.accepted} new, {s.duplicate} duplicate, "
                    f"{s.skipped} skipped, {s.rejected} rejected"
                    + (f"; coded {s.coded + s.coding_failed}" if stage == "coded" else "")
                ),
            )

        summary = ingest(
            sources,
            IngestStore(store),
            options,
            coder=coder,
            progress=progress,
            stdin=sys.stdin.buffer,
        )
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), indent=2))
    elif not quiet:
        err.print(summary_table(summary))
        if summary.accepted == 0 and summary.offered:
            err.print("nothing new: every item was a duplicate, skipped or rejected.")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
