"""`whimbrel actors lookup TEXT`: show how the actors stage codes a phrase, and why."""

from __future__ import annotations

import typer

from whimbrel.errors import BadDate

actors_app = typer.Typer(help="Inspect the actor knowledge base and coder.", no_args_is_help=True)


@actors_app.command("lookup")
def lookup(
    text: str = typer.Argument(..., help='A phrase or sentence, e.g. "the Maduro regime".'),
    date_text: str = typer.Option(
        None, "--date", help="Publication date YYYY-MM-DD (roles are dated). Default: today."
    ),
    actor_files: list[str] = typer.Option(
        None, "--actors", help="Your YAML/CSV actor file, layered over the shipped KB (repeat)."
    ),
    show_all: bool = typer.Option(
        False, "--all", help="Also show phrases found but not coded as actors (places, roles)."
    ),
) -> None:
    """Code the actors in TEXT and explain each coding."""
    import datetime as dt

    from whimbrel.actors import explain_actors
    from whimbrel.actors.knowledge import kb_for
    from whimbrel.nlp import load_pipeline, parse
    from whimbrel.records import Article
    from whimbrel.settings import Settings

    day = None
    if date_text:
        try:
            day = dt.date.fromisoformat(date_text)
        except ValueError as e:
            raise BadDate(f"--date {date_text!r} is not a date.", "write it as YYYY-MM-DD.") from e
    settings = Settings.from_env()
    kb = kb_for([*settings.actor_files, *(actor_files or [])])
    for warning in kb.warnings:
        typer.echo(f"warning: {warning}", err=True)
    article = Article.from_text(text, published=day)
    document = next(parse([article], load_pipeline(settings.model)))
    day = day or dt.date.today()
    typer.echo(f"date: {day.isoformat()}")
    shown = 0
    for m in explain_actors(document, kb, day):
        coded = m.emit and m.code
        if not coded and not show_all:
            continue
        span = document.doc[m.start : m.end]
        mark = "" if coded else "  (not an actor)"
        typer.echo(
            f"{span.text!r} [{span.start_char}:{span.end_char}] -> "
            f"{m.code or '---'} {m.sector or '---'}{mark}"
        )
        for reason in m.why:
            typer.echo(f"    because {reason}")
        shown += 1
    if not shown:
        typer.echo("no actors found")


def register(app: typer.Typer) -> None:
    app.add_typer(actors_app, name="actors")
