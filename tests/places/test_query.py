"""Place filters over a real DuckDB store, and the geojson map layer from the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from whimbrel.cli.query import parse_point
from whimbrel.errors import InputError
from whimbrel.records import Article, Event, Evidence, Location
from whimbrel.store import EventFilter, Store

PLACES = {
    "gua": Location(
        text="Guatemala City",
        name="Guatemala City",
        country="GTM",
        admin1="Guatemala",
        lat=14.64072,
        lon=-90.51327,
        feature="PPLC",
    ),
    "mix": Location(
        text="Mixco",
        name="Mixco",
        country="GTM",
        admin1="Guatemala",
        lat=14.63077,
        lon=-90.60711,
        feature="PPL",
    ),
    "ptx": Location(
        text="Paris",
        name="Paris",
        country="USA",
        admin1="Texas",
        lat=33.66094,
        lon=-95.55551,
        feature="PPL",
    ),
    "par": Location(
        text="Paris",
        name="Paris",
        country="FRA",
        admin1="Ile-de-France",
        lat=48.85341,
        lon=2.3488,
        feature="PPLC",
    ),
    "none": None,
}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "places.duckdb"
    article = Article.from_text("Protesters marched.", id="a1")
    events = [
        Event(
            id=key,
            article_id="a1",
            event_type="PROTEST",
            location=loc,
            evidence=Evidence(sentence="Protesters marched.", start=0, end=19, trigger="marched"),
        )
        for key, loc in PLACES.items()
    ]
    with Store(path) as store:
        store.save_article(article, events)
    return path


@pytest.mark.parametrize(
    ("flt", "ids"),
    [
        (EventFilter(country="gtm"), {"gua", "mix"}),
        (EventFilter(admin1="texas"), {"ptx"}),
        (EventFilter(near=(14.634, -90.507, 5)), {"gua"}),
        (EventFilter(near=(14.634, -90.507, 25)), {"gua", "mix"}),
        (EventFilter(near=(48.857, 2.352, 25)), {"par"}),
        (EventFilter(near=(0.0, 0.0, 100)), set()),
    ],
)
def test_place_filters(db: Path, flt: EventFilter, ids: set[str]) -> None:
    with Store(db, read_only=True) as store:
        assert {e.id for e in store.events(flt)} == ids


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "whimbrel", *args], capture_output=True, text=True, timeout=120
    )


def test_geojson_layer_near_a_point(db: Path) -> None:
    r = _run(
        "events",
        "--db",
        str(db),
        "--near",
        "14.634,-90.507",
        "--radius-km",
        "25",
        "--format",
        "geojson",
    )
    assert r.returncode == 0, r.stderr
    layer = json.loads(r.stdout)
    assert layer["type"] == "FeatureCollection"
    got = {f["id"]: f["geometry"]["coordinates"] for f in layer["features"]}
    assert got == {"gua": [-90.51327, 14.64072], "mix": [-90.60711, 14.63077]}


def test_geojson_counts_events_without_a_place(db: Path) -> None:
    r = _run("events", "--db", str(db), "--format", "geojson")
    layer = json.loads(r.stdout)
    assert len(layer["features"]) == 4 and layer["without_location"] == 1


@pytest.mark.parametrize(
    ("near", "km"), [("14.6", 5.0), ("north,south", 5.0), ("95,10", 5.0), ("10,10", 0.0)]
)
def test_bad_point(near: str, km: float) -> None:
    with pytest.raises(InputError, match="--near"):
        parse_point(near, km)


def test_bad_point_is_a_usage_error(db: Path) -> None:
    r = _run("events", "--db", str(db), "--near", "north,south")
    assert r.returncode == 2 and "[W100] --near" in r.stderr
