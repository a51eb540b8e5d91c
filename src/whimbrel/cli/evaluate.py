"""`whimbrel eval KIND FILE`: score a gold file (actors, events, dates, places, cleaning).

Each scorer lives in ``whimbrel.eval.<kind>``; the commands here only read options, call it
and print its report.
"""

from __future__ import annotations

from pathlib import Path

import typer

eval_app = typer.Typer(help="Score whimbrel against a gold file.", no_args_is_help=True)


def _print_report(report: dict[str, object], as_json: bool, misses: int) -> None:
    """Print a scorer's report: JSON, or ``key: value`` lines and the first misses."""
    import json

    if as_json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    missed = report.pop("misses", [])
    for key, value in report.items():
        typer.echo(f"{key}: {value}")
    for miss in list(missed)[:misses] if isinstance(missed, list) else []:
        typer.echo(f"  miss {json.dumps(miss, ensure_ascii=False)}")


@eval_app.command("dates")
def eval_dates(
    path: Path = typer.Argument(..., help="Gold JSONL (see tests/data/dates-gold.jsonl)."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    misses: int = typer.Option(10, "--misses", help="Show at most this many misses."),
) -> None:
    """Dates: accuracy at granularity (date and granularity both right)."""
    from whimbrel.eval.dates import score_dates

    report = score_dates(path)
    _print_report(report.as_dict(), as_json, misses)


@eval_app.command("places")
def eval_places(
    path: Path = typer.Argument(..., help="Gold JSONL (see tests/data/places-gold.jsonl)."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    misses: int = typer.Option(10, "--misses", help="Show at most this many misses."),
) -> None:
    """Places: right country %, within 25 km %, admin1 right."""
    from whimbrel.eval.places import score_places

    report = score_places(path)
    _print_report(report.as_dict(), as_json, misses)


@eval_app.command("cleaning")
def eval_cleaning(
    path: Path = typer.Argument(
        ..., help="Folder of NAME.messy.txt / NAME.clean.txt pairs (see tests/data/cleaning)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    misses: int = typer.Option(10, "--misses", help="Show at most this many cases with errors."),
) -> None:
    """Cleaning: precision/recall of the lines removed from pasted/scraped text."""
    from whimbrel.eval.cleaning import score_dir

    _print_report(score_dir(path).as_dict(), as_json, misses)


@eval_app.command("events")
def eval_events(
    path: Path = typer.Argument(..., help="Gold PLOVER JSON (a list of records)."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
) -> None:
    """Events: per-type P/R/F1, actors, full triple, no-event FPs, confusion, calibration."""
    import json

    from whimbrel.eval.events import evaluate, format_report, report_dict
    from whimbrel.nlp import load_pipeline
    from whimbrel.settings import Settings

    report = evaluate(path, load_pipeline(Settings.from_env().model))
    if as_json:
        typer.echo(json.dumps(report_dict(report), indent=2, ensure_ascii=False))
    else:
        typer.echo(format_report(report))


@eval_app.command("actors")
def eval_actors(
    path: Path = typer.Argument(..., help="Gold JSONL (see tests/data/actors-gold.jsonl)."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    misses: int = typer.Option(10, "--misses", help="Show at most this many misses."),
) -> None:
    """Actors: precision and recall of the code, and of code + sector."""
    from whimbrel.actors.knowledge import kb_for
    from whimbrel.eval.actors import score_actors
    from whimbrel.nlp import load_pipeline
    from whimbrel.settings import Settings

    settings = Settings.from_env()
    report = score_actors(path, load_pipeline(settings.model), kb_for(settings.actor_files))
    _print_report(report.as_dict(), as_json, misses)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
