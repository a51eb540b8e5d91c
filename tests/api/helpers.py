"""Helpers shared by the API and web tests: an app over a DuckDB in a tmp dir, waiting."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from whimbrel.api import ServeConfig, create_app
from whimbrel.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed-article.txt"
DATA = ROOT / "tests" / "data"
RECEIPT = "Thanks for contacting us. We've received your submission."


def config(db: Path, **overrides: Any) -> ServeConfig:
    values: dict[str, Any] = {
        "db_path": db,
        "token": None,
        "submit_burst": 100,
        "submit_rate_per_minute": 6000.0,
    }
    values.update(overrides)
    return ServeConfig(**values)


@contextmanager
def client_for(
    db: Path, pipeline: Pipeline | None = None, **overrides: Any
) -> Iterator[TestClient]:
    app = create_app(config(db, **overrides), pipeline=pipeline)
    with TestClient(app) as client:
        yield client


def wait_done(client: TestClient, article_id: str, timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        status: dict[str, Any] = client.get(f"/api/articles/{article_id}").json()
        if status["status"] in ("done", "failed") or time.monotonic() > deadline:
            return status
        time.sleep(0.05)


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The one error shape: {"error": {"code", "message"}} and nothing else."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]
