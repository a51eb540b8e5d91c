"""Pinned minimums on the held-out gold set (tests/data/events-gold.json).

The gold set is written independently and never used for training or tuning; these floors
sit a few points below what was measured when they were pinned (docs/events.md), so that a
regression fails CI.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.conftest import DATA
from whimbrel.eval.events import EventReport, evaluate

GOLD = DATA / "events-gold.json"

MIN_TYPE = 0.82
MIN_TRIPLE = 0.50
MIN_SOURCE = 0.78
MIN_TARGET = 0.62
MAX_NONE_CONFLICT_FP = 0.08


@pytest.fixture(scope="module")
def report(nlp: Language) -> EventReport:
    return evaluate(GOLD, nlp)


def test_gold_is_substantial(report: EventReport) -> None:
    assert report.n >= 400


def test_type_accuracy(report: EventReport) -> None:
    assert report.type_accuracy() >= MIN_TYPE


def test_full_triple_accuracy(report: EventReport) -> None:
    assert report.triple_accuracy() >= MIN_TRIPLE


def test_source_accuracy(report: EventReport) -> None:
    assert report.actor_accuracy()["source"] >= MIN_SOURCE


def test_target_accuracy(report: EventReport) -> None:
    assert report.actor_accuracy()["target"] >= MIN_TARGET


def test_few_conflict_events_from_non_political_texts(report: EventReport) -> None:
    assert report.no_event_false_positives()["conflict"] <= MAX_NONE_CONFLICT_FP


def test_confidence_ranks(report: EventReport) -> None:
    """The most confident fifth of top events is more often right than the least."""
    bins = report.calibration(bins=5)
    assert bins[-1][2] > bins[0][2]
