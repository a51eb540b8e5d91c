"""`whimbrel events` and `whimbrel stats` over a database coded from the seed article."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Runner
from tests.conftest import SEED


@pytest.fixture()
def coded(whimbrel: Runner) -> Runner:
    r = whimbrel("code", str(SEED), "--date", "2022-06-06", "--db", "w.duckdb", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    return whimbrel


def _events(run: Runner, *args: str) -> list[dict[str, object]]:
    r = run("events", "--db", "w.duckdb", "--format", "jsonl", *args)
    assert r.returncode == 0, r.stderr
    return [json.loads(x) for x in r.stdout.splitlines()]


def test_filters_narrow_the_list(coded: Runner) -> None:
    every = _events(coded)
    assert len(every) >= 3
    protests = _events(coded, "--type", "PROTEST")
    assert protests and all(e["event_type"] == "PROTEST" for e in protests)
    cuba = _events(coded, "--actor", "CUB")
    assert cuba and all(any(a["code"] == "CUB" for a in [*e["source"], *e["target"]]) for e in cuba)
    assert _events(coded, "--text", "boycotting")
    assert _events(coded, "--since", "2030-01-01") == []
    assert len(_events(coded, "--limit", "1")) == 1


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_events_formats(coded: Runner, fmt: str) -> None:
    r = coded("events", "--db", "w.duckdb", "--format", fmt)
    assert r.returncode == 0, r.stderr
    assert "PROTEST" in r.stdout


def test_stats(coded: Runner) -> None:
    r = coded("stats", "--db", "w.duckdb")
    assert r.returncode == 0, r.stderr
    assert "1 articles" in r.stdout and "events by type" in r.stdout
    s = json.loads(coded("stats", "--db", "w.duckdb", "--json").stdout)
    assert s["articles"] == 1 and s["events"] == sum(t["count"] for t in s["by_type"])
