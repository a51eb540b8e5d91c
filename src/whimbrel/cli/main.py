"""`whimbrel` console script: builds the Typer app and turns errors into messages."""

from __future__ import annotations

import sys

import typer

from whimbrel import __version__
from whimbrel.cli import actors, batch, coding, evaluate, ingest, query, serve, train
from whimbrel.errors import WhimbrelError

app = typer.Typer(
    name="whimbrel",
    help="Turn news into political event data (PLOVER/CAMEO), with evidence for every event.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each face module adds its commands; the order here is the order in `whimbrel --help`.
for module in (coding, ingest, query, actors, batch, evaluate, serve, train):
    module.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"whimbrel {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """whimbrel: who did what to whom, when and where — with the sentence that says so."""


def main() -> None:
    """Entry point: user mistakes become one line on stderr and exit status 2."""
    try:
        app(standalone_mode=False)
    except WhimbrelError as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(2)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(130)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except Exception as e:  # click usage errors carry their own exit codes
        import click

        if isinstance(e, click.ClickException):
            e.show()
            sys.exit(e.exit_code)
        raise


if __name__ == "__main__":
    main()
