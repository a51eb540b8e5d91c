"""`whimbrel eval KIND FILE`: score a gold file (actors, events, dates, places, cleaning).

Each scorer lives in ``whimbrel.eval.<kind>``; the commands here only read options, call it
and print its report.
"""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Score whimbrel against a gold file.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
