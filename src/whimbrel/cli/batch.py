"""`whimbrel batch` (code large inputs into Parquet shards) and `whimbrel load`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from whimbrel.ingest.readers import parse_date
from whimbrel.settings import Settings
from whimbrel.store import Store
from whimbrel.store.parquet import load_dir


def batch_command(
    inputs: list[Path] = typer.Argument(..., help="JSONL, Parquet, WARC files or text folders."),
    out: Path = typer.Option(..., "--out", help="Output folder for Parquet shards."),
    engine: str = typer.Option("local", "--engine", help="local or dask."),
    workers: int = typer.Option(1, "--workers", "-w", help="Worker processes."),
    scheduler: str = typer.Option(
        None, "--scheduler", help="Dask scheduler address; a LocalCluster when omitted."
    ),
    shard_size: int = typer.Option(200, "--shard-size", help="Articles per shard."),
    date_text: str = typer.Option(None, "--date", help="Publication date for undated items."),
    text_column: str = typer.Option(None, "--text-column", help="Parquet text column."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Code large inputs into Parquet shards, resumably (rerun to finish a killed run)."""
    console = Console(stderr=True)
    columns = {"text": text_column} if text_column else None
    with Progress(
        TextColumn("[bold]coding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} art/s"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console,
        disable=quiet,
    ) as bar:
        task = bar.add_task("coding", total=None, rate=0.0)
        articles = 0
        seconds = 0.0

        def progress(res: dict[str, Any], done: int, total: int) -> None:
            nonlocal articles, seconds
            articles += res["articles"]
            seconds = bar.tasks[task].elapsed or 1e-9
            bar.update(task, completed=done, total=total, rate=articles / seconds)

        from whimbrel.batch import run_batch  # lazy: spaCy loads only for a run

        summary = run_batch(
            inputs,
            out,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            shard_size=shard_size,
            settings=Settings.from_env(),
            published=parse_date(date_text),
            columns=columns,
            progress=progress,
        )
    console.print(
        f"{summary.items} items in {summary.shards} shards "
        f"({summary.shards_skipped} already done): {summary.articles} articles coded, "
        f"{summary.failed} failed, {summary.rejected} rejected, {summary.events} events; "
        f"{summary.rate:.1f} articles/s; peak {summary.peak_mb_per_worker:.0f} MB per worker. "
        f"Load with: whimbrel load {out} --db whimbrel.duckdb",
        highlight=False,
    )


def load_command(
    out: Path = typer.Argument(..., help="A folder written by `whimbrel batch`."),
    db: Path = typer.Option(Path("whimbrel.duckdb"), "--db", help="Database to load into."),
) -> None:
    """Import a batch's Parquet shards into DuckDB (shards already loaded are skipped)."""
    if not (out / "articles").is_dir():
        from whimbrel.errors import InputNotFound

        raise InputNotFound(f"{out} holds no batch output.", "run `whimbrel batch ... --out DIR`.")
    with Store(db) as store:
        counts = load_dir(store, out)
    typer.echo(
        f"loaded {counts['shards']} shard(s) ({counts['skipped']} already loaded): "
        f"{counts['articles']} articles, {counts['events']} events, {counts['rejects']} rejects"
    )


def register(app: typer.Typer) -> None:
    app.command("batch")(batch_command)
    app.command("load")(load_command)
