"""A database with the seed article and a second article coded through the API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import SEED, client_for, wait_done
from whimbrel.pipeline import Pipeline

SECOND = (
    "Russia and China signed a trade agreement in Beijing on Monday. "
    "Protesters in Caracas demonstrated against the Venezuelan government. "
    "The United States imposed sanctions on Iran."
)


@pytest.fixture(scope="module")
def coded(
    tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
) -> Iterator[tuple[TestClient, dict[str, Any]]]:
    """A running app over a database holding two coded articles; yields (client, ids)."""
    db: Path = tmp_path_factory.mktemp("api") / "coded.duckdb"
    with client_for(db, pipeline) as client:
        seed = client.post(
            "/api/articles",
            json={"text": SEED.read_text(), "date": "2022-06-06", "title": "Seed"},
        ).json()["id"]
        second = client.post(
            "/api/articles", json={"text": SECOND, "date": "2022-07-04", "source": "wire"}
        ).json()["id"]
        assert wait_done(client, seed)["status"] == "done"
        assert wait_done(client, second)["status"] == "done"
        yield client, {"seed": seed, "second": second}
