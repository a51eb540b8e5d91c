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
        # a force owning what was attacked is the target, of the event's country
        (
            "Gunmen ambushed a police convoy in the northern state of Zamfara, killing 9 officers.",
            "ambushed",
            [("NGA", "UAF")],
            [("NGA", "COP")],
        ),
        # an unknown person arrested: of the event's country
        (
            "Kenyan police arrested Boniface Mwangi in Nairobi on Friday.",
            "arrested",
            [("KEN", "COP")],
            ["KEN"],
        ),
        # victims named only as people: a role with the event's country
        ("Police arrested 40 people in Port of Spain on Friday.", "arrested", None, ["TTO"]),
        # no target: the place its sentence names
        (
            "A car bomb exploded at a checkpoint in Mogadishu, killing 9 people.",
            "exploded",
            None,
            ["SOM"],
        ),
        # a dateline with a date places role-only actors
        (
            "DHAKA, July 18 - Protesters torched a police station.",
            "torched",
            [("BGD", "CVL")],
            ["BGD"],
        ),
        # Aid is for the people of the place it is brought to.
        (
            "Jordanian planes parachuted food parcels into northern Gaza on Monday.",
            "parachuted",
            None,
            ["PSE"],
        ),
        (
            "Two field hospitals were set up in Antakya by Azerbaijan's emergencies ministry.",
            "set",
            None,
            ["TUR"],
        ),
        # Violence against a thing in a place: the place's country is the target.
        (
            "Russian warplanes bombed a crowded market in Aleppo, killing at least 39 people.",
            "bombed",
            [("RUS", "MIL")],
            ["SYR"],
        ),
        # Unnamed victims are of the place the violence happened in, not of the attacker
        # whose country word the sentence has; named ones keep their own.
        ("Russian drones hit Odesa, killing four residents.", "killing", None, ["UKR"]),
        ("Russian drones hit Odesa, killing two Georgian sailors.", "killing", None, ["GEO"]),
        # ... and a place the victims are sent to is not where it happened
        (
            "Cuban police arrested 30 dissidents and flew them to Managua.",
            "arrested",
            None,
            ["CUB"],
        ),
        # a city the KB's population list lacks, pounded: its country is the target
        ("Russian artillery pounded Kherson overnight.", "pounded", None, ["UKR"]),
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


def test_a_passive_mobilization_has_the_forces_as_source(pipeline: Pipeline) -> None:
    event = event_of(
        pipeline,
        "Hundreds of riot police were deployed in Nairobi ahead of the opposition march.",
        "deployed",
    )
    assert event.event_type == "MOBILIZE"
    assert codes(event.source) == [("KEN", "COP")]
    assert event.target == []


def test_victims_named_only_as_people_are_not_article_actors(pipeline: Pipeline) -> None:
    coded = pipeline.code_one(
        Article.from_text("Police arrested 40 people in Port of Spain on Friday.", published=DAY)
    )
    assert [a.text for a in coded.actors] == ["Police"]


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
        # whatever else the sentence names
        (
            "Senegal and Mali launched joint patrols against jihadist groups along their border.",
            "launched",
            ["SEN"],
            ["MLI"],
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


def test_forces_flown_in_as_aid_are_its_source(pipeline: Pipeline) -> None:
    """A passive with no agent: the forces sent stand for whoever sent them."""
    event = event_of(
        pipeline,
        "Some 400 Kenyan police officers were flown into Port-au-Prince at the request of "
        "Haiti's government.",
        "flown",
    )
    assert event.event_type == "AID"
    assert codes(event.source) == [("KEN", "COP")]
    assert [a.code for a in event.target] == ["HTI"]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # where the troops are sent is no nearby target either
        ("The United States sent 500 troops to Poland on Friday.", "sent"),
        # a joint agreement's third parties are not its recipient
        (
            "Kosovo and Serbia agreed in Ohrid on an implementation annex to the EU-backed plan.",
            "agreed",
        ),
    ],
)
def test_no_nearby_target(pipeline: Pipeline, text: str, trigger: str) -> None:
    assert event_of(pipeline, text, trigger).target == []
