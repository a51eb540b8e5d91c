"""Shared fixtures: the real spaCy model and pipeline, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.pipeline import Pipeline
from whimbrel.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SEED = ROOT / "examples" / "seed-article.txt"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def nlp(pipeline: Pipeline):
    return pipeline.nlp


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
