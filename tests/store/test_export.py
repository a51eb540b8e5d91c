"""Exports shared by the CLI and the API: csv columns, jsonl contract, GeoJSON order."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from whimbrel.records import Actor, Event, Evidence, Location
from whimbrel.store.export import CSV_COLUMNS, to_csv, to_geojson, to_jsonl


def _event(n: int, location: Location | None) -> Event:
    return Event(
        id=f"e{n}",
        article_id="a1",
        event_type="PROTEST",
        mode="boycott",
        source=[Actor(text="Cuba", code="CUB", sector="GOV"), Actor(text="Venezuela", code="VEN")],
        target=[Actor(text="Biden", code="USA", sector="GOV")],
        evidence=Evidence(sentence='They said "no", firmly.', start=0, end=23, trigger="said"),
        date=dt.date(2022, 6, 6),
        location=location,
        confidence=0.9,
    )


GUATEMALA = Location(text="Guatemala", name="Guatemala", country="GTM", lat=15.5, lon=-90.25)


def test_csv_has_one_row_per_event_and_joins_actors() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv([_event(1, GUATEMALA), _event(2, None)]))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 2
    assert rows[0]["source_codes"] == "CUB|VEN"
    assert rows[0]["source_sectors"] == "GOV|"
    assert rows[0]["sentence"] == 'They said "no", firmly.'  # quoting survives
    assert rows[1]["location"] == ""


def test_jsonl_is_one_contract_object_a_line() -> None:
    lines = to_jsonl([_event(1, None), _event(2, None)]).splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["e1", "e2"]


@pytest.mark.parametrize("located", [0, 1, 2])
def test_geojson_is_lon_lat_and_counts_unplaced(located: int) -> None:
    events = [_event(i, GUATEMALA if i < located else None) for i in range(2)]
    collection = to_geojson(events)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == located
    assert collection["without_location"] == 2 - located
    for feature in collection["features"]:
        assert feature["geometry"]["coordinates"] == [-90.25, 15.5]
        assert feature["properties"]["country"] == "GTM"
