"""The places gold set: pinned minimums (measured 208/209 right country and 197/198 within
25 km when written; targets 97% and 90%)."""

from __future__ import annotations

from spacy.language import Language

from tests.conftest import DATA
from whimbrel.eval.places import score_places

MIN_COUNTRY = 0.97
MIN_WITHIN_25KM = 0.95


def test_places_gold(nlp: Language) -> None:
    report = score_places(DATA / "places-gold.jsonl", nlp)
    assert report.total >= 150
    assert report.country_accuracy >= MIN_COUNTRY, report.misses
    assert report.within_rate >= MIN_WITHIN_25KM, report.misses
    assert report.admin1_right >= report.admin1_total - 1, report.misses
