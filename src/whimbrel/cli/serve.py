"""`whimbrel serve`: the API and dashboard (FastAPI + uvicorn) over one database."""

from __future__ import annotations

import logging
from pathlib import Path

import typer

from whimbrel.api.config import ServeConfig
from whimbrel.settings import Settings


def serve_command(
    db: Path = typer.Option(Path("whimbrel.duckdb"), "--db", help="Database to serve."),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to bind; beyond loopback needs WHIMBREL_TOKEN."
    ),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    rate: float = typer.Option(
        30.0, "--rate", help="Submissions per minute per client (token bucket refill)."
    ),
    burst: int = typer.Option(10, "--burst", help="Submissions a client may send at once."),
    max_body: int = typer.Option(
        2_000_000, "--max-body", help="Largest request body accepted, in bytes."
    ),
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/) over --db."""
    import uvicorn

    from whimbrel.api.app import create_app

    config = ServeConfig(
        db_path=db,
        host=host,
        submit_rate_per_minute=rate,
        submit_burst=burst,
        max_body_bytes=max_body,
        settings=Settings.from_env(),
    )
    app = create_app(config)  # checks the config (token beyond loopback) before binding
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    typer.echo(f"whimbrel: dashboard http://{host}:{port}/  API docs http://{host}:{port}/docs")
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
