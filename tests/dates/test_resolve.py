"""The dates stage on real parses: which expression an event takes, fallback, historical."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from whimbrel.dates import resolve_dates, timeline
from whimbrel.eval.dates import trigger_event
from whimbrel.nlp import Document, parse
from whimbrel.records import Article, Event

MON = dt.date(2022, 6, 6)


def _doc(nlp: Language, text: str, published: dt.date | None = MON) -> Document:
    return next(parse([Article.from_text(text, published=published)], nlp))


def _dated(nlp: Language, text: str, trigger: str, published: dt.date | None = MON) -> Event:
    document = _doc(nlp, text, published)
    (event,) = resolve_dates(document, [trigger_event(document, trigger)])
    return event


@pytest.mark.parametrize(
    ("trigger", "date"),
    [("marched", dt.date(2022, 6, 1)), ("said", dt.date(2022, 6, 2))],
)
def test_the_date_in_the_events_own_clause_wins(nlp: Language, trigger: str, date: dt.date) -> None:
    text = "Police said late Thursday that protesters had marched on Wednesday."
    event = _dated(nlp, text, trigger)
    assert (event.date, event.date_granularity, event.date_fallback) == (date, "day", False)


@pytest.mark.parametrize(
    ("text", "trigger", "date", "fallback"),
    [
        # the sentence before, in the same paragraph, gives the date
        (
            "Soldiers surrounded the parliament on Thursday. They arrested the speaker.",
            "arrested",
            dt.date(2022, 6, 2),
            False,
        ),
        # ... but not across a paragraph break
        (
            "Soldiers surrounded the parliament on Thursday.\nThey arrested the speaker.",
            "arrested",
            MON,
            True,
        ),
        # nothing said: the publication date, flagged
        ("Police raided the offices of the opposition party.", "raided", MON, True),
    ],
)
def test_neighbouring_sentence_and_fallback(
    nlp: Language, text: str, trigger: str, date: dt.date, fallback: bool
) -> None:
    event = _dated(nlp, text, trigger)
    assert (event.date, event.date_fallback) == (date, fallback)


def test_chained_dates_cross_sentences(nlp: Language) -> None:
    text = (
        "The army seized power on Oct. 25. Three days later, protesters filled the "
        "streets. The next day, the general resigned."
    )
    document = _doc(nlp, text, dt.date(2021, 11, 18))
    dates = [m.resolved.date for m in timeline(document)]
    assert dates == [dt.date(2021, 10, 25), dt.date(2021, 10, 28), dt.date(2021, 10, 29)]
    (event,) = resolve_dates(document, [trigger_event(document, "resigned")])
    assert event.date == dt.date(2021, 10, 29)


@pytest.mark.parametrize(
    ("text", "trigger", "historical"),
    [
        ("The army seized power in 2009 after months of unrest.", "seized", True),
        ("The president had been ousted from office and fled abroad.", "ousted", True),
        ("The general was toppled in a coup years ago.", "toppled", True),
        ("In the 1990s, the army crushed an uprising.", "crushed", True),
        ("Harris' June 2021 trip ended badly; protesters mocked the veep.", "mocked", False),
        ("The ministry said on Sunday that it had suspended the talks.", "suspended", False),
        ("Rebels attacked a convoy last week.", "attacked", False),
    ],
)
def test_historical(nlp: Language, text: str, trigger: str, historical: bool) -> None:
    assert _dated(nlp, text, trigger).historical is historical


def test_no_publication_date_leaves_events_alone(nlp: Language) -> None:
    event = _dated(nlp, "Rebels attacked a convoy on Wednesday.", "attacked", published=None)
    assert (event.date, event.date_granularity, event.date_fallback) == (None, None, False)


def test_a_count_is_not_a_year(nlp: Language) -> None:
    event = _dated(nlp, "The government sent 2000 troops to the border.", "sent")
    assert event.date_fallback and event.date == MON


def test_no_events_no_work(nlp: Language) -> None:
    assert resolve_dates(_doc(nlp, "On Monday it rained."), []) == []


@pytest.mark.parametrize(
    ("text", "trigger", "date"),
    [
        # only the clause that speaks of the future looks ahead
        (
            "The election on Oct. 2 went to a runoff scheduled for Oct. 30.",
            "went",
            dt.date(2022, 10, 2),
        ),
        (
            "The election on Oct. 2 went to a runoff scheduled for Oct. 30.",
            "scheduled",
            dt.date(2022, 10, 30),
        ),
        ("The ministers will meet on Friday.", "meet", dt.date(2022, 10, 14)),
        ("The ministers met on Friday.", "met", dt.date(2022, 10, 7)),
    ],
)
def test_future_is_read_per_clause(nlp: Language, text: str, trigger: str, date: dt.date) -> None:
    assert _dated(nlp, text, trigger, published=dt.date(2022, 10, 12)).date == date
