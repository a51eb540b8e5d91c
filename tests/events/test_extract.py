"""The event coder on single sentences, with the real spaCy model and actors stage.

Each case names the event the sentence must give (type, trigger) and the words its source
and target must contain; roles come from syntax (passive, control, coordination, relative
clauses, nominal events), modality decides refusals, opinions and negation.
"""

from __future__ import annotations

import datetime as dt

import pytest

from whimbrel.events.extract import top_event
from whimbrel.pipeline import Pipeline
from whimbrel.records import Actor, Article, Event

DAY = dt.date(2022, 6, 6)


def code(pipeline: Pipeline, text: str) -> list[Event]:
    coded = pipeline.code_one(Article.from_text(text, published=DAY))
    assert coded.error is None
    return coded.events


def find(events: list[Event], trigger: str) -> Event:
    hits = [e for e in events if e.evidence.trigger == trigger]
    assert hits, f"no event on {trigger!r}: {[(e.event_type, e.evidence.trigger) for e in events]}"
    return hits[0]


def texts(actors: list[Actor]) -> str:
    return " | ".join(a.text for a in actors)


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "source", "target"),
    [
        # passive with agent
        (
            "Cuba, Venezuela and Nicaragua were excluded from the summit by Biden.",
            "excluded",
            "REJECT",
            ["Biden"],
            ["Cuba", "Venezuela", "Nicaragua"],
        ),
        # control verb: the subject of "tried" acts
        (
            "President Biden tried to delegitimize Nayib Bukele.",
            "delegitimize",
            "ACCUSE",
            ["Biden"],
            ["Bukele"],
        ),
        # reported speech: the speaker is not the source
        (
            "The Ukrainian foreign ministry said Russian troops shelled the city of Kharkiv.",
            "shelled",
            "ASSAULT",
            ["Russian troops"],
            ["Kharkiv"],
        ),
        # relative clause: the modified noun acts
        (
            "Protesters in Guatemala City mocked Kamala Harris, who was visiting Guatemala.",
            "visiting",
            "CONSULT",
            ["Kamala Harris"],
            ["Guatemala"],
        ),
        # nominal event: possessor acts, complement is the target
        (
            "Kamala Harris' June 2021 trip to Guatemala was an embarrassment.",
            "trip",
            "CONSULT",
            ["Kamala Harris"],
            ["Guatemala"],
        ),
        # negated participation is itself a refusal
        (
            "Mexico, Honduras and Guatemala are not sending their heads of state to the summit.",
            "sending",
            "REJECT",
            ["Mexico", "Honduras", "Guatemala"],
            [],
        ),
        (
            "Argentina declined to attend the summit in Los Angeles.",
            "declined",
            "REJECT",
            ["Argentina"],
            [],
        ),
        # offers are AGREE
        (
            "Japan offered to send humanitarian aid to Turkey.",
            "offered",
            "AGREE",
            ["Japan"],
            ["Turkey"],
        ),
        # threats are THREATEN
        (
            "Iran threatened to close the Strait of Hormuz if the United States imposed new "
            "sanctions.",
            "threatened",
            "THREATEN",
            ["Iran"],
            [],
        ),
        (
            "Chinese police arrested dozens of Uyghur activists in Urumqi.",
            "arrested",
            "COERCE",
            ["Chinese police"],
            ["Uyghur activists"],
        ),
        (
            "The European Union imposed sanctions on Russian banks.",
            "imposed",
            "SANCTION",
            ["European Union"],
            ["Russian banks"],
        ),
    ],
)
def test_roles_and_types(
    pipeline: Pipeline,
    text: str,
    trigger: str,
    event_type: str,
    source: list[str],
    target: list[str],
) -> None:
    event = find(code(pipeline, text), trigger)
    assert event.event_type == event_type
    for name in source:
        assert name in texts(event.source)
    for name in target:
        assert name in texts(event.target)
    if not target:
        assert all(a.code not in {s.code for s in event.source} for a in event.target)
    assert event.evidence.sentence in text
    assert text[event.evidence.trigger_start : event.evidence.trigger_end] == trigger


