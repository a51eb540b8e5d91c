"""`whimbrel train`: rebuild the shipped event classifier from the repository's data."""

from __future__ import annotations

from pathlib import Path

import typer


def train_command(
    data: Path = typer.Option(
        None,
        "--data",
        help="Folder of labelled *.jsonl (default: the package's events/data/train).",
    ),
    out: Path = typer.Option(None, "--out", help="Write the model here instead of the package."),
    cv: int = typer.Option(0, "--cv", help="Also report k-fold cross-validation (e.g. 5)."),
) -> None:
    """Train the event classifier (deterministic; a few minutes at most on 2 cores)."""
    from whimbrel.events.train import TRAIN_DIR, train
    from whimbrel.nlp import load_pipeline
    from whimbrel.settings import Settings

    nlp = load_pipeline(Settings.from_env().model)
    report = train(nlp, data or TRAIN_DIR, out)
    typer.echo(
        f"trained on {report.examples} sentences from {len(report.files)} files "
        f"({report.instances} candidate clauses, {report.features} weights)"
    )
    typer.echo("per type: " + ", ".join(f"{k} {v}" for k, v in sorted(report.by_type.items())))
    for r in report.rejected:
        typer.echo(f"skipped {r.item}: {r.message}", err=True)
    if cv:
        from whimbrel.eval.events import cross_validate, format_report

        typer.echo(f"\n{cv}-fold cross-validation on the training sentences:")
        typer.echo(format_report(cross_validate(nlp, cv, data or TRAIN_DIR)))


def register(app: typer.Typer) -> None:
    app.command("train")(train_command)
