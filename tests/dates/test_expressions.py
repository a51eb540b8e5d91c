"""Date expressions resolved against a publication date (and the previous date said)."""

from __future__ import annotations

import datetime as dt

import pytest

from whimbrel.dates.expressions import (
    Context,
    Resolved,
    find_expressions,
    parse_with_dateparser,
    period_end,
)

MON = dt.date(2022, 6, 6)  # a Monday
D = dt.date


def _resolve(
    text: str, published: dt.date = MON, future: bool = False, anchor: Resolved | None = None
) -> tuple[str, Resolved | None]:
    found = find_expressions(text)
    assert len(found) == 1, [f.text for f in found]
    ctx = Context(published, anchor or Resolved(published, "day"), future)
    return found[0].text, found[0].resolve(ctx)


@pytest.mark.parametrize(
    ("text", "date", "granularity"),
    [
        ("on Wednesday", D(2022, 6, 1), "day"),
        ("late Thursday", D(2022, 6, 2), "day"),
        ("Sunday night", D(2022, 6, 5), "day"),
        ("on Monday", MON, "day"),  # the article's own weekday is its publication day
        ("last Monday", D(2022, 5, 30), "day"),
        ("yesterday", D(2022, 6, 5), "day"),
        ("today", MON, "day"),
        ("last week", D(2022, 6, 1), "month"),  # May 30 - June 5: its Thursday is in June
        ("earlier this month", D(2022, 6, 1), "month"),
        ("last month", D(2022, 5, 1), "month"),
        ("last year", D(2021, 1, 1), "year"),
        ("June 2021", D(2021, 6, 1), "month"),
        ("mid-May", D(2022, 5, 1), "month"),
        ("in August", D(2021, 8, 1), "month"),  # no year: the nearest past August
        ("May 28", D(2022, 5, 28), "day"),
        ("June 12", D(2021, 6, 12), "day"),  # after publication: last year's
        ("Sept. 11, 2001", D(2001, 9, 11), "day"),
        ("5 March 2019", D(2019, 3, 5), "day"),
        ("in 2009", D(2009, 1, 1), "year"),
        ("early 2021", D(2021, 1, 1), "year"),
        ("the 1990s", D(1990, 1, 1), "year"),
        ("three days ago", D(2022, 6, 3), "day"),
        ("two weeks ago", D(2022, 5, 23), "day"),
        ("over the weekend", D(2022, 6, 4), "day"),
        ("on Christmas Day", D(2021, 12, 25), "day"),
        ("on Thanksgiving", D(2021, 11, 25), "day"),  # fourth Thursday of November
        ("2021-03-04", D(2021, 3, 4), "day"),
    ],
)
def test_expression(text: str, date: dt.date, granularity: str) -> None:
    _, r = _resolve(f"It happened {text}.")
    assert r is not None
    assert (r.date, r.granularity) == (date, granularity)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("on Friday", D(2022, 6, 10)),
        ("next Tuesday", D(2022, 6, 7)),
        ("on Monday", MON),
        ("in August", D(2022, 8, 1)),
    ],
)
def test_future_sentences_look_ahead(text: str, date: dt.date) -> None:
    _, r = _resolve(f"They will meet {text}.", future=True)
    assert r is not None and r.date == date


@pytest.mark.parametrize(
    ("text", "anchor", "date", "granularity"),
    [
        ("Two days later", Resolved(D(2022, 6, 3), "day"), D(2022, 6, 5), "day"),
        ("The next day", Resolved(D(2023, 2, 27), "day"), D(2023, 2, 28), "day"),
        ("A week later", Resolved(D(2022, 5, 20), "day"), D(2022, 5, 27), "day"),
        ("The day before", Resolved(D(2022, 1, 1), "day"), D(2021, 12, 31), "day"),
        # counted from a month, the result is only known to the month
        ("Two days later", Resolved(D(2021, 6, 1), "month"), D(2021, 6, 1), "month"),
        ("The following week", Resolved(D(2021, 10, 30), "day"), D(2021, 11, 1), "month"),
    ],
)
def test_chained_expressions_count_from_the_previous_date(
    text: str, anchor: Resolved, date: dt.date, granularity: str
) -> None:
    _, r = _resolve(f"{text}, troops withdrew.", anchor=anchor)
    assert r is not None and r.chained
    assert (r.date, r.granularity) == (date, granularity)


@pytest.mark.parametrize(
    "text",
    ["It may rain.", "They march in protest.", "He sent 2,000 troops.", "A 66-year-old man."],
)
def test_words_that_are_not_dates(text: str) -> None:
    assert find_expressions(text) == []


@pytest.mark.parametrize(
    "text", ["four years", "the past decade", "66-year-old", "several months", "the time"]
)
def test_dateparser_refuses_durations_and_ages(text: str) -> None:
    assert parse_with_dateparser(text, MON) is None


@pytest.mark.parametrize(
    ("text", "date", "granularity"),
    [("03/04/2021", D(2021, 3, 4), "day"), ("the 5th of June 2020", D(2020, 6, 5), "day")],
)
def test_dateparser_covers_other_forms(text: str, date: dt.date, granularity: str) -> None:
    r = parse_with_dateparser(text, MON)
    assert r is not None and (r.date, r.granularity) == (date, granularity)


@pytest.mark.parametrize(
    ("r", "end"),
    [
        (Resolved(D(2021, 2, 1), "month"), D(2021, 2, 28)),
        (Resolved(D(2020, 1, 1), "year"), D(2020, 12, 31)),
        (Resolved(D(2020, 5, 3), "day"), D(2020, 5, 3)),
    ],
)
def test_period_end(r: Resolved, end: dt.date) -> None:
    assert period_end(r) == end
