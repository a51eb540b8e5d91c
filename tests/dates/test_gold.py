"""The dates gold set: pinned minimums (measured 235/235 on 2026-11-28; the target is 95%)."""

from __future__ import annotations

from spacy.language import Language

from tests.conftest import DATA
from whimbrel.eval.dates import score_dates

MIN_ACCURACY = 0.97
MIN_HISTORICAL = 0.95


def test_dates_gold(nlp: Language) -> None:
    report = score_dates(DATA / "dates-gold.jsonl", nlp)
    assert report.total >= 150
    assert report.accuracy >= MIN_ACCURACY, report.misses
    assert report.historical_accuracy >= MIN_HISTORICAL, report.misses
    assert report.fallback_right == report.fallback_total
