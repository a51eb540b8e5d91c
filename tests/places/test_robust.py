"""Both stages take any event the events stage may give, without raising."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from whimbrel.dates import resolve_dates
from whimbrel.nlp import parse
from whimbrel.places import resolve_places
from whimbrel.records import Article, Event, Evidence

TEXT = "KYIV, Ukraine (AP) — Russian forces shelled Kharkiv on Monday.\n\nTalks went on."


@pytest.mark.parametrize(
    ("start", "end", "trigger_start", "trigger_end"),
    [
        (0, len(TEXT), None, None),  # no trigger offsets
        (500, 600, 510, 515),  # offsets past the end of the text
        (3, 3, 3, 3),  # an empty span
        (len(TEXT) - 5, len(TEXT), len(TEXT) - 5, len(TEXT)),  # the last sentence
    ],
)
def test_odd_events_do_not_raise(
    nlp: Language, start: int, end: int, trigger_start: int | None, trigger_end: int | None
) -> None:
    document = next(parse([Article.from_text(TEXT, published=dt.date(2022, 6, 6))], nlp))
    event = Event(
        id="x",
        article_id=document.article.id,
        event_type="ASSAULT",
        evidence=Evidence(
            sentence=TEXT[start:end],
            start=start,
            end=end,
            trigger="t",
            trigger_start=trigger_start,
            trigger_end=trigger_end,
        ),
    )
    (dated,) = resolve_dates(document, [event])
    (placed,) = resolve_places(document, [dated])
    assert placed.date is not None and placed.date_granularity is not None
    assert placed.location is not None and placed.location.country == "UKR"  # the dateline


def test_empty_article(nlp: Language) -> None:
    document = next(parse([Article.from_text("", published=dt.date(2022, 6, 6))], nlp))
    event = Event(
        id="x",
        article_id="a",
        event_type="ASSAULT",
        evidence=Evidence(sentence="", start=0, end=0, trigger=""),
    )
    (placed,) = resolve_places(document, resolve_dates(document, [event]))
    assert placed.date_fallback and placed.location is None
