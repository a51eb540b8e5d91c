"""The seed article (published 2022-06-06) gives its events, and none from residue or bio.

Types, triggers and role texts are asserted; country codes where the actors stage gives them
(Cuba, Venezuela, Nicaragua, Argentina, Brazil, Guatemala).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import SEED
from whimbrel.ingest.readers import read_text_file
from whimbrel.pipeline import CodedArticle, Pipeline
from whimbrel.records import Actor, Event


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline) -> CodedArticle:
    result = pipeline.code_one(read_text_file(SEED, dt.date(2022, 6, 6)))
    assert result.error is None
    return result


def _event(coded: CodedArticle, trigger: str) -> Event:
    hits = [e for e in coded.events if e.evidence.trigger == trigger]
    assert hits, f"no event on {trigger!r}"
    return hits[0]


def _names(actors: list[Actor]) -> str:
    return " | ".join(a.text for a in actors)


def _codes(actors: list[Actor]) -> set[str | None]:
    return {a.code for a in actors}


@pytest.mark.parametrize(
    ("trigger", "types", "source", "target"),
    [
        # Cuba, Venezuela and Nicaragua are boycotting the summit (PROTEST boycott: the
        # manual's mode covers boycotts of an organization or activity by anyone).
        ("boycotting", {"PROTEST"}, ["Cuba", "Venezuela", "Nicaragua"], []),
        # "and then Biden excluded them"
        ("excluded", {"REJECT"}, ["Biden"], ["them"]),
        # "lift energy sanctions from the Maduro regime"
        ("lift", {"CONCEDE", "RETREAT"}, ["Biden"], ["Maduro regime"]),
        # "he placed government officials ... on the US corruption list"
        ("placed", {"SANCTION"}, ["he"], []),
        # "accusing him of human-rights abuses" (him = Bukele)
        ("accusing", {"ACCUSE"}, ["he"], ["him"]),
        # "Team Biden diverted humanitarian aid from El Salvador's government to ... NGOs"
        ("diverted", {"AID", "SANCTION"}, ["Team Biden"], []),
        ("hound", {"ACCUSE"}, ["Team Biden"], ["Bukele"]),
        # "Harris' June 2021 trip to Guatemala"
        ("trip", {"CONSULT"}, ["Harris"], ["Guatemala"]),
        # "protesters mocked the veep"
        ("mocked", {"PROTEST"}, ["protesters"], ["veep"]),
        # "had to beg them to attend"
        ("beg", {"REQUEST"}, ["Biden"], ["them"]),
        # the four countries "are not sending their heads of state"
        ("sending", {"REJECT"}, ["Honduras", "El Salvador", "Guatemala"], []),
        # "Biden has attacked and harassed ..." in words: ACCUSE, never ASSAULT
        ("attacked", {"ACCUSE"}, ["Biden"], []),
        ("harassed", {"ACCUSE"}, ["Biden"], []),
        ("delegitimize", {"ACCUSE"}, ["He"], ["Bukele"]),
    ],
)
def test_seed_events(
    coded: CodedArticle, trigger: str, types: set[str], source: list[str], target: list[str]
) -> None:
    event = _event(coded, trigger)
    assert event.event_type in types
    for name in source:
        assert name in _names(event.source)
    for name in target:
        assert name in _names(event.target)
    assert not event.negated


@pytest.mark.parametrize(
    ("trigger", "side", "codes"),
    [
        ("boycotting", "source", {"CUB", "VEN", "NIC"}),
        ("excluded", "source", {"USA"}),
        ("excluded", "target", {"CUB", "VEN", "NIC"}),
        ("lift", "target", {"VEN"}),
        ("beg", "target", {"ARG", "BRA"}),
        ("trip", "target", {"GTM"}),
        ("hound", "target", {"SLV"}),
        ("mocked", "source", {"GTM"}),
    ],
)
def test_seed_codes_from_the_actors_stage(
    coded: CodedArticle, trigger: str, side: str, codes: set[str]
) -> None:
    event = _event(coded, trigger)
    assert codes <= _codes(getattr(event, side))


def test_seed_boycott_mode(coded: CodedArticle) -> None:
    event = _event(coded, "boycotting")
    assert (event.mode, event.cameo, event.quad_class) == ("boycott", "143", "material conflict")


def test_seed_has_no_assault_and_no_idiom(coded: CodedArticle) -> None:
    # No assault happens in the op-ed: "attacked and harassed" are words, and a "cell
    # member's attempt to smuggle in terrorists to assassinate" a president is a plot
    # (flagged hypothetical if coded at all).
    assert not [
        e
        for e in coded.events
        if e.event_type == "ASSAULT" and not e.hypothetical and not e.negated
    ]
    # "a slap in the administration's face" is no event
    assert not [e for e in coded.events if "slap" in e.evidence.trigger.lower()]


def test_seed_residue_and_bio_give_no_event(coded: CodedArticle) -> None:
    text = coded.article.text
    assert "Irina Tsukerman" not in text and "Share Selection" not in text
    for event in coded.events:
        assert "Tsukerman" not in event.evidence.sentence
        assert "Thanks for contacting us" not in event.evidence.sentence
        assert text[event.evidence.start : event.evidence.end] == event.evidence.sentence