def test_reported_speech_keeps_the_reporter(pipeline: Pipeline) -> None:
    text = "The Ukrainian foreign ministry said Russian troops shelled the city of Kharkiv."
    event = find(code(pipeline, text), "shelled")
    assert event.reporter is not None and "ministry" in event.reporter.text
    assert all("ministry" not in a.text for a in event.source)


def test_coordinated_verbs_share_their_object(pipeline: Pipeline) -> None:
    events = code(pipeline, "Biden has attacked and harassed the government of El Salvador.")
    for trigger in ("attacked", "harassed"):
        event = find(events, trigger)
        # figurative: attacks in words are accusations
        assert event.event_type == "ACCUSE"
        assert "Biden" in texts(event.source)
        assert "El Salvador" in texts(event.target)


@pytest.mark.parametrize(
    "text",
    [
        "Russia did not attack Ukraine on Sunday.",
        "The United States should sanction Iran over its nuclear programme.",
        "The decision was a slap in the administration's face.",
        "Honduras and Mexico would much rather deal with Iran, China and Russia.",
    ],
)
def test_no_event_happened(pipeline: Pipeline, text: str) -> None:
    """Negated events, opinions and idioms: no top event (negated ones are only flagged)."""
    events = code(pipeline, text)
    assert top_event(events) is None, [(e.event_type, e.evidence.trigger) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "A flood killed 20 people in northern Bangladesh on Monday.",
        "Heavy rain caused landslides that blocked roads across Nepal.",
        "A cholera outbreak has killed more than 300 people in Malawi, health officials said.",
        "A bus plunged into a ravine in northern India, killing 14 passengers.",
    ],
)
def test_no_conflict_event_from_non_political_text(pipeline: Pipeline, text: str) -> None:
    events = code(pipeline, text)
    assert not [e for e in events if e.quad_class and "conflict" in e.quad_class]


def test_event_fields_follow_the_ontology(pipeline: Pipeline) -> None:
    event = find(
        code(pipeline, "The European Union imposed sanctions on Russian banks."), "imposed"
    )
    assert event.quad_class == "material conflict"
    assert event.cameo == "160" and event.score == -6.0
    assert 0.0 < event.confidence <= 1.0
    assert event.date == DAY and not event.negated and not event.hypothetical


def test_hypothetical_offer_is_flagged(pipeline: Pipeline) -> None:
    events = code(
        pipeline,
        "Israel would ease restrictions on Gaza if the fighting stops, a defence official said.",
    )
    event = find(events, "ease")
    assert event.event_type in {"CONCEDE", "AGREE"}
    assert event.hypothetical


def test_confidence_ranks_complete_events_above_bare_ones(pipeline: Pipeline) -> None:
    full = find(code(pipeline, "Chinese police arrested dozens of Uyghur activists."), "arrested")
    bare = find(code(pipeline, "Dozens of activists were arrested."), "arrested")
    assert full.confidence > bare.confidence


@pytest.mark.parametrize(
    ("text", "main", "subordinate"),
    [
        (
            "Chile recalled its ambassador from Caracas after Venezuela detained two Chilean "
            "journalists.",
            "recalled",
            "detained",
        ),
        (
            "Kenya's parliament expelled two senators whom it accused of inciting violence in "
            "Nakuru.",
            "expelled",
            "accused",
        ),
        (
            "Peru's foreign ministry summoned the Bolivian ambassador after Bolivia's president "
            "criticised the arrest of a former leader.",
            "summoned",
            "criticised",
        ),
    ],
)
def test_main_clause_event_is_the_top_event(
    pipeline: Pipeline, text: str, main: str, subordinate: str
) -> None:
    events = code(pipeline, text)
    find(events, subordinate)  # the subordinate event is still coded ...
    top = top_event(events)
    assert top is not None and top.evidence.trigger == main  # ... but is not the main one
