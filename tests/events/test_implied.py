"""Implied roles (events/implied.py, places/resolve.locate_actors): the whole pipeline codes
each sentence, and the event of the named trigger is checked (docs/coding-conventions.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from whimbrel.events.implied import IMPLIED_GOVERNMENT
from whimbrel.pipeline import Pipeline
from whimbrel.records import Article, Event

DAY = dt.date(2024, 3, 1)


def event_of(pipeline: Pipeline, text: str, trigger: str) -> Event:
    coded = pipeline.code_one(Article.from_text(text, published=DAY))
    assert coded.error is None
    found = [e for e in coded.events if e.evidence and e.evidence.trigger == trigger]
    assert found, f"no event on {trigger!r}: {[e.evidence for e in coded.events]}"
    return found[0]


def codes(actors: list) -> list[tuple[str | None, str | None]]:
    return [(a.code, a.sector) for a in actors]


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        # Role-only actors take the country of the event's place.
        (
            "Gunmen on motorbikes shot dead at least 12 villagers in Plateau state overnight.",
            "shot",
            [("NGA", "UAF")],
            [("NGA", "CVL")],
        ),
        # A place that is the target codes as its country.
        ("Russian forces shelled Kherson and Nikopol overnight.", "shelled", None, ["UKR"]),
        # Violence against a thing in a place: the place's country is the target.
        (
            "Russian warplanes bombed a crowded market in Aleppo, killing at least 39 people.",
            "bombed",
            [("RUS", "MIL")],
            ["SYR"],
        ),
    ],
)
def test_actors_take_the_country_of_the_events_place(
    pipeline: Pipeline,
    text: str,
    trigger: str,
    source: list | None,
    target: list,
) -> None:
    event = event_of(pipeline, text, trigger)
    if source is not None:
        assert codes(event.source) == source
    got = codes(event.target) if isinstance(target[0], tuple) else [a.code for a in event.target]
    assert sorted(set(got)) == sorted(set(target))


def test_a_country_named_in_the_text_is_not_overwritten_by_the_place(pipeline: Pipeline) -> None:
    event = event_of(
        pipeline, "Russian forces shelled the port of Odesa, Ukrainian officials said.", "shelled"
    )
    assert codes(event.source) == [("RUS", "MIL")]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # A government actor named in the sentence.
        (
            "Tens of thousands of Belarusians marched through central Minsk on Sunday to demand "
            "that President Alexander Lukashenko step down.",
            ("BLR", "GOV", "President Alexander Lukashenko"),
        ),
        # The sentence points at the government without naming a coded actor.
        (
            "Thousands of Serbians marched through Belgrade to demand accountability from the "
            "government.",
            ("SRB", "GOV", None),
        ),
    ],
)
def test_a_protest_without_a_target_is_against_its_government(
    pipeline: Pipeline, text: str, target: tuple[str, str, str | None]
) -> None:
    event = event_of(pipeline, text, "marched")
    assert event.event_type == "PROTEST"
    assert len(event.target) == 1
    actor = event.target[0]
    assert (actor.code, actor.sector) == target[:2]
    if target[2] is not None:
        assert actor.text == target[2]


def test_a_protest_that_names_no_government_keeps_no_target(pipeline: Pipeline) -> None:
    event = event_of(pipeline, "Young Tunisians rioted in several towns overnight.", "rioted")
    assert event.event_type == "PROTEST"
    assert event.target == []
    assert all(a.text != IMPLIED_GOVERNMENT for a in event.source)


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        (
            "Indian and Sri Lankan navies completed the SLINEX exercise off Trincomalee on Sunday.",
            "completed",
            ["IND"],
            ["LKA"],
        ),
        (
            "Egyptian and Sudanese air forces held joint drills near Khartoum on Wednesday.",
            "held",
            ["EGY"],
            ["SDN"],
        ),
    ],
)
def test_joint_cooperation_splits_first_member_from_the_others(
    pipeline: Pipeline, text: str, trigger: str, source: list[str], target: list[str]
) -> None:
    event = event_of(pipeline, text, trigger)
    assert event.event_type == "COOPERATE"
    assert [a.code for a in event.source] == source
    assert [a.code for a in event.target] == target


def test_symmetric_consult_keeps_every_participant_as_source(pipeline: Pipeline) -> None:
    event = event_of(
        pipeline, "Chinese and Indian officials held talks in Beijing on Monday.", "held"
    )
    assert event.event_type == "CONSULT"
    assert {a.code for a in event.source} == {"CHN", "IND"}
