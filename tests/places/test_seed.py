"""End to end on the seed article: the protest during Harris' trip is dated June 2021 and
placed in Guatemala, through the real pipeline."""

from __future__ import annotations

import datetime as dt

from tests.conftest import SEED
from whimbrel.ingest.readers import read_text_file
from whimbrel.pipeline import Pipeline
from whimbrel.places import haversine_km


def test_seed_protest_is_june_2021_in_guatemala(pipeline: Pipeline) -> None:
    coded = pipeline.code_one(read_text_file(SEED, published=dt.date(2022, 6, 6)))
    assert coded.error is None
    found = [e for e in coded.events if "protesters mocked the veep" in e.evidence.sentence]
    assert found, [e.evidence.sentence[:60] for e in coded.events]
    for event in found:
        assert (event.date, event.date_granularity) == (dt.date(2021, 6, 1), "month")
        assert not event.date_fallback and not event.historical
        loc = event.location
        assert loc is not None and loc.country == "GTM" and loc.feature == "PCLI"
        assert loc.lat is not None and loc.lon is not None
        assert haversine_km(loc.lat, loc.lon, 14.634, -90.507) < 25  # Guatemala City
    # every event of the article got a date; background ones are flagged
    assert all(e.date is not None and e.date_granularity for e in coded.events)
